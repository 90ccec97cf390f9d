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
    public async Task<ChannelQuota> GetAsync(string channel, CancellationToken ct)
    {
        var counted = await CountedThisMonthAsync(channel, ct);
        var fromLine = await AskLineAsync(channel, ct);
        if (fromLine is { } quota) return quota with { Used = Math.Max(quota.Used, counted) };
        var assumed = options.CurrentValue.AssumedMonthlyQuota;
        return new ChannelQuota(channel, assumed > 0 ? assumed : null, counted, FromLine: false);
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

    async Task<long> CountedThisMonthAsync(string channel, CancellationToken ct)
    {
        var month = time.Now().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var sent = await db.LineUsage.AsNoTracking().Where(u => u.Channel == channel && u.Month == month).Select(u => u.Messages).FirstOrDefaultAsync(ct);
        var reminders = await BilledThisMonthAsync(db, time, channel, ct);
        return Math.Max(sent, reminders);
    }

    /// <summary>What reminders queued on the channel this Bangkok month, billed per recipient.</summary>
    public static async Task<long> BilledThisMonthAsync(ItaBotDb db, TimeProvider time, string channel, CancellationToken ct)
    {
        var local = time.Now();
        var monthStartUtc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1), Bangkok.Zone);
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Channel == channel && d.CreatedAtUtc >= monthStartUtc && d.Kind != DeliveryKind.InSummary)
            .SumAsync(d => (long)d.BilledEstimate, ct);
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
