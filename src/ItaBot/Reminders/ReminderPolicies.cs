using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Reminders.Holidays;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders;

/// <summary>What a policy costs against the channel's quota, for the reply to the administrator who changed it.</summary>
public sealed record PolicyCost(QuotaEstimate Estimate, ChannelQuota Quota)
{
    public bool OverQuota => Quota.Remaining is { } remaining && Estimate.Messages > remaining;
}

/// <summary>The outcome of a policy edit: applied (with its cost), or refused with a reason in Thai.</summary>
public sealed record PolicyChange(ReminderPolicy? Policy, PolicyCost? Cost, bool Warned, string? Error)
{
    public static PolicyChange Refused(string error) => new(null, null, false, error);
}

/// <summary>An organization's reminder policy: read with configured defaults, changed by administrators, costed before it applies.</summary>
public sealed class ReminderPolicies(
    ItaBotDb db,
    TimeProvider time,
    IOptionsMonitor<ReminderOptions> options,
    ShippedHolidays shippedHolidays,
    IReminderRecipients recipients,
    IChannelQuotas quotas,
    ReminderDispatch dispatch,
    LineApiClient api,
    LineChannels channels,
    GroupSizes groupSizes)
{
    public async Task<ReminderPolicy> GetAsync(int organizationId, CancellationToken ct) =>
        await db.ReminderPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct)
        ?? options.CurrentValue.DefaultPolicy(organizationId);

    /// <summary>
    /// Applies <paramref name="edit"/> to the organization's policy, estimates what it will cost over the
    /// next 30 days, and warns the administrators' chat when that is more than the quota has left.
    /// </summary>
    public async Task<PolicyChange> ChangeAsync(int organizationId, Action<ReminderPolicy> edit, string? changedBy, CancellationToken ct)
    {
        var proposed = (await GetAsync(organizationId, ct)).Copy();
        edit(proposed);
        if (Problem(proposed) is { } problem) return PolicyChange.Refused(problem);

        proposed.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        proposed.UpdatedBy = changedBy;
        var stored = await db.ReminderPolicies.FirstOrDefaultAsync(p => p.OrganizationId == organizationId, ct);
        if (stored is null) db.ReminderPolicies.Add(proposed);
        else db.Entry(stored).CurrentValues.SetValues(proposed);
        if (stored is not null) stored.DaysBefore = [.. proposed.DaysBefore];
        await db.SaveChangesAsync(ct);

        var cost = await CostAsync(organizationId, proposed, ct);
        var warned = cost is { OverQuota: true }
            && await WarnAsync(organizationId, cost, $"policy-{proposed.UpdatedAtUtc:yyyyMMddHHmmss}", ct);
        return new PolicyChange(proposed, cost, warned, null);
    }

    /// <summary>Daily: organizations whose current policy would outrun the quota hear about it once a month.</summary>
    public async Task<int> WarnWhereOverQuotaAsync(CancellationToken ct)
    {
        var month = time.Now().ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var organizations = await db.Rounds.AsNoTracking().Where(r => r.State == RoundState.Open).Select(r => r.OrganizationId).Distinct().ToListAsync(ct);
        var warned = 0;
        foreach (var organizationId in organizations)
        {
            var cost = await CostAsync(organizationId, await GetAsync(organizationId, ct), ct);
            if (cost is { OverQuota: true } && await WarnAsync(organizationId, cost, $"quota-{month}", ct)) warned++;
        }
        return warned;
    }

    /// <summary>The next 30 days of <paramref name="policy"/> on the organization's current round; null when no round is open.</summary>
    public async Task<PolicyCost?> CostAsync(int organizationId, ReminderPolicy policy, CancellationToken ct)
    {
        var round = await Rounds.CurrentAsync(db, organizationId, ct);
        if (round is null) return null;

        var chats = await recipients.UnitChatsAsync([organizationId], ct);
        var admin = (await recipients.AdminChatsAsync([organizationId], ct)).FirstOrDefault();
        // A policy is costed rarely and per organization, so here LINE is asked how big each group is.
        chats = await Task.WhenAll(chats.Select(async c => c with { MemberCount = await GroupSizeAsync(c.Channel, c.ChatId, c.MemberCount, ct) }));
        if (admin is not null) admin = admin with { MemberCount = await GroupSizeAsync(admin.Channel, admin.To, admin.MemberCount, ct) };
        var changes = await db.OrganizationHolidays.AsNoTracking().Where(h => h.OrganizationId == organizationId).ToListAsync(ct);
        var hours = new WorkingHours(policy.WorkStart, policy.WorkEnd, HolidaySet.For(shippedHolidays, changes));
        var today = time.Today();
        var from = round.WindowStart > today ? round.WindowStart : today;
        var estimate = QuotaEstimate.For(policy, new RoundDates(round.WindowStart, round.DueDate), hours, from,
            round.DueDate.AddDays(options.CurrentValue.RoundGraceDays), chats, admin);

        var channel = admin?.Channel ?? chats.GroupBy(c => c.Channel).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        var quota = channel is null ? new ChannelQuota("", null, 0, false) : await quotas.GetAsync(channel, ct);
        return new PolicyCost(estimate, quota);
    }

    /// <summary>LINE's count for a group (cached for the waves), else what the chat layer knew.</summary>
    async Task<int?> GroupSizeAsync(string channelName, string chatId, int? known, CancellationToken ct)
    {
        if (channels.Find(channelName) is not { CanSend: true } channel) return known;
        return await groupSizes.CountAsync(api, channel, chatId, ct) ?? known;
    }

    async Task<bool> WarnAsync(int organizationId, PolicyCost cost, string slot, CancellationToken ct)
    {
        var admin = (await recipients.AdminChatsAsync([organizationId], ct)).FirstOrDefault();
        if (admin is null) return false;
        var push = new ReminderPush(
            ReminderDelivery.KeyFor(organizationId, "quota", null, slot), organizationId, null, slot, DeliveryKind.QuotaWarning,
            admin.Channel, admin.To, [], 0, Math.Max(1, admin.MemberCount ?? 1), ReminderMessages.QuotaWarning(cost.Estimate, cost.Quota));
        return await dispatch.EnqueueAsync([push], ct) == 1;
    }

    /// <summary>Why a policy cannot apply, in words the administrator can act on; null when it can.</summary>
    public static string? Problem(ReminderPolicy policy)
    {
        if (policy.WorkEnd <= policy.WorkStart)
            return $"เวลาเลิกงาน ({ThaiDigits.ToThai(policy.WorkEnd.ToString("HH:mm"))}) ต้องหลังเวลาเริ่มงาน ({ThaiDigits.ToThai(policy.WorkStart.ToString("HH:mm"))})";
        if (policy.DaysBefore.FirstOrDefault(d => d is < 1 or > 180) is var bad and not 0)
            return $"จำนวนวันก่อนครบกำหนดต้องอยู่ระหว่าง ๑ ถึง ๑๘๐ วัน (ได้ {ThaiDigits.ToThai(bad)})";
        if (policy.DaysBefore.Count > 10)
            return "เตือนก่อนครบกำหนดได้ไม่เกิน ๑๐ ครั้ง";
        if (policy.QuotaFallbackPercent is < 1 or > 100)
            return "เกณฑ์โควตาต้องอยู่ระหว่าง ๑ ถึง ๑๐๐ เปอร์เซ็นต์";
        return null;
    }
}
