using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// A measure's entries in a round, as the chat shows them: the status entry and the follow-up answers added to it
/// (each holding only its own answer), none withdrawn.
/// </summary>
public static class Entries
{
    /// <summary>The status entry and its answers, oldest first.</summary>
    public static Task<List<StatusReport>> RunAsync(ItaBotDb db, long statusEntryId, CancellationToken ct) =>
        db.StatusReports.AsNoTracking().NotWithdrawn()
            .Where(r => r.Id == statusEntryId || r.AnswersReportId == statusEntryId)
            .OrderBy(r => r.Id).ToListAsync(ct);

    /// <summary>The measure's entries that count for the round (its whole window, see <see cref="RoundWindows"/>), oldest first.</summary>
    public static Task<List<StatusReport>> OfMeasureAsync(ItaBotDb db, Round round, int measureId, CancellationToken ct) =>
        RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, DateTime.MaxValue))
            .Where(r => r.MeasureId == measureId)
            .OrderBy(r => r.ReportedAtUtc).ThenBy(r => r.Id).ToListAsync(ct);

    /// <summary>
    /// What a measure's card shows of its entries in the round (<see cref="Gathered"/> and the latest), oldest first: of
    /// <see cref="OfMeasureAsync"/>, the entries that carry a result or a link, the latest one that is not
    /// "cannot proceed" and every entry after it (the reasons of the current cannot-proceed stretch). Gathered over these
    /// gives what it gives over all of them, without reading a busy measure's whole history for one card.
    /// </summary>
    public static async Task<List<StatusReport>> ShownAsync(ItaBotDb db, Round round, int measureId, CancellationToken ct)
    {
        var counted = RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, DateTime.MaxValue))
            .Where(r => r.MeasureId == measureId);
        var boundary = await counted.Where(r => r.Status != MeasureStatus.CannotProceed)
            .OrderByDescending(r => r.ReportedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.ReportedAtUtc }).FirstOrDefaultAsync(ct);
        // Compared as stored (the list's JSON): a link list written any other way is read, never left out.
        var noLinks = new List<string>();
        var shown = boundary is null
            ? counted // every entry is "cannot proceed": all of them are the stretch
            : counted.Where(r => r.Result != null || r.EvidenceUrls != noLinks || r.Id == boundary.Id
                || r.ReportedAtUtc > boundary.ReportedAtUtc || (r.ReportedAtUtc == boundary.ReportedAtUtc && r.Id > boundary.Id));
        return await shown.OrderBy(r => r.ReportedAtUtc).ThenBy(r => r.Id).ToListAsync(ct);
    }

    /// <summary>A new entry stamped with who, where, when and from which message.</summary>
    public static StatusReport New(ChatContext ctx, int measureId, int roundId, MeasureStatus status) => new()
    {
        MeasureId = measureId,
        RoundId = roundId,
        Status = status,
        ReporterLineUserId = ctx.UserId,
        ReporterName = ctx.UserName,
        ChatId = ctx.ChatId,
        ReportedAtUtc = ctx.NowUtc,
        Source = ReportSource.Chat,
        SourceMessageId = ctx.MessageId,
    };

    /// <summary>Results, reason texts and links of the entries, each once, in the order they were given.</summary>
    public static (string? Results, string? Reasons, IReadOnlyList<string> Urls) Gathered(IReadOnlyList<StatusReport> entries)
    {
        var status = entries.LastOrDefault()?.Status;
        // The reasons of the current cannot-proceed stretch, not of an earlier one.
        var since = entries.Count - 1;
        while (since > 0 && entries[since - 1].Status == MeasureStatus.CannotProceed) since--;
        var results = entries.Select(e => e.Result).OfType<string>().Distinct().ToList();
        var reasons = status == MeasureStatus.CannotProceed ? entries.Skip(since).Select(e => e.ReasonText).OfType<string>().Distinct().ToList() : [];
        var urls = entries.SelectMany(e => e.EvidenceUrls).Distinct().ToList();
        return (results.Count == 0 ? null : string.Join("\n", results), reasons.Count == 0 ? null : string.Join("\n", reasons), urls);
    }
}
