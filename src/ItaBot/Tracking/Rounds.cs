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

    /// <summary>The round people are reporting on now: the open round with the earliest due date.</summary>
    public static Task<Round?> CurrentAsync(ItaBotDb db, int organizationId, CancellationToken ct) =>
        db.Rounds.Where(r => r.OrganizationId == organizationId && r.State == RoundState.Open)
            .OrderBy(r => r.DueDate).FirstOrDefaultAsync(ct);

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
