using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tracking;

/// <summary>The status of a measure in a round is its latest report in that round, up to a cut-off.</summary>
public static class MeasureStatuses
{
    /// <summary>Latest report per measure in the round (measures with no report are absent).</summary>
    public static async Task<Dictionary<int, StatusReport>> LatestInRoundAsync(
        ItaBotDb db, Round round, CancellationToken ct, IReadOnlyCollection<int>? measureIds = null)
    {
        var cutoff = round.ClosedAtUtc ?? DateTime.MaxValue;
        var query = db.StatusReports.AsNoTracking().NotWithdrawn().Where(s => s.RoundId == round.Id && s.ReportedAtUtc <= cutoff);
        if (measureIds is not null) query = query.Where(s => measureIds.Contains(s.MeasureId));
        // Reports of one round are few (one per measure per update), so picking the latest in memory is cheaper than a window query.
        var reports = await query.OrderBy(s => s.Id).ToListAsync(ct);
        var latest = new Dictionary<int, StatusReport>();
        foreach (var report in reports)
        {
            if (!latest.TryGetValue(report.MeasureId, out var current) || Later(report, current))
                latest[report.MeasureId] = report;
        }
        return latest;
    }

    static bool Later(StatusReport a, StatusReport b) =>
        a.ReportedAtUtc > b.ReportedAtUtc || (a.ReportedAtUtc == b.ReportedAtUtc && a.Id > b.Id);
}
