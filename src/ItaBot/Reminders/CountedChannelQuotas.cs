using ItaBot.Data;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders;

/// <summary>
/// The quota as far as this app can tell by itself: the configured monthly allowance
/// (<c>Reminders:AssumedMonthlyQuota</c>, the free plan's 300 by default) minus what reminders were
/// billed this Bangkok calendar month. Used when LINE cannot be asked.
/// </summary>
public sealed class CountedChannelQuotas(ItaBotDb db, TimeProvider time, IOptionsMonitor<ReminderOptions> options) : IChannelQuotas
{
    public async Task<ChannelQuota> GetAsync(string channel, CancellationToken ct)
    {
        var used = await BilledThisMonthAsync(db, time, channel, ct);
        var limit = options.CurrentValue.AssumedMonthlyQuota;
        return new ChannelQuota(channel, limit > 0 ? limit : null, used, FromLine: false);
    }

    public static async Task<long> BilledThisMonthAsync(ItaBotDb db, TimeProvider time, string channel, CancellationToken ct)
    {
        var local = time.Now();
        var monthStartUtc = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1), Bangkok.Zone);
        return await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Channel == channel && d.CreatedAtUtc >= monthStartUtc && d.Kind != DeliveryKind.InSummary)
            .SumAsync(d => (long)d.BilledEstimate, ct);
    }
}
