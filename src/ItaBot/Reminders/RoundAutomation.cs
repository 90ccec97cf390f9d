using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders;

/// <summary>What the daily round job did.</summary>
public sealed record RoundChanges(int OrganizationsChecked, int RoundsCreated, IReadOnlyList<int> Closed);

/// <summary>
/// Rounds run by the calendar: each organization gets this fiscal year's standard rounds, a round
/// counts as open for reminders from its window's first day, and it closes by itself after its due
/// date plus grace. A round an administrator reopens after that stays open. The demo organization, loaded in the
/// fiscal year it was on first start, follows the calendar like any other.
/// </summary>
public sealed class RoundAutomation(
    ItaBotDb db, TimeProvider time, IOptionsMonitor<ReminderOptions> options, IOptions<RoundDueDates> dueDates,
    ILogger<RoundAutomation> logger)
{
    public async Task<RoundChanges> RunAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue;
        if (!settings.AutomateRounds) return new RoundChanges(0, 0, []);
        var today = time.Today();
        var fiscalYear = ThaiCalendar.FiscalYearOf(today);

        var before = await db.Rounds.CountAsync(ct);
        var organizations = await db.Organizations
            .Where(o => !db.Rounds.Any(r => r.OrganizationId == o.Id && r.FiscalYear == fiscalYear && r.Kind != RoundKind.Custom))
            .ToListAsync(ct);
        foreach (var organization in organizations)
            await Rounds.EnsureStandardRoundsAsync(db, organization, fiscalYear, time, ct, dueDates: dueDates.Value);
        var created = await db.Rounds.CountAsync(ct) - before;

        var lastOpenDay = today.AddDays(-settings.RoundGraceDays);
        var overdue = await db.Rounds
            .Where(r => r.State == RoundState.Open && r.DueDate < lastOpenDay && !db.AutoClosedRounds.Any(a => a.RoundId == r.Id))
            .ToListAsync(ct);
        foreach (var round in overdue)
        {
            Rounds.Close(round, time);
            db.AutoClosedRounds.Add(new AutoClosedRound { RoundId = round.Id, ClosedAtUtc = time.GetUtcNow().UtcDateTime });
        }
        await db.SaveChangesAsync(ct);

        if (created > 0 || overdue.Count > 0)
            logger.LogInformation("Rounds for FY {FiscalYear}: {Created} created, {Closed} closed after due date + {Grace} days.",
                fiscalYear, created, overdue.Count, settings.RoundGraceDays);
        return new RoundChanges(organizations.Count, created, overdue.Select(r => r.Id).ToList());
    }
}
