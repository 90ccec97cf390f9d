using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Chat.Understanding;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// The questions after a status (why it cannot proceed, what was done, an evidence link; each skippable), and
/// <c>แก้ไข</c>. Each answer is a new entry holding only that answer, tied to the status entry it completes
/// (<see cref="StatusReport.AnswersReportId"/>): the history says who said what and when, the report shows each
/// answer once, and taking the status back takes its answers with it. Answers come only from the person asked.
/// </summary>
public sealed class FollowUps(ItaBotDb db, Authorization auth, Conversations conversations, Cards cards)
{
    static readonly (string Label, string Text)[] ReasonChoices =
    [
        ("ไม่ได้รับงบประมาณ", "ไม่ได้รับงบประมาณ"),
        ("นโยบายเปลี่ยน", "นโยบายผู้บริหารเปลี่ยนแปลง"),
        ("บุคลากรไม่เพียงพอ", "บุคลากรไม่เพียงพอ"),
        ("อื่นๆ", "อื่นๆ"),
        ("ข้าม", "ข้าม"),
    ];

    /// <summary>After an entry is saved: ask the next missing piece after <paramref name="after"/>, or finish with the card.</summary>
    public async Task<List<JsonObject>> ContinueAsync(
        ChatContext ctx, Measure measure, Round round, StatusReport entry, FollowUpStep? after, string? saved, JsonObject? undo, CancellationToken ct)
    {
        var statusEntryId = MeasureLocks.StatusEntryId(entry);
        var run = await Entries.RunAsync(db, statusEntryId, ct);
        if (run.Count == 0 && entry.Id == 0) run = [entry];
        var messages = new List<JsonObject>();
        if (saved is not null) messages.Add(Say.Text(saved));
        var next = NextStep(run, after);
        if (next is null)
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            if (after is not null) messages.Add(Say.Text("ครบแล้ว ขอบคุณครับ 🙏 พิมพ์ \"แก้ไข\" หากต้องการแก้"));
            messages.Add(await CardAsync(ctx, measure, round, ct, undo is null ? null : LineMessages.QuickReply(undo)));
            return messages;
        }
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!,
            new Question(QuestionKind.FollowUp, MeasureId: measure.Id, RoundId: round.Id, Status: entry.Status, Step: next, ParentReportId: statusEntryId), ct);
        if (saved is not null) messages.Add(await CardAsync(ctx, measure, round, ct));
        messages.Add(Ask(measure, next.Value, undo));
        return messages;
    }

    /// <summary>A plausible answer to the person's follow-up question: a new entry with only that answer.</summary>
    public async Task<ChatReply> AnswerAsync(ChatContext ctx, Question pending, AnswerQuestion answer, CancellationToken ct)
    {
        if (pending.Kind == QuestionKind.Edit) return await EditAnswerAsync(ctx, pending, answer, ct);
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, parent)) return Expired();
        var step = pending.Step ?? FollowUpStep.Result;
        var text = EntryText.Keep(answer.Text);
        if (text.TooLong) return Say.One(text.TooLongMessage, Replies.SkipChoices);

        var entry = Entries.New(ctx, measure.Id, round.Id, parent.Status);
        entry.AnswersReportId = parent.Id;
        entry.Reason = parent.Reason;
        if (step == FollowUpStep.Reason)
        {
            entry.Reason = answer.Reason ?? CannotProceedReason.Other;
            entry.ReasonText = text.Text;
        }
        else
        {
            entry.Result = text.Text;
        }
        entry.EvidenceUrls = [.. answer.Urls.Distinct()];
        db.StatusReports.Add(entry);
        await db.SaveChangesAsync(ct);
        await MessageVersions.RememberAsync(db, ctx, ct);

        // Text while the link is asked for is more of the result: keep asking for the link until it comes, or ข้าม.
        if (step == FollowUpStep.Evidence && answer.Urls.Count == 0)
        {
            await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, pending, ct);
            return Say.One("เพิ่มในผลการดำเนินการแล้ว ✓ ส่งลิงก์หลักฐานได้เลย หรือกด ข้าม", Replies.SkipChoices);
        }
        return await ContinueAsync(ctx, measure, round, entry, step, saved: null, undo: null, ct);
    }

    /// <summary>The person's message does not answer: in a one-to-one chat the question is asked again; in a group, silence.</summary>
    public async Task<ChatReply> ReAskAsync(ChatContext ctx, Question pending, CancellationToken ct)
    {
        if (ctx.IsGroup) return ChatReply.None;
        if (pending.Kind is QuestionKind.FollowUp && pending.MeasureId is { } id && await ChatMeasures.ByIdAsync(db, id, ct) is { } measure)
            return new List<JsonObject> { Ask(measure, pending.Step ?? FollowUpStep.Result, null) };
        return Say.One("ยังรอคำตอบอยู่ครับ เลือกจากปุ่มด้านล่าง หรือพิมพ์ \"ข้าม\"", "ข้าม");
    }

    public async Task<ChatReply> SkipAsync(ChatContext ctx, Question? pending, CancellationToken ct)
    {
        if (pending is null) return ctx.IsGroup ? ChatReply.None : Say.One("ตอนนี้ไม่มีคำถามค้างอยู่ครับ");
        if (pending.Kind != QuestionKind.FollowUp)
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            return Say.One("ข้ามแล้วครับ ไม่ได้บันทึกอะไรเพิ่ม");
        }
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, parent)) return Expired();
        return await ContinueAsync(ctx, measure, round, parent, pending.Step, saved: null, undo: null, ct);
    }

    public async Task<ChatReply> CancelAsync(ChatContext ctx, Question? pending, CancellationToken ct)
    {
        if (pending is null) return ctx.IsGroup ? ChatReply.None : Say.One("ตอนนี้ไม่มีอะไรให้ยกเลิกครับ (รายงานที่เกิน ๓๐ นาทีแล้ว ผู้ดูแลระบบเปิดแก้ได้ด้วย \"เปิดมาตรการ\")");
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        return Say.One("ยกเลิกคำถามแล้วครับ ✓ ไม่ได้บันทึกอะไรเพิ่ม");
    }

    /// <summary><c>แก้ไข</c>: the person's last status entry in this chat takes a new result or link (the old ones are withdrawn, kept in the history).</summary>
    public async Task<ChatReply> EditAsync(ChatContext ctx, CancellationToken ct)
    {
        if (StatusUpdates.Precheck(ctx) is { } stop) return stop;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var mine = await db.StatusReports.AsNoTracking().NotWithdrawn()
            .Where(r => r.RoundId == round.Id && r.ReporterLineUserId == ctx.UserId && r.ChatId == ctx.ChatId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (mine is null) return Say.One("ยังไม่มีรายงานของคุณในแชทนี้ในรอบนี้ครับ ลองพิมพ์ เช่น \"M1 เสร็จแล้ว\"", "สถานะ");

        var measure = (await ChatMeasures.ByIdAsync(db, mine.MeasureId, ct))!;
        var statusEntryId = MeasureLocks.StatusEntryId(mine);
        var run = await Entries.RunAsync(db, statusEntryId, ct);
        var (results, _, urls) = Entries.Gathered(run);
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!,
            new Question(QuestionKind.Edit, MeasureId: measure.Id, RoundId: round.Id, ParentReportId: statusEntryId, Step: FollowUpStep.Result), ct);

        var lines = new List<string> { $"แก้ไขรายงานล่าสุดของ {measure.Code}", $"สถานะ: {(run.LastOrDefault() ?? mine).Status.Thai()}" };
        if (results is not null) lines.Add($"ผล: {TextCut.Fit(results, 300)}");
        if (urls.Count > 0) lines.Add($"หลักฐาน: {string.Join(" ", urls)}");
        lines.Add("พิมพ์ข้อความใหม่เพื่อแทนผลการดำเนินการ วางลิงก์เพื่อแทนลิงก์หลักฐาน หรือเลือกสถานะใหม่");
        return new List<JsonObject> { Say.Text(string.Join("\n", lines), StatusUpdates.StatusChoices(measure.Code).Append(("ยกเลิก", "ยกเลิก"))) };
    }

    /// <summary>
    /// The answer to <c>แก้ไข</c>: the record is replaced by a new entry with the same status, the new words as its
    /// result and the new links as its evidence (what is not given stays as it was); the old entries are withdrawn, kept in the history.
    /// </summary>
    async Task<ChatReply> EditAnswerAsync(ChatContext ctx, Question pending, AnswerQuestion answer, CancellationToken ct)
    {
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, parent)) return Expired();
        var text = EntryText.Keep(answer.Text);
        if (text.TooLong) return Say.One(text.TooLongMessage, Replies.CancelChoice);
        var old = await db.StatusReports.NotWithdrawn().Where(r => r.Id == parent.Id || r.AnswersReportId == parent.Id).OrderBy(r => r.Id).ToListAsync(ct);
        var (results, reasons, urls) = Entries.Gathered(old);
        var entry = Entries.New(ctx, measure.Id, round.Id, parent.Status);
        entry.Reason = parent.Reason;
        entry.ReasonText = parent.Status == MeasureStatus.CannotProceed ? reasons : null;
        entry.Result = text.Text ?? results;
        entry.EvidenceUrls = answer.Urls.Count > 0 ? [.. answer.Urls.Distinct()] : [.. urls];
        foreach (var replaced in old) replaced.Withdraw(WithdrawalReason.Edited, ctx.NowUtc, ctx.UserId);
        db.StatusReports.Add(entry);
        await db.SaveChangesAsync(ct);
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        return new List<JsonObject> { Say.Text($"✏️ แก้ไขรายงาน {measure.Code} แล้วครับ"), await CardAsync(ctx, measure, round, ct) };
    }

    public async Task<JsonObject> CardAsync(ChatContext ctx, Measure measure, Round round, CancellationToken ct, JsonObject? quickReply = null)
    {
        var entries = await Entries.ShownAsync(db, round, measure.Id, ct);
        return await cards.MeasureAsync(ctx, measure, round, entries, await MeasureLocks.IsLockedAsync(db, entries.LastOrDefault(), ct), "สถานะล่าสุด", ct, quickReply);
    }

    /// <summary>The measure, open round and status entry a pending question is about, if the person may still change it.</summary>
    async Task<(Measure, Round, StatusReport)?> ResumeAsync(ChatContext ctx, Question pending, CancellationToken ct)
    {
        if (ctx.Organization is null || ctx.UserId is null || pending.MeasureId is not { } measureId || pending.RoundId is not { } roundId) return null;
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId && r.OrganizationId == ctx.Organization.Id, ct);
        var measure = await ChatMeasures.ByIdAsync(db, measureId, ct);
        var parent = pending.ParentReportId is { } id ? await db.StatusReports.AsNoTracking().NotWithdrawn().FirstOrDefaultAsync(r => r.Id == id, ct) : null;
        if (round is not { State: RoundState.Open } || measure is null || parent is null || !await auth.CanChangeAsync(ctx, measure, ct))
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct);
            return null;
        }
        return (measure, round, parent);
    }

    static List<JsonObject> Expired() => Say.One("คำถามนี้ใช้ต่อไม่ได้แล้วครับ (รอบปิด รายงานถูกยกเลิก หรือสิทธิ์เปลี่ยน) พิมพ์ \"สถานะ\" เพื่อเริ่มใหม่", "สถานะ");

    static FollowUpStep? NextStep(IReadOnlyList<StatusReport> run, FollowUpStep? after)
    {
        var status = run.LastOrDefault()?.Status;
        foreach (var step in new[] { FollowUpStep.Reason, FollowUpStep.Result, FollowUpStep.Evidence })
        {
            if (after is not null && step <= after) continue;
            var missing = step switch
            {
                FollowUpStep.Reason => status == MeasureStatus.CannotProceed && run.All(r => r.Reason is null && r.ReasonText is null),
                FollowUpStep.Result => run.All(r => string.IsNullOrWhiteSpace(r.Result)),
                _ => run.All(r => r.EvidenceUrls.Count == 0),
            };
            if (missing) return step;
        }
        return null;
    }

    static JsonObject Ask(Measure measure, FollowUpStep step, JsonObject? undo)
    {
        var skip = new List<JsonObject> { LineMessages.MessageAction("ข้าม", "ข้าม") };
        if (undo is not null) skip.Add(undo);
        return step switch
        {
            FollowUpStep.Reason => Say.Text($"{measure.Code} ดำเนินการไม่ได้เพราะอะไรครับ? เลือกเหตุผล หรือพิมพ์อธิบายสั้น ๆ",
                ReasonChoices.Select(c => LineMessages.MessageAction(c.Label, c.Text)).Concat(undo is null ? [] : [undo])),
            FollowUpStep.Result => Say.Text($"เล่าผลการดำเนินการของ {measure.Code} สั้น ๆ ได้เลยครับ (เช่น จัดอบรม ๒ ครั้ง ผู้เข้าร่วม ๔๕ คน) หรือกด ข้าม", skip),
            _ => Say.Text($"มีลิงก์หลักฐานของ {measure.Code} ไหมครับ (เช่น หน้าเว็บไซต์ที่เผยแพร่) วางลิงก์ได้เลย หรือกด ข้าม", skip),
        };
    }
}
