using ItaBot.Data;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tracking;

/// <summary>Creating, opening and closing an organization's reporting rounds.</summary>
public static class Rounds
{
    /// <summary>
    /// Makes sure the fiscal year has its 6- and 12-month rounds. A round whose due date has already
    /// passed is created closed, unless <paramref name="keepOpen"/> (the demo keeps its rounds open to play with).
    /// </summary>
    public static async Task<IReadOnlyList<Round>> EnsureStandardRoundsAsync(
        ItaBotDb db, Organization org, int fiscalYear, TimeProvider time, CancellationToken ct, bool keepOpen = false,
        RoundDueDates? dueDates = null)
    {
        var existing = await db.Rounds.Where(r => r.OrganizationId == org.Id && r.FiscalYear == fiscalYear).ToListAsync(ct);
        var today = time.Today();
        dueDates ??= new RoundDueDates();
        foreach (var kind in new[] { RoundKind.SixMonth, RoundKind.TwelveMonth })
        {
            if (existing.Any(r => r.Kind == kind)) continue;
            var (start, end) = ThaiCalendar.RoundWindow(fiscalYear, kind);
            var due = dueDates.DueDate(fiscalYear, kind);
            var closed = !keepOpen && today > due;
            var round = new Round
            {
                OrganizationId = org.Id,
                Organization = org,
                FiscalYear = fiscalYear,
                Kind = kind,
                WindowStart = start,
                WindowEnd = end,
                DueDate = due,
                State = closed ? RoundState.Closed : RoundState.Open,
                ClosedAtUtc = closed ? EndOfDayUtc(due) : null,
            };
            db.Rounds.Add(round);
            existing.Add(round);
        }
        await db.SaveChangesAsync(ct);
        return existing.OrderBy(r => r.WindowEnd).ToList();
    }

    /// <summary>
    /// The round people are reporting on now: the open round with the earliest due date (the older round on a
    /// tie). Chat files answers under it, reminders chase it, summaries show it. This is the only definition.
    /// </summary>
    public static Task<Round?> CurrentAsync(ItaBotDb db, int organizationId, CancellationToken ct) =>
        InCurrentOrder(db.Rounds.Where(r => r.OrganizationId == organizationId && r.State == RoundState.Open)).FirstOrDefaultAsync(ct);

    /// <summary>Each organization's current round (<see cref="CurrentAsync"/>) in one query; all organizations when <paramref name="organizationIds"/> is null.</summary>
    public static async Task<Dictionary<int, Round>> CurrentByOrganizationAsync(
        ItaBotDb db, IReadOnlyCollection<int>? organizationIds, CancellationToken ct)
    {
        var open = db.Rounds.AsNoTracking().Where(r => r.State == RoundState.Open);
        if (organizationIds is not null) open = open.Where(r => organizationIds.Contains(r.OrganizationId));
        var current = new Dictionary<int, Round>();
        foreach (var round in await InCurrentOrder(open).ToListAsync(ct))
            current.TryAdd(round.OrganizationId, round);
        return current;
    }

    /// <summary>The round to show when someone asks without naming one: the current round, else the one that ended last (read-only).</summary>
    public static async Task<Round?> ShownAsync(ItaBotDb db, int organizationId, CancellationToken ct) =>
        await CurrentAsync(db, organizationId, ct)
        ?? await db.Rounds.Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.WindowEnd).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);

    static IOrderedQueryable<Round> InCurrentOrder(IQueryable<Round> open) => open.OrderBy(r => r.DueDate).ThenBy(r => r.Id);

    public static void Close(Round round, TimeProvider time)
    {
        if (round.State == RoundState.Closed) return;
        round.State = RoundState.Closed;
        round.ClosedAtUtc = time.GetUtcNow().UtcDateTime;
    }

    public static void Reopen(Round round)
    {
        round.State = RoundState.Open;
        round.ClosedAtUtc = null;
    }

    static DateTime EndOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), Bangkok.Zone);
}
