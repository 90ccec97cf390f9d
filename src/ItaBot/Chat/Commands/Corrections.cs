using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Taking a record back: the reporter's "ยกเลิก" or the confirmation's button within the correction time, and a LINE
/// message edited or unsent. Withdrawn entries stay in the history (who, when, why) and count nowhere else; a closed
/// round's entries are never withdrawn, so a published report does not change.
/// </summary>
public sealed class Corrections(ItaBotDb db, Conversations conversations, IOptions<ChatOptions> options)
{
    TimeSpan Window => TimeSpan.FromMinutes(options.Value.CorrectionMinutes);

    /// <summary>"ยกเลิก": the person's latest record in this chat (every measure of that message, with their follow-up answers).</summary>
    public async Task<ChatReply> UndoLastAsync(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.UserId is null || ctx.Organization is null) return ChatReply.None;
        var since = ctx.NowUtc - Window;
        var last = await db.StatusReports.NotWithdrawn()
            .Where(r => r.ChatId == ctx.ChatId && r.ReporterLineUserId == ctx.UserId && r.ReportedAtUtc >= since && r.Round!.State == RoundState.Open)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (last is null) return TooLate();
        var status = last.AnswersReportId is { } parentId ? await db.StatusReports.FirstAsync(r => r.Id == parentId, ct) : last;
        var batch = status.SourceMessageId is { } source
            ? await db.StatusReports.NotWithdrawn().Where(r => r.SourceMessageId == source && r.AnswersReportId == null && r.ReporterLineUserId == ctx.UserId).ToListAsync(ct)
            : [status];
        if (batch.Any(r => r.ReportedAtUtc < since)) return TooLate();
        return await WithdrawAsync(ctx, batch, WithdrawalReason.Undone, "ยกเลิกรายงานแล้วครับ ↩️", ct);
    }

    /// <summary>The "ยกเลิกรายงาน" button: only the reporter, only in time.</summary>
    public async Task<ChatReply> UndoTapAsync(ChatContext ctx, UndoTap tap, CancellationToken ct)
    {
        var entries = await db.StatusReports.Include(r => r.Round).Where(r => tap.EntryIds.Contains(r.Id)).ToListAsync(ct);
        entries = entries.Where(r => r.ChatId == ctx.ChatId && r.Round!.OrganizationId == ctx.Organization?.Id).ToList();
        if (entries.Count == 0) return Say.One(StatusUpdates.ProblemText(PostbackProblem.Malformed));
        if (entries.All(r => r.IsWithdrawn())) return Say.One("รายงานนี้ยกเลิกไปแล้วครับ", "สถานะ");
        if (entries.Any(r => r.ReporterLineUserId != ctx.UserId))
            return Say.One("ปุ่มยกเลิกนี้ใช้ได้เฉพาะผู้ที่รายงานครับ 🙏 หากรายงานผิด ให้ผู้รายงานกดเอง หรือผู้ดูแลระบบพิมพ์ \"เปิดมาตรการ\" แล้วรายงานใหม่");
        if (entries.Any(r => r.Round!.State != RoundState.Open)) return Say.One("รอบนี้ปิดแล้ว จึงยกเลิกรายงานไม่ได้ครับ");
        if (entries.Any(r => r.ReportedAtUtc < ctx.NowUtc - Window)) return TooLate();
        return await WithdrawAsync(ctx, entries.Where(r => !r.IsWithdrawn()).ToList(), WithdrawalReason.Undone, "ยกเลิกรายงานแล้วครับ ↩️", ct);
    }

    /// <summary>Withdraws what a LINE message made (its entries, and the answers to them); the measures it touched, for the reply.</summary>
    public async Task<List<(int MeasureId, int RoundId)>> WithdrawMessageAsync(ChatContext ctx, string messageId, WithdrawalReason reason, CancellationToken ct)
    {
        var entries = await db.StatusReports.NotWithdrawn().Include(r => r.Round)
            .Where(r => r.SourceMessageId == messageId && r.ChatId == ctx.ChatId).ToListAsync(ct);
        // A closed round's report is final.
        entries = entries.Where(r => r.Round!.State == RoundState.Open).ToList();
        if (entries.Count == 0) return [];
        await WithdrawEntriesAsync(ctx, entries, reason, ct);
        return entries.Select(r => (r.MeasureId, r.RoundId)).Distinct().ToList();
    }

    async Task<ChatReply> WithdrawAsync(ChatContext ctx, List<StatusReport> entries, WithdrawalReason reason, string heading, CancellationToken ct)
    {
        await WithdrawEntriesAsync(ctx, entries, reason, ct);
        await db.SaveChangesAsync(ct);
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        var lines = await StandingLinesAsync(entries.Select(e => (e.MeasureId, e.RoundId)).Distinct().ToList(), ct);
        return new List<JsonObject> { Say.Text($"{heading}\n{string.Join("\n", lines)}\n(ประวัติการรายงานยังเก็บไว้ครบ)", "สถานะ") };
    }

    async Task WithdrawEntriesAsync(ChatContext ctx, List<StatusReport> entries, WithdrawalReason reason, CancellationToken ct)
    {
        var statusIds = entries.Where(e => e.AnswersReportId is null).Select(e => e.Id).ToList();
        var answers = statusIds.Count == 0 ? [] : await db.StatusReports.NotWithdrawn().Where(r => r.AnswersReportId != null && statusIds.Contains(r.AnswersReportId.Value)).ToListAsync(ct);
        foreach (var entry in entries.Concat(answers)) entry.Withdraw(reason, ctx.NowUtc, ctx.UserId);
    }

    /// <summary>"• M6 กลับเป็น: อยู่ระหว่างการดำเนินการ" for each measure touched, after the withdrawal is saved.</summary>
    public async Task<List<string>> StandingLinesAsync(IReadOnlyList<(int MeasureId, int RoundId)> touched, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var (measureId, roundId) in touched)
        {
            var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Id == roundId, ct);
            var measure = await db.Measures.AsNoTracking().FirstAsync(m => m.Id == measureId, ct);
            var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measureId])).GetValueOrDefault(measureId);
            lines.Add($"• {measure.Code} สถานะตอนนี้: {(latest is null ? StatusNames.AwaitingReport : latest.Status.Thai())}");
        }
        return lines;
    }

    string Minutes() => $"{ThaiDigits.ToThai(options.Value.CorrectionMinutes)} นาที";

    List<JsonObject> TooLate() => Say.One(
        $"เกิน {Minutes()} หลังรายงานแล้ว จึงยกเลิกเองไม่ได้ครับ 🙏 หากรายงานผิด ขอให้ผู้ดูแลระบบพิมพ์ \"เปิดมาตรการ\" ตามด้วยรหัส (เช่น เปิดมาตรการ M1) แล้วรายงานใหม่");
}
