using System.Collections.Concurrent;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders;

/// <summary>
/// A channel's quota from LINE (<c>GET /v2/bot/message/quota</c> and <c>…/quota/consumption</c>), asked
/// at most every few minutes. What this app has counted itself this month (the sender's usage and the
/// reminders it queued) is taken when it is higher, because LINE's figure lags. When LINE cannot be
/// asked (no token, no network) the configured allowance stands in, marked as not from LINE.
/// </summary>
public sealed class LineChannelQuotas(
    LineApiClient api,
    LineChannels channels,
    ItaBotDb db,
    TimeProvider time,
    IOptionsMonitor<ReminderOptions> options,
    LineQuotaCache cache) : IChannelQuotas
{
    public async Task<ChannelQuota> GetAsync(string channel, CancellationToken ct) => (await GetAsync([channel], ct))[channel];

    public async Task<IReadOnlyDictionary<string, ChannelQuota>> GetAsync(IReadOnlyCollection<string> channels, CancellationToken ct)
    {
        var counted = await CountedThisMonthAsync(channels, ct);
        var assumed = options.CurrentValue.AssumedMonthlyQuota;
        var result = new Dictionary<string, ChannelQuota>(StringComparer.OrdinalIgnoreCase);
        foreach (var channel in channels.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var used = counted.GetValueOrDefault(channel);
            result[channel] = await AskLineAsync(channel, ct) is { } quota
                ? quota with { Used = Math.Max(quota.Used, used) }
                : new ChannelQuota(channel, assumed > 0 ? assumed : null, used, FromLine: false);
        }
        return result;
    }

    async Task<ChannelQuota?> AskLineAsync(string channelName, CancellationToken ct)
    {
        if (cache.TryGet(channelName, time.GetUtcNow()) is { } cached) return cached;
        if (channels.Find(channelName) is not { CanSend: true } channel) return null;
        var quota = await api.GetQuotaAsync(channel, ct);
        var usage = await api.GetQuotaConsumptionAsync(channel, ct);
        if (!quota.Ok || quota.Value is null || !usage.Ok || usage.Value is null) return null;
        var result = new ChannelQuota(channelName, quota.Value.IsLimited ? quota.Value.Value : null, usage.Value.TotalUsage, FromLine: true);
        cache.Set(channelName, result, time.GetUtcNow());
        return result;
    }

    /// <summary>Per channel, the higher of what the sender counted this month and what reminders queued (not all of it sent yet).</summary>
    async Task<Dictionary<string, long>> CountedThisMonthAsync(IReadOnlyCollection<string> channels, CancellationToken ct)
    {
        var local = time.Now();
        var month = local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var monthStartUtc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1), Bangkok.Zone);
        // Few channels: ask for them; many (a host of agencies): one pass over the month is cheaper than a long IN list.
        var few = channels.Count <= 50;
        var sent = await db.LineUsage.AsNoTracking()
            .Where(u => u.Month == month && (!few || channels.Contains(u.Channel)))
            .Select(u => new { u.Channel, u.Messages })
            .ToListAsync(ct);
        var reminders = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.CreatedAtUtc >= monthStartUtc && d.Kind != DeliveryKind.InSummary && (!few || channels.Contains(d.Channel)))
            .GroupBy(d => d.Channel)
            .Select(g => new { Channel = g.Key, Billed = g.Sum(d => (long)d.BilledEstimate) })
            .ToListAsync(ct);
        var counted = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in sent) counted[u.Channel] = u.Messages;
        foreach (var r in reminders) counted[r.Channel] = Math.Max(counted.GetValueOrDefault(r.Channel), r.Billed);
        return counted;
    }
}

/// <summary>LINE's quota answers, kept a few minutes so a wave over many organizations asks once per channel.</summary>
public sealed class LineQuotaCache
{
    static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);
    readonly ConcurrentDictionary<string, (ChannelQuota Quota, DateTimeOffset At)> _known = new(StringComparer.OrdinalIgnoreCase);

    public ChannelQuota? TryGet(string channel, DateTimeOffset now) =>
        _known.TryGetValue(channel, out var known) && now - known.At < KeepFor && now >= known.At ? known.Quota : null;

    public void Set(string channel, ChannelQuota quota, DateTimeOffset now) => _known[channel] = (quota, now);
}
