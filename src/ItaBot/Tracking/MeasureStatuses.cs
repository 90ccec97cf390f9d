using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tracking;

/// <summary>The status of a measure in a round is its latest answer that counts for the round (<see cref="RoundWindows"/>).</summary>
public static class MeasureStatuses
{
    /// <summary>Latest counted report per measure (measures with none are absent); <paramref name="nowUtc"/> cuts an open round off (default: everything so far).</summary>
    public static async Task<Dictionary<int, StatusReport>> LatestInRoundAsync(
        ItaBotDb db, Round round, CancellationToken ct, IReadOnlyCollection<int>? measureIds = null, DateTime? nowUtc = null)
    {
        var query = RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, nowUtc ?? DateTime.MaxValue));
        if (measureIds is not null) query = query.Where(s => measureIds.Contains(s.MeasureId));
        // Answers per measure are few, so picking the latest in memory is cheaper than a window query.
        var reports = await query.ToListAsync(ct);
        var latest = new Dictionary<int, StatusReport>();
        foreach (var report in reports)
        {
            if (!latest.TryGetValue(report.MeasureId, out var current) || Later(report, current))
                latest[report.MeasureId] = report;
        }
        return latest;
    }

    /// <summary>
    /// The measures with at least one answer that counts for each round (<see cref="RoundWindows"/>: for the 12-month
    /// round, anything reported in the whole fiscal year), by round id. Reminders use it to know who still owes an answer.
    /// </summary>
    public static async Task<Dictionary<int, HashSet<int>>> AnsweredAsync(ItaBotDb db, IReadOnlyCollection<int> roundIds, DateTime nowUtc, CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToListAsync(ct);
        var answered = new Dictionary<int, HashSet<int>>();
        foreach (var round in rounds)
        {
            var ids = await RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, nowUtc))
                .Select(s => s.MeasureId).Distinct().ToListAsync(ct);
            answered[round.Id] = [.. ids];
        }
        return answered;
    }

    /// <summary>Answers are ordered by when they were given; the id breaks a tie (same clock reading).</summary>
    public static bool Later(StatusReport a, StatusReport b) =>
        a.ReportedAtUtc > b.ReportedAtUtc || (a.ReportedAtUtc == b.ReportedAtUtc && a.Id > b.Id);
}
