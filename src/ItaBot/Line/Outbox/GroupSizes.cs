using System.Collections.Concurrent;
using ItaBot.Line.Api;

namespace ItaBot.Line;

/// <summary>
/// How many people a push to a chat reaches, the way LINE bills it. Group sizes are asked of LINE
/// (<c>GET /v2/bot/group/{id}/members/count</c>) and kept for some hours, for counting sent pushes and for costing
/// reminders, which must not call LINE once per group per wave. When LINE will not tell (rooms, or an API error)
/// a push counts as one and is marked as an estimate.
/// </summary>
public sealed class GroupSizes(TimeProvider time)
{
    static readonly TimeSpan KeepFor = TimeSpan.FromHours(12);
    readonly ConcurrentDictionary<(string Channel, string Group), (int Count, DateTimeOffset At)> _known = new();

    /// <summary>The size LINE last reported for the group, if it is recent.</summary>
    public int? Known(string channel, string chatId)
    {
        var now = time.GetUtcNow();
        return _known.TryGetValue((channel, chatId), out var known) && now - known.At < KeepFor && now >= known.At ? known.Count : null;
    }

    /// <summary>The group's size, asked of LINE unless recently known; null for rooms, users or when LINE cannot say.</summary>
    public async Task<int?> CountAsync(LineApiClient api, LineChannel channel, string chatId, CancellationToken ct)
    {
        if (!chatId.StartsWith('C')) return null;
        if (Known(channel.Name, chatId) is { } known) return known;
        var result = await api.GetGroupMemberCountAsync(channel, chatId, ct);
        if (!result.Ok || result.Value < 1) return null;
        _known[(channel.Name, chatId)] = (result.Value, time.GetUtcNow());
        return result.Value;
    }

    public async Task<(int Recipients, bool Estimated)> RecipientsAsync(LineApiClient api, LineChannel channel, OutboxMessage message, CancellationToken ct)
    {
        if (message.Kind == OutboxKind.Multicast || !message.To.StartsWith('C'))
            return message.To.StartsWith('R') ? (1, true) : (message.RecipientCount, false);
        return await CountAsync(api, channel, message.To, ct) is { } count ? (count, false) : (1, true);
    }
}
