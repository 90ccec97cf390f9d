using System.Collections.Concurrent;

namespace ItaBot.Reminders;

/// <summary>
/// Group sizes LINE reported (<c>GET /v2/bot/group/{id}/members/count</c>), kept for some hours: asked when a
/// policy is costed, then used by waves, which must not call LINE once per group.
/// </summary>
public sealed class GroupSizeCache
{
    static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);
    readonly ConcurrentDictionary<(string Channel, string ChatId), (int Count, DateTimeOffset At)> _known = new();

    public int? TryGet(string channel, string chatId, DateTimeOffset now) =>
        _known.TryGetValue((channel, chatId), out var known) && now - known.At < KeepFor && now >= known.At ? known.Count : null;

    public void Set(string channel, string chatId, int count, DateTimeOffset now) => _known[(channel, chatId)] = (count, now);
}
