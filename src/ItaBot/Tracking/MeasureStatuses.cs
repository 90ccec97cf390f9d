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
        var counted = RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, nowUtc ?? DateTime.MaxValue));
        var measures = db.Measures.Where(m => m.OrganizationId == round.OrganizationId && m.FiscalYear == round.FiscalYear);
        if (measureIds is not null) measures = measures.Where(m => measureIds.Contains(m.Id));
        // Per measure, the one latest answer (the order of Later: when given, then id), found from the end of the
        // (measure, reported at) index: a busy measure's whole history is never read to keep its last row.
        var latestIds = measures.Select(m => counted.Where(s => s.MeasureId == m.Id)
            .OrderByDescending(s => s.ReportedAtUtc).ThenByDescending(s => s.Id).Select(s => (long?)s.Id).FirstOrDefault());
        var reports = await db.StatusReports.AsNoTracking().Where(s => latestIds.Contains(s.Id)).ToListAsync(ct);
        return reports.ToDictionary(r => r.MeasureId);
    }

    /// <summary>
    /// The measures with at least one answer that counts for each round (<see cref="RoundWindows"/>: for the 12-month
    /// round, anything reported in the whole fiscal year), by round id. Reminders use it to know who still owes an answer.
    /// </summary>
    public static async Task<Dictionary<int, HashSet<int>>> AnsweredAsync(ItaBotDb db, IReadOnlyCollection<int> roundIds, DateTime nowUtc, CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToListAsync(ct);
        var answered = rounds.ToDictionary(r => r.Id, _ => new HashSet<int>());
        // A wave over thousands of organizations asks for thousands of rounds that share a few windows (every agency's
        // 6-month round is 1 Oct – 31 Mar): one query per window and cut-off instead of one per round. The rule is
        // RoundWindows.Counted's, applied to the rows of several rounds at once and finished in memory.
        foreach (var window in rounds.GroupBy(r => (r.FiscalYear, Start: RoundWindows.StartUtc(r), End: RoundWindows.EndUtc(r), CutOff: RoundWindows.CutOffUtc(r, nowUtc))))
        {
            var (fiscalYear, start, end, cutOff) = window.Key;
            var byOrganization = window.ToLookup(r => r.OrganizationId);
            var organizationIds = byOrganization.Select(g => g.Key).ToList();
            var roundIdsHere = window.Select(r => r.Id).ToList();
            var reports = db.StatusReports.AsNoTracking().NotWithdrawn()
                .Where(s => s.Measure!.FiscalYear == fiscalYear && s.ReportedAtUtc <= cutOff);
            // Many organizations: their id range rather than a long IN list (the answers of others in it are dropped below).
            var (first, last) = (organizationIds.Min(), organizationIds.Max());
            reports = reports.Where(s => s.Measure!.OrganizationId >= first && s.Measure.OrganizationId <= last);
            if (organizationIds.Count <= 50)
                reports = reports.Where(s => organizationIds.Contains(s.Measure!.OrganizationId)
                    && (roundIdsHere.Contains(s.RoundId) || (s.ReportedAtUtc >= start && s.ReportedAtUtc <= end)));
            var rows = await reports
                .Select(s => new { s.Measure!.OrganizationId, s.RoundId, s.MeasureId, InWindow = s.ReportedAtUtc >= start && s.ReportedAtUtc <= end })
                .Distinct()
                .ToListAsync(ct);
            foreach (var row in rows)
                foreach (var round in byOrganization[row.OrganizationId])
                    if (row.InWindow || row.RoundId == round.Id)
                        answered[round.Id].Add(row.MeasureId);
        }
        return answered;
    }

    /// <summary>Answers are ordered by when they were given; the id breaks a tie (same clock reading).</summary>
    public static bool Later(StatusReport a, StatusReport b) =>
        a.ReportedAtUtc > b.ReportedAtUtc || (a.ReportedAtUtc == b.ReportedAtUtc && a.Id > b.Id);
}
