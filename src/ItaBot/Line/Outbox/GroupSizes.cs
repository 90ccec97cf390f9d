using System.Collections.Concurrent;
using ItaBot.Line.Api;

namespace ItaBot.Line;

/// <summary>
/// How many people a push to a chat reaches, for counting usage the way LINE bills it. Group sizes are asked
/// of LINE and kept for a few hours; when LINE will not tell (rooms, or an API error) the push counts as one
/// and is marked as an estimate.
/// </summary>
public sealed class GroupSizes(TimeProvider time)
{
    static readonly TimeSpan KeepFor = TimeSpan.FromHours(6);
    readonly ConcurrentDictionary<(string Channel, string Group), (int Count, DateTimeOffset At)> _known = new();

    public async Task<(int Recipients, bool Estimated)> RecipientsAsync(LineApiClient api, LineChannel channel, OutboxMessage message, CancellationToken ct)
    {
        if (message.Kind == OutboxKind.Multicast || !message.To.StartsWith('C'))
            return message.To.StartsWith('R') ? (1, true) : (message.RecipientCount, false);

        var key = (channel.Name, message.To);
        if (_known.TryGetValue(key, out var known) && time.GetUtcNow() - known.At < KeepFor)
            return (known.Count, false);
        var result = await api.GetGroupMemberCountAsync(channel, message.To, ct);
        if (!result.Ok || result.Value < 1) return (1, true);
        _known[key] = (result.Value, time.GetUtcNow());
        return (result.Value, false);
    }
}
