using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// A measure done in a round stays done unless an administrator reopens it (เปิดมาตรการ). The reporter may still
/// change their own Done within the correction time. Follow-up answers (a result, a link) are not new statuses:
/// what locks is the status entry they add to.
/// </summary>
public static class MeasureLocks
{
    /// <summary>The status entry behind a measure's latest entry (the entry itself unless it is a follow-up answer).</summary>
    public static long StatusEntryId(StatusReport latest) => latest.AnswersReportId ?? latest.Id;

    /// <summary>Measures whose latest status in the round is Done and has not been reopened.</summary>
    public static async Task<HashSet<int>> LockedAsync(ItaBotDb db, IReadOnlyDictionary<int, StatusReport> latest, CancellationToken ct)
    {
        var done = latest.Values.Where(r => r.Status == MeasureStatus.Done).ToList();
        if (done.Count == 0) return [];
        var ids = done.Select(StatusEntryId).ToList();
        var reopened = await db.MeasureReopenings.Where(r => ids.Contains(r.StatusReportId)).Select(r => r.StatusReportId).ToListAsync(ct);
        return done.Where(r => !reopened.Contains(StatusEntryId(r))).Select(r => r.MeasureId).ToHashSet();
    }

    public static async Task<bool> IsLockedAsync(ItaBotDb db, StatusReport? latest, CancellationToken ct)
    {
        if (latest is not { Status: MeasureStatus.Done }) return false;
        var entry = StatusEntryId(latest);
        return !await db.MeasureReopenings.AnyAsync(r => r.StatusReportId == entry, ct);
    }

    /// <summary>Locked for this person now: Done, not reopened, and not their own record still within the correction time.</summary>
    public static async Task<bool> IsLockedForAsync(ItaBotDb db, StatusReport? latest, string? userId, DateTime nowUtc, TimeSpan correction, CancellationToken ct)
    {
        if (!await IsLockedAsync(db, latest, ct)) return false;
        return !await IsOwnAndRecentAsync(db, latest!, userId, nowUtc, correction, ct);
    }

    /// <summary>The status entry behind <paramref name="latest"/> is this person's and younger than the correction time.</summary>
    public static async Task<bool> IsOwnAndRecentAsync(ItaBotDb db, StatusReport latest, string? userId, DateTime nowUtc, TimeSpan correction, CancellationToken ct)
    {
        if (userId is null) return false;
        var entry = latest.AnswersReportId is { } parent
            ? await db.StatusReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == parent, ct) ?? latest
            : latest;
        return entry.ReporterLineUserId == userId && nowUtc - entry.ReportedAtUtc <= correction;
    }
}
