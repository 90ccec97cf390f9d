using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// The questions after a status (reason, result, evidence link; each skippable), <c>แก้ไข</c> and <c>ยกเลิก</c>.
/// Every answer appends a new report that copies the latest one and adds the new piece, rather than updating
/// the earlier row: the status report table stays append-only, so the history of who said what, where and
/// when is complete, and the latest row is always the whole answer (several messages gathered into one report).
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
        ("ยกเลิก", "ยกเลิก"),
    ];

    /// <summary>After a report is saved: ask the next missing piece after <paramref name="after"/>, or finish with the card.</summary>
    public async Task<List<JsonObject>> ContinueAsync(
        ChatContext ctx, Measure measure, Round round, StatusReport report, FollowUpStep? after, string? saved, CancellationToken ct)
    {
        var messages = new List<JsonObject>();
        var next = NextStep(report, after);
        if (saved is not null) messages.Add(Say.Text($"✅ {saved}"));
        if (next is null)
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            if (after is not null) messages.Add(Say.Text("ครบแล้ว ขอบคุณครับ 🙏 พิมพ์ \"แก้ไข\" หากต้องการแก้"));
            messages.Add(await CardAsync(ctx, measure, round, report, ct));
            return messages;
        }
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!,
            new Question(QuestionKind.FollowUp, MeasureId: measure.Id, RoundId: round.Id, Status: report.Status, Step: next), ct);
        if (saved is not null) messages.Add(await CardAsync(ctx, measure, round, report, ct));
        messages.Add(Ask(measure, next.Value));
        return messages;
    }

    /// <summary>A free-text answer to a follow-up question; links always go to the evidence.</summary>
    public async Task<List<JsonObject>> GatherAsync(ChatContext ctx, Question pending, string text, CancellationToken ct)
    {
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, latest)) return Expired();
        var step = pending.Step ?? FollowUpStep.Result;
        var pieces = ChatText.Split(text, lookForReason: step == FollowUpStep.Reason);
        var report = Copy(latest, measure, round, ctx);
        var changed = false;

        if (step == FollowUpStep.Reason && (pieces.Reason is not null || pieces.Rest is not null))
        {
            report.Reason = pieces.Reason ?? CannotProceedReason.Other;
            if (pieces.Rest is not null) report.ReasonText = Join(latest.ReasonText, pieces.Rest);
            changed = true;
        }
        else if (pieces.Rest is not null)
        {
            report.Result = Join(latest.Result, pieces.Rest);
            changed = true;
        }
        foreach (var url in pieces.Urls)
        {
            if (report.EvidenceUrls.Contains(url)) continue;
            report.EvidenceUrls.Add(url);
            changed = true;
        }
        if (!changed) return [Ask(measure, step)];

        db.StatusReports.Add(report);
        await db.SaveChangesAsync(ct);

        // Text while the link is asked for is more of the result: keep gathering until a link or ข้าม.
        if (step == FollowUpStep.Evidence && pieces.Urls.Count == 0)
        {
            await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, pending, ct);
            return [Say.Text("เพิ่มในผลการดำเนินการแล้ว ✓ ส่งลิงก์หลักฐานได้เลย หรือกด ข้าม", Replies.SkipChoices)];
        }
        return await ContinueAsync(ctx, measure, round, report, step, saved: null, ct);
    }

    public async Task<List<JsonObject>> SkipAsync(ChatContext ctx, Question? pending, CancellationToken ct)
    {
        if (pending is null) return Say.One("ตอนนี้ไม่มีคำถามค้างอยู่ครับ");
        if (pending.Kind != QuestionKind.FollowUp)
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            return Say.One("ข้ามแล้วครับ ไม่ได้บันทึกอะไรเพิ่ม");
        }
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, latest)) return Expired();
        return await ContinueAsync(ctx, measure, round, latest, pending.Step, saved: null, ct);
    }

    public async Task<List<JsonObject>> CancelAsync(ChatContext ctx, Question? pending, CancellationToken ct)
    {
        if (pending is null) return Say.One("ตอนนี้ไม่มีคำถามค้างอยู่ครับ");
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        return Say.One("ยกเลิกคำถามแล้วครับ ✓ สิ่งที่บันทึกไปก่อนหน้ายังอยู่ พิมพ์ \"แก้ไข\" หากต้องการแก้");
    }

    /// <summary><c>แก้ไข</c>: reopens the person's last report in this chat for a new result, link or status.</summary>
    public async Task<List<JsonObject>> EditAsync(ChatContext ctx, CancellationToken ct)
    {
        if (StatusUpdates.Precheck(ctx) is { } stop) return stop;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var mine = await db.StatusReports.AsNoTracking()
            .Where(r => r.RoundId == round.Id && r.ReporterLineUserId == ctx.UserId && r.ChatId == ctx.ChatId)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (mine is null) return Say.One("ยังไม่มีรายงานของคุณในแชทนี้ในรอบนี้ครับ ลองพิมพ์ เช่น \"M1 เสร็จแล้ว\"", "สถานะ");

        var measure = (await ChatMeasures.ByIdAsync(db, mine.MeasureId, ct))!;
        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id]))[measure.Id];
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, new Question(QuestionKind.Edit, MeasureId: measure.Id, RoundId: round.Id), ct);

        var lines = new List<string> { $"แก้ไขรายงานล่าสุดของ {measure.Code}", $"สถานะ: {latest.Status.Thai()}" };
        if (latest.Result is { } result) lines.Add($"ผล: {Say.Cut(result, 300)}");
        if (latest.EvidenceUrls.Count > 0) lines.Add($"หลักฐาน: {string.Join(" ", latest.EvidenceUrls)}");
        lines.Add("พิมพ์ข้อความใหม่เพื่อแทนผลการดำเนินการ วางลิงก์เพื่อแทนลิงก์หลักฐาน หรือเลือกสถานะใหม่");
        return [Say.Text(string.Join("\n", lines), StatusUpdates.StatusChoices(measure.Code).Append(("ยกเลิก", "ยกเลิก")))];
    }

    /// <summary>The answer to <c>แก้ไข</c>: new text replaces the result, new links replace the evidence.</summary>
    public async Task<List<JsonObject>> EditAnswerAsync(ChatContext ctx, Question pending, string text, CancellationToken ct)
    {
        if (await ResumeAsync(ctx, pending, ct) is not var (measure, round, latest)) return Expired();
        var pieces = ChatText.Split(text, lookForReason: latest.Status == MeasureStatus.CannotProceed);
        if (pieces.Rest is null && pieces.Urls.Count == 0 && pieces.Reason is null)
            return [Say.Text("พิมพ์ผลการดำเนินการใหม่ หรือวางลิงก์หลักฐานใหม่ได้เลยครับ", Replies.CancelChoice)];

        var report = Copy(latest, measure, round, ctx);
        if (pieces.Reason is { } reason) report.Reason = reason;
        if (pieces.Rest is { } rest)
        {
            if (latest.Status == MeasureStatus.CannotProceed && pieces.Reason is not null) report.ReasonText = rest;
            else report.Result = rest;
        }
        if (pieces.Urls.Count > 0) report.EvidenceUrls = [.. pieces.Urls];
        db.StatusReports.Add(report);
        await db.SaveChangesAsync(ct);
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        return [Say.Text($"✏️ แก้ไขรายงาน {measure.Code} แล้วครับ"), await CardAsync(ctx, measure, round, report, ct)];
    }

    public async Task<JsonObject> CardAsync(ChatContext ctx, Measure measure, Round round, StatusReport report, CancellationToken ct) =>
        await cards.MeasureAsync(ctx, measure, round, report, await MeasureLocks.IsLockedAsync(db, report, ct), "สถานะล่าสุด", ct);

    /// <summary>The measure, open round and latest report a pending question is about, if the person may still change it.</summary>
    async Task<(Measure, Round, StatusReport)?> ResumeAsync(ChatContext ctx, Question pending, CancellationToken ct)
    {
        if (ctx.Organization is null || ctx.UserId is null || pending.MeasureId is not { } measureId || pending.RoundId is not { } roundId) return null;
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId && r.OrganizationId == ctx.Organization.Id, ct);
        var measure = await ChatMeasures.ByIdAsync(db, measureId, ct);
        if (round is not { State: RoundState.Open } || measure is null || !await auth.CanChangeAsync(ctx, measure, ct))
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId, ct);
            return null;
        }
        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measureId])).GetValueOrDefault(measureId);
        return latest is null ? null : (measure, round, latest);
    }

    static List<JsonObject> Expired() => Say.One("คำถามนี้ใช้ต่อไม่ได้แล้วครับ (รอบปิดหรือสิทธิ์เปลี่ยน) พิมพ์ \"สถานะ\" เพื่อเริ่มใหม่", "สถานะ");

    static FollowUpStep? NextStep(StatusReport report, FollowUpStep? after)
    {
        foreach (var step in new[] { FollowUpStep.Reason, FollowUpStep.Result, FollowUpStep.Evidence })
        {
            if (after is not null && step <= after) continue;
            var missing = step switch
            {
                FollowUpStep.Reason => report.Status == MeasureStatus.CannotProceed && report.Reason is null,
                FollowUpStep.Result => string.IsNullOrWhiteSpace(report.Result),
                _ => report.EvidenceUrls.Count == 0,
            };
            if (missing) return step;
        }
        return null;
    }

    static JsonObject Ask(Measure measure, FollowUpStep step) => step switch
    {
        FollowUpStep.Reason => Say.Text($"{measure.Code} ดำเนินการไม่ได้เพราะอะไรครับ? เลือกเหตุผล หรือพิมพ์อธิบายสั้น ๆ", ReasonChoices),
        FollowUpStep.Result => Say.Text($"เล่าผลการดำเนินการของ {measure.Code} สั้น ๆ ได้เลยครับ (เช่น จัดอบรม ๒ ครั้ง ผู้เข้าร่วม ๔๕ คน) หรือกด ข้าม", Replies.SkipChoices),
        _ => Say.Text($"มีลิงก์หลักฐานของ {measure.Code} ไหมครับ (เช่น หน้าเว็บไซต์ที่เผยแพร่) วางลิงก์ได้เลย หรือกด ข้าม", Replies.SkipChoices),
    };

    static string Join(string? before, string added) => string.IsNullOrWhiteSpace(before) ? added : $"{before}\n{added}";

    /// <summary>A new report carrying the latest one's content, stamped with who, where and when.</summary>
    public static StatusReport Copy(StatusReport? latest, Measure measure, Round round, ChatContext ctx) => new()
    {
        MeasureId = measure.Id,
        RoundId = round.Id,
        Status = latest?.Status ?? MeasureStatus.NotStarted,
        Reason = latest?.Reason,
        ReasonText = latest?.ReasonText,
        Result = latest?.Result,
        Outcome = latest?.Outcome,
        Problems = latest?.Problems,
        EvidenceUrls = latest is null ? [] : [.. latest.EvidenceUrls],
        ReporterLineUserId = ctx.UserId,
        ReporterName = ctx.UserName,
        ChatId = ctx.ChatId,
        ReportedAtUtc = ctx.NowUtc,
        Source = ReportSource.Chat,
    };
}
