using ItaBot.Data;
using ItaBot.Reminders.Holidays;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders;

/// <summary>
/// Sends what is due now. Correctness does not depend on when it runs: every run plans from the clock,
/// takes only the latest slot of each stream, skips chats already reminded since that slot's day began, and
/// enqueues under keys (one per chat) that make a second run, a restart or a second instance a no-op. Hangfire
/// only decides how soon after a slot it notices; a missed run fired late is just another run.
/// </summary>
public sealed class ReminderWave(
    ItaBotDb db,
    TimeProvider time,
    IOptionsMonitor<ReminderOptions> options,
    ShippedHolidays shippedHolidays,
    IReminderRecipients recipients,
    IChannelQuotas quotas,
    ReminderDispatch dispatch,
    ILogger<ReminderWave> logger)
{
    /// <summary>The scheduled run: every organization, due slots only, quiet times respected.</summary>
    public async Task<WaveResult> RunAsync(CancellationToken ct)
    {
        var result = await PlanAndSendAsync(organizationId: null, now: false, ct);
        if (result.Planned.Count > 0)
            logger.LogInformation("Reminder wave: {Organizations} organizations, {Planned} messages planned, {Enqueued} enqueued.",
                result.Organizations, result.Planned.Count, result.Enqueued);
        return result;
    }

    /// <summary>
    /// <c>เตือนตอนนี้</c>: the same path for one organization, but an administrator asked, so quiet times
    /// (weekends, holidays, hours, unit pauses) do not apply. Asking twice in one minute sends once.
    /// With <paramref name="unitIds"/>, only those units are reminded (<c>เตือนกองช่างด้วย</c>).
    /// </summary>
    public Task<WaveResult> RemindNowAsync(int organizationId, IReadOnlyCollection<int>? unitIds, CancellationToken ct) =>
        PlanAndSendAsync(organizationId, now: true, ct, unitIds);

    async Task<WaveResult> PlanAndSendAsync(int? organizationId, bool now, CancellationToken ct, IReadOnlyCollection<int>? onlyUnits = null)
    {
        var settings = options.CurrentValue;
        var nowUtc = time.GetUtcNow().UtcDateTime;
        var local = Bangkok.ToBangkok(nowUtc);
        var today = DateOnly.FromDateTime(local);

        // One connection for the wave's handful of reads instead of one per query.
        await db.Database.OpenConnectionAsync(ct);
        var rounds = await CurrentRoundsAsync(organizationId, today, ct);
        if (rounds.Count == 0) return WaveResult.Empty;

        var policies = await db.ReminderPolicies.AsNoTracking()
            .Where(p => organizationId == null || p.OrganizationId == organizationId)
            .ToDictionaryAsync(p => p.OrganizationId, ct);
        var holidayChanges = (await db.OrganizationHolidays.AsNoTracking()
            .Where(h => organizationId == null || h.OrganizationId == organizationId)
            .ToListAsync(ct)).ToLookup(h => h.OrganizationId);

        // Plan each organization's due slots from its own policy and calendar.
        var plans = new List<OrgPlan>();
        foreach (var round in rounds.Values)
        {
            var policy = policies.GetValueOrDefault(round.OrganizationId) ?? settings.DefaultPolicy(round.OrganizationId);
            var hours = new WorkingHours(policy.WorkStart, policy.WorkEnd, HolidaySet.For(shippedHolidays, holidayChanges[round.OrganizationId]));
            var due = now
                ? new DueSlots(new ReminderSlot(SlotKind.Now, today, new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0)), null)
                : SlotPlanner.Due(policy, round.Dates, local, hours);
            if (due.Unit is null && due.Escalation is null) continue;
            plans.Add(new OrgPlan(round, policy, due, hours));
        }
        if (plans.Count == 0) return WaveResult.Empty;

        // A slot an earlier run already handled for an organization is not planned again; new bindings wait for the next slot.
        if (!now) plans = await WithoutHandledSlotsAsync(plans, ct);
        if (plans.Count == 0) return WaveResult.Empty;

        var orgIds = plans.Select(p => p.Round.OrganizationId).ToList();
        var chats = (await recipients.UnitChatsAsync(orgIds, ct)).ToLookup(c => c.OrganizationId);
        var admins = (await recipients.AdminChatsAsync(orgIds, ct)).GroupBy(a => a.OrganizationId).ToDictionary(g => g.Key, g => g.First());
        Dictionary<int, DateOnly> pauses = now ? [] : await db.UnitPauses.AsNoTracking()
            .Where(p => p.Until >= today && (organizationId == null || p.OrganizationId == organizationId))
            .ToDictionaryAsync(p => p.UnitId, p => p.Until, ct);
        var lastReminded = now ? [] : await LastRemindedAsync(plans, ct);

        var pushes = new List<ReminderPush>();
        var spent = new Dictionary<string, long>();
        var channelQuotas = await quotas.GetAsync(chats.SelectMany(g => g).Select(c => c.Channel).Distinct().ToList(), ct);
        var enqueued = 0;
        // Organizations a batch at a time: what they owe (measures and their titles) and their messages are read, written
        // and let go before the next batch, so a wave over thousands of agencies stays within a small server's memory.
        foreach (var batch in plans.OrderBy(p => p.Round.OrganizationId).Chunk(OrganizationsPerBatch))
        {
            var batchPushes = await PlanBatchAsync(batch);
            enqueued += await dispatch.EnqueueAsync(batchPushes, ct);
            pushes.AddRange(batchPushes);
        }
        return new WaveResult(plans.Count, pushes, enqueued);

        async Task<List<ReminderPush>> PlanBatchAsync(IReadOnlyList<OrgPlan> batch)
        {
            var owing = await OwingUnitsAsync(batch, today, ct);
            var planned = new List<ReminderPush>();
            foreach (var plan in batch)
            {
                var org = plan.Round.OrganizationId;
                var units = owing.GetValueOrDefault(org) ?? [];
                if (onlyUnits is not null) units = units.Where(u => onlyUnits.Contains(u.UnitId)).ToList();
                if (units.Count == 0) continue;
                admins.TryGetValue(org, out var admin);
                var orgPushes = new List<ReminderPush>();

                if (plan.Due.Unit is { } slot)
                {
                    var reminded = units.Where(u => !pauses.TryGetValue(u.UnitId, out var until) || until < slot.Day).ToDictionary(u => u.UnitId);
                    var slotDayStart = StartOfDayUtc(slot.Day);
                    foreach (var chat in chats[org])
                    {
                        // Catch-up after downtime (or an administrator's เตือนตอนนี้ earlier that day): a chat already reminded
                        // since the slot's day began is not reminded again for it.
                        if (lastReminded.TryGetValue((chat.Channel, chat.ChatId), out var at) && at >= slotDayStart) continue;
                        var inChat = chat.UnitIds.Where(reminded.ContainsKey).Distinct().Select(id => reminded[id]).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
                        if (inChat.Count == 0) continue;
                        var unitIds = inChat.Select(u => u.UnitId).ToList();
                        var name = SlotName(slot, inChat);
                        orgPushes.Add(new ReminderPush(
                            // Per chat: every group bound to a unit gets its own reminder, once.
                            ReminderDelivery.KeyFor(org, chat.ChatId, plan.Round.Id, name),
                            org, plan.Round.Id, name, DeliveryKind.Unit, chat.Channel, chat.ChatId, unitIds,
                            inChat.Sum(u => u.Measures.Count), Math.Max(1, chat.MemberCount ?? 1),
                            ReminderMessages.UnitReminder(plan.Round, today, inChat)));
                    }
                }
                if (plan.Due.Escalation is { } escalation && admin is not null)
                {
                    orgPushes.Add(new ReminderPush(
                        ReminderDelivery.KeyFor(org, "admin", plan.Round.Id, escalation.Name),
                        org, plan.Round.Id, escalation.Name, DeliveryKind.Escalation, admin.Channel, admin.To, units.Select(u => u.UnitId).ToList(),
                        units.Sum(u => u.Measures.Count), Math.Max(1, admin.MemberCount ?? 1),
                        ReminderMessages.Escalation(plan.Round, today, units)));
                }
                if (orgPushes.Count == 0) continue;

                // Near the quota, the unit pushes of this slot become one summary to the administrators.
                var unitCost = orgPushes.Where(p => p.Kind == DeliveryKind.Unit).GroupBy(p => p.Channel).ToList();
                var fallback = false;
                ChannelQuota? nearQuota = null;
                foreach (var channel in unitCost)
                {
                    var quota = channelQuotas[channel.Key];
                    var used = quota with { Used = quota.Used + spent.GetValueOrDefault(channel.Key) };
                    // Falls back once this slot's pushes would take the channel past the line, not only after it has crossed it.
                    if ((used with { Used = used.Used + channel.Sum(p => p.BilledEstimate) }).IsNear(plan.Policy.QuotaFallbackPercent))
                    {
                        fallback = true;
                        nearQuota = used;
                    }
                }
                if (fallback && admin is not null && plan.Due.Unit is { } unitSlot)
                    orgPushes = Summarize(plan, unitSlot, today, units, admin, nearQuota!, orgPushes);
                else if (fallback)
                    logger.LogWarning("Organization {Organization} is near its LINE quota but has no admin chat to summarize to; sending unit reminders.", org);

                foreach (var push in orgPushes.Where(p => p.IsPushed))
                    spent[push.Channel] = spent.GetValueOrDefault(push.Channel) + push.BilledEstimate;
                planned.AddRange(orgPushes);
            }
            return planned;
        }
    }

    /// <summary>Organizations planned, read and enqueued together (their chunks of outbox rows each commit on their own).</summary>
    const int OrganizationsPerBatch = 500;

    /// <summary>When each chat of the planned organizations last had a unit reminder recorded, from the earliest slot day on.</summary>
    async Task<Dictionary<(string Channel, string To), DateTime>> LastRemindedAsync(List<OrgPlan> plans, CancellationToken ct)
    {
        var days = plans.Where(p => p.Due.Unit is not null).Select(p => p.Due.Unit!.Day).ToList();
        if (days.Count == 0) return [];
        var since = StartOfDayUtc(days.Min());
        var orgIds = plans.Select(p => p.Round.OrganizationId).ToList();
        var rows = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => d.Kind == DeliveryKind.Unit && d.CreatedAtUtc >= since && (orgIds.Count > 50 || orgIds.Contains(d.OrganizationId)))
            .GroupBy(d => new { d.Channel, d.To })
            .Select(g => new { g.Key.Channel, g.Key.To, Last = g.Max(d => d.CreatedAtUtc) })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.Channel, r.To), r => r.Last);
    }

    static DateTime StartOfDayUtc(DateOnly bangkokDay) =>
        TimeZoneInfo.ConvertTimeToUtc(bangkokDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Bangkok.Zone);

    /// <summary>
    /// A scheduled slot's own name; for <c>เตือนตอนนี้</c> the day plus a digest of what is owed, so the same
    /// reminder is not repeated the same day but one that changed (someone answered) goes out.
    /// </summary>
    static string SlotName(ReminderSlot slot, IReadOnlyList<OwingUnit> units)
    {
        if (slot.Kind != SlotKind.Now) return slot.Name;
        var owed = string.Join(';', units.OrderBy(u => u.UnitId).Select(u => $"{u.UnitId}:{string.Join(',', u.Measures.Select(m => m.Id))}"));
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(owed)))[..8];
        return $"{slot.Name}:{digest}";
    }

    static List<ReminderPush> Summarize(OrgPlan plan, ReminderSlot slot, DateOnly today, IReadOnlyList<OwingUnit> units, AdminChat admin, ChannelQuota quota, List<ReminderPush> planned)
    {
        var org = plan.Round.OrganizationId;
        var name = SlotName(slot, units);
        var summary = new ReminderPush(
            ReminderDelivery.KeyFor(org, "summary", plan.Round.Id, name),
            org, plan.Round.Id, name, DeliveryKind.Summary, admin.Channel, admin.To, units.Select(u => u.UnitId).ToList(),
            units.Sum(u => u.Measures.Count), Math.Max(1, admin.MemberCount ?? 1),
            ReminderMessages.QuotaSummary(plan.Round, today, units, quota));
        // The units' own keys are still recorded, so their slot counts as handled and is not pushed later.
        var folded = planned.Select(p => p with { Kind = DeliveryKind.InSummary, BilledEstimate = 0 });
        return [summary, .. folded];
    }

    /// <summary>
    /// Each organization's current round — the open one with the earliest due date, the round chat answers go
    /// to (<see cref="Rounds.CurrentAsync"/>) — when its window has started.
    /// </summary>
    async Task<Dictionary<int, RoundInfo>> CurrentRoundsAsync(int? organizationId, DateOnly today, CancellationToken ct)
    {
        var current = await Rounds.CurrentByOrganizationAsync(db, organizationId is { } id ? [id] : null, ct);
        return current.Values
            .Where(r => r.WindowStart <= today)
            .ToDictionary(r => r.OrganizationId, r => new RoundInfo(r.Id, r.OrganizationId, r.FiscalYear, r.Kind, r.WindowStart, r.WindowEnd, r.DueDate));
    }

    async Task<List<OrgPlan>> WithoutHandledSlotsAsync(List<OrgPlan> plans, CancellationToken ct)
    {
        var slotNames = plans.SelectMany(p => new[] { p.Due.Unit?.Name, p.Due.Escalation?.Name }).OfType<string>().Distinct().ToList();
        var handled = (await db.ReminderDeliveries.AsNoTracking()
            .Where(d => slotNames.Contains(d.Slot) && d.RoundId != null)
            .Select(d => new { d.RoundId, d.Slot })
            .Distinct()
            .ToListAsync(ct))
            .Select(d => (d.RoundId!.Value, d.Slot)).ToHashSet();
        var remaining = new List<OrgPlan>();
        foreach (var plan in plans)
        {
            var unit = plan.Due.Unit is { } u && !handled.Contains((plan.Round.Id, u.Name)) ? u : null;
            var escalation = plan.Due.Escalation is { } e && !handled.Contains((plan.Round.Id, e.Name)) ? e : null;
            if (unit is not null || escalation is not null) remaining.Add(plan with { Due = new DueSlots(unit, escalation) });
        }
        return remaining;
    }

    /// <summary>Per organization, the units that have measures with no answer in its current round, read in a few set queries for all organizations at once.</summary>
    async Task<Dictionary<int, List<OwingUnit>>> OwingUnitsAsync(IReadOnlyList<OrgPlan> plans, DateOnly today, CancellationToken ct)
    {
        var byOrg = plans.ToDictionary(p => p.Round.OrganizationId, p => p.Round);
        // The batch's organizations by their id range (a long IN list would only slow the queries); others in it are dropped below.
        var (first, last) = (byOrg.Keys.Min(), byOrg.Keys.Max());
        var activeRounds = db.Rounds.Where(r => r.State == RoundState.Open && r.WindowStart <= today && r.OrganizationId >= first && r.OrganizationId <= last);

        var measures = await db.Measures.AsNoTracking()
            .Where(m => activeRounds.Any(r => r.OrganizationId == m.OrganizationId && r.FiscalYear == m.FiscalYear))
            .Select(m => new { m.Id, m.OrganizationId, m.FiscalYear, m.Code, m.Title, m.Order })
            .ToListAsync(ct);
        var responsible = await db.MeasureUnits.AsNoTracking()
            .Where(mu => activeRounds.Any(r => r.OrganizationId == mu.Measure!.OrganizationId && r.FiscalYear == mu.Measure.FiscalYear))
            .Select(mu => new { mu.MeasureId, mu.UnitId })
            .ToListAsync(ct);
        // What counts as answered is Tracking's rule (a Done in the 6-month round answers the 12-month one too), not the round id alone.
        var answered = await MeasureStatuses.AnsweredAsync(db, plans.Select(p => p.Round.Id).ToList(), time.GetUtcNow().UtcDateTime, ct);
        var units = await db.Units.AsNoTracking()
            .Where(u => activeRounds.Any(r => r.OrganizationId == u.OrganizationId))
            .Select(u => new { u.Id, u.OrganizationId, u.Name })
            .ToDictionaryAsync(u => u.Id, ct);

        var owed = new Dictionary<int, OwedMeasure>();
        foreach (var m in measures)
        {
            if (byOrg.TryGetValue(m.OrganizationId, out var round) && round.FiscalYear == m.FiscalYear && !(answered.TryGetValue(round.Id, out var done) && done.Contains(m.Id)))
                owed[m.Id] = new OwedMeasure(m.Id, m.Code, m.Title, m.Order);
        }
        var result = new Dictionary<int, List<OwingUnit>>();
        foreach (var group in responsible.Where(r => owed.ContainsKey(r.MeasureId) && units.ContainsKey(r.UnitId)).GroupBy(r => r.UnitId))
        {
            var unit = units[group.Key];
            var list = group.Select(r => owed[r.MeasureId]).Distinct().OrderBy(m => m.Order).ThenBy(m => m.Code, StringComparer.Ordinal).ToList();
            if (!result.TryGetValue(unit.OrganizationId, out var orgUnits)) result[unit.OrganizationId] = orgUnits = [];
            orgUnits.Add(new OwingUnit(unit.Id, unit.Name, list));
        }
        foreach (var orgUnits in result.Values) orgUnits.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    sealed record OrgPlan(RoundInfo Round, ReminderPolicy Policy, DueSlots Due, WorkingHours Hours);
}
