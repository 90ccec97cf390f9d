using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>A measure done in a round stays done unless an administrator reopens it (เปิดมาตรการ).</summary>
public static class MeasureLocks
{
    /// <summary>Measures whose latest report in the round is Done and has not been reopened.</summary>
    public static async Task<HashSet<int>> LockedAsync(ItaBotDb db, IReadOnlyDictionary<int, StatusReport> latest, CancellationToken ct)
    {
        var doneReports = latest.Values.Where(r => r.Status == MeasureStatus.Done).Select(r => r.Id).ToList();
        if (doneReports.Count == 0) return [];
        var reopened = await db.MeasureReopenings.Where(r => doneReports.Contains(r.StatusReportId)).Select(r => r.StatusReportId).ToListAsync(ct);
        return latest.Values.Where(r => r.Status == MeasureStatus.Done && !reopened.Contains(r.Id)).Select(r => r.MeasureId).ToHashSet();
    }

    public static async Task<bool> IsLockedAsync(ItaBotDb db, StatusReport? latest, CancellationToken ct) =>
        latest is { Status: MeasureStatus.Done } && !await db.MeasureReopenings.AnyAsync(r => r.StatusReportId == latest.Id, ct);
}
