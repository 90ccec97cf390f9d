using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// A status said in words or tapped on a card becomes a new <see cref="StatusReport"/> (never an edit of an
/// old one), after authorization and the done-stays-done rule; missing pieces are asked back, never guessed.
/// </summary>
public sealed class StatusUpdates(ItaBotDb db, Authorization auth, Conversations conversations, Postbacks postbacks, FollowUps followUps)
{
    public async Task<List<JsonObject>> FromTextAsync(ChatContext ctx, StatusUpdateCommand command, Question? pending, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();

        var status = command.Status;
        var reason = command.Reason;
        var note = command.Note;
        var urls = command.Urls;
        Measure? measure = null;

        // An answer to "which measure?" / "which status?" keeps what the first message already said.
        if (pending is { Kind: QuestionKind.WhichMeasure or QuestionKind.WhichStatus })
        {
            note ??= pending.Note;
            reason ??= pending.Reason;
            if (urls.Count == 0 && pending.Urls is { Count: > 0 } earlier) urls = earlier;
            if (status is null && command.Statuses.Count == 0 && !command.StatusUnclear) status = pending.Status;
        }
        if (command.Measures.Count == 0 && pending?.MeasureId is { } pendingMeasure)
            measure = await ChatMeasures.ByIdAsync(db, pendingMeasure, ct);

        if (command.Measures.Count > 1)
            return await AskWhichMeasureAsync(ctx, round, command.Measures, status, reason, note, urls, ct);
        if (command.Measures.Count == 1)
        {
            measure = await ChatMeasures.FindAsync(db, ctx.Organization.Id, round.FiscalYear, command.Measures[0], ct);
            if (measure is null) return await NotFoundAsync(ctx, round, command.Measures[0], ct);
        }
        if (measure is null)
            return await AskWhichMeasureAsync(ctx, round, [], status, reason, note, urls, ct);
        if (status is null)
            return await AskWhichStatusAsync(ctx, measure, round, reason, note, urls, command.Statuses.Count > 1 || command.StatusUnclear, ct);

        return await ApplyAsync(ctx, measure, round, status.Value, reason, note, urls, ct);
    }

    public async Task<List<JsonObject>> FromTapAsync(ChatContext ctx, string data, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var check = await postbacks.ReadAsync(ctx.Channel, ctx.ChatId, data, ct);
        if (check.Tap is not { } tap) return Say.One(ProblemText(check.Problem), "สถานะ");

        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == tap.RoundId, ct);
        var measure = await ChatMeasures.ByIdAsync(db, tap.MeasureId, ct);
        // The MAC already ties these ids to this chat; checking the organization again costs nothing.
        if (round is null || measure is null || round.OrganizationId != ctx.Organization!.Id
            || measure.OrganizationId != ctx.Organization.Id || measure.FiscalYear != round.FiscalYear)
            return Say.One(ProblemText(PostbackProblem.Malformed), "สถานะ");
        if (round.State != RoundState.Open)
            return Say.One($"{Looks.RoundName(round)} ปิดแล้ว จึงเปลี่ยนสถานะไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อดูรอบที่เปิดอยู่", "สถานะ");

        return await ApplyAsync(ctx, measure, round, tap.Status, null, null, [], ct);
    }

    /// <summary>Appends the report and asks the first follow-up question it still lacks.</summary>
    public async Task<List<JsonObject>> ApplyAsync(
        ChatContext ctx, Measure measure, Round round, MeasureStatus status, CannotProceedReason? reason, string? note,
        IReadOnlyList<string> urls, CancellationToken ct)
    {
        if (!await auth.CanChangeAsync(ctx, measure, ct))
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            return Say.One(Authorization.Refusal(measure));
        }

        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (status != MeasureStatus.Done && await MeasureLocks.IsLockedAsync(db, latest, ct))
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            return Say.One(LockedText(ctx, measure), "แก้ไข", "สถานะ");
        }

        var report = FollowUps.Copy(latest, measure, round, ctx);
        report.Status = status;
        if (status == MeasureStatus.CannotProceed)
        {
            report.Reason = reason ?? (latest?.Status == MeasureStatus.CannotProceed ? latest.Reason : null);
            if (latest?.Status != MeasureStatus.CannotProceed) report.ReasonText = null;
            // What follows "ทำไม่ได้" explains why; it is the reason's text, not a result.
            if (note is not null) { report.ReasonText = note; note = null; }
        }
        else
        {
            report.Reason = null;
            report.ReasonText = null;
        }
        if (note is not null) report.Result = note;
        foreach (var url in urls) if (!report.EvidenceUrls.Contains(url)) report.EvidenceUrls.Add(url);

        db.StatusReports.Add(report);
        await db.SaveChangesAsync(ct);
        return await followUps.ContinueAsync(ctx, measure, round, report, after: null, $"บันทึกแล้ว: {measure.Code} {status.Thai()}", ct);
    }

    static string LockedText(ChatContext ctx, Measure measure) => ctx.IsAdmin
        ? $"{measure.Code} รายงานว่าดำเนินการแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ครับ หากต้องการเปลี่ยน พิมพ์ \"เปิดมาตรการ {measure.Code}\" ก่อน แล้วรายงานใหม่"
        : $"{measure.Code} รายงานว่าดำเนินการแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ครับ ✅\nหากต้องการแก้ผลการดำเนินการหรือลิงก์ พิมพ์ \"แก้ไข\" ถ้าต้องเปลี่ยนสถานะจริง ๆ ขอให้ผู้ดูแลระบบพิมพ์ \"เปิดมาตรการ {measure.Code}\"";

    async Task<List<JsonObject>> AskWhichMeasureAsync(
        ChatContext ctx, Round round, IReadOnlyList<string> references, MeasureStatus? status, CannotProceedReason? reason,
        string? note, IReadOnlyList<string> urls, CancellationToken ct)
    {
        List<Measure> candidates = [];
        foreach (var reference in references)
            if (await ChatMeasures.FindAsync(db, ctx.Organization!.Id, round.FiscalYear, reference, ct) is { } found && !candidates.Contains(found))
                candidates.Add(found);
        if (candidates.Count == 0) candidates = await MineAsync(ctx, round, ct);
        if (candidates.Count == 0)
            return Say.One("ระบุมาตรการด้วยครับ เช่น \"M1 เสร็จแล้ว\" หรือพิมพ์ \"สถานะ\" เพื่อดูรายการ", "สถานะ", "ช่วยเหลือ");

        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!,
            new Question(QuestionKind.WhichMeasure, Status: status, Reason: reason, Note: note, Urls: urls.Count > 0 ? urls : null), ct);
        var said = status is null ? "" : $" ({status.Value.Thai()})";
        var list = string.Join("\n", candidates.Take(12).Select(m => $"• {m.Code} {Say.Cut(m.Title, 60)}"));
        var choices = candidates.Take(12).Select(m => (Label: status is null ? m.Code : $"{m.Code} {status.Value.ShortThai()}", Text: status is null ? m.Code : $"{m.Code} {status.Value.ShortThai()}"))
            .Append(("ยกเลิก", "ยกเลิก"));
        return [Say.Text($"มาตรการไหนครับ{said}? เลือกด้านล่าง หรือพิมพ์ เช่น \"{candidates[0].Code} เสร็จแล้ว\"\n{list}", choices)];
    }

    async Task<List<JsonObject>> AskWhichStatusAsync(
        ChatContext ctx, Measure measure, Round round, CannotProceedReason? reason, string? note, IReadOnlyList<string> urls, bool conflicting, CancellationToken ct)
    {
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!,
            new Question(QuestionKind.WhichStatus, MeasureId: measure.Id, RoundId: round.Id, Reason: reason, Note: note, Urls: urls.Count > 0 ? urls : null), ct);
        var lead = conflicting ? "ข้อความมีสถานะมากกว่าหนึ่งแบบ หรือไม่ชัดเจน ขอยืนยันอีกครั้งครับ\n" : "";
        return [Say.Text($"{lead}{measure.Code} {Say.Cut(measure.Title, 80)}\nสถานะเป็นแบบไหนครับ?", StatusChoices(measure.Code).Append(("ยกเลิก", "ยกเลิก")))];
    }

    public static IEnumerable<(string Label, string Text)> StatusChoices(string code) =>
        new[] { MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.CannotProceed, MeasureStatus.NotStarted }
            .Select(s => (s.ShortThai(), $"{code} {s.ShortThai()}"));

    async Task<List<JsonObject>> NotFoundAsync(ChatContext ctx, Round round, string reference, CancellationToken ct)
    {
        var mine = await MineAsync(ctx, round, ct);
        var year = ThaiDigits.ToThai(round.FiscalYear);
        var hint = mine.Count > 0 ? $"\nมาตรการของคุณ: {string.Join(", ", mine.Take(12).Select(m => m.Code))}" : "";
        return Say.One($"ไม่พบมาตรการ {reference} ในปีงบประมาณ {year} ครับ{hint}", mine.Take(12).Select(m => m.Code).Append("สถานะ"));
    }

    /// <summary>The measures this chat and person answer for (all of them for an administrator with no unit of their own).</summary>
    async Task<List<Measure>> MineAsync(ChatContext ctx, Round round, CancellationToken ct)
    {
        var units = await auth.UnitsAsync(ctx, ct);
        if (units.Count == 0 && ctx.IsAdmin)
            units = (await db.Units.Where(u => u.OrganizationId == ctx.Organization!.Id).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return await ChatMeasures.OfUnitsAsync(db, ctx.Organization!.Id, round.FiscalYear, units, ct);
    }

    string ProblemText(PostbackProblem problem) => problem switch
    {
        PostbackProblem.OtherChat => "ปุ่มนี้มาจากการ์ดของแชทอื่น จึงใช้ในแชทนี้ไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดของแชทนี้",
        PostbackProblem.Stale => "ปุ่มนี้เก่าเกินไปแล้วครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดล่าสุด",
        _ => "ปุ่มนี้ใช้ไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดใหม่",
    };

    public static List<JsonObject>? Precheck(ChatContext ctx) =>
        ctx.Organization is null ? Replies.NoOrganization() : ctx.UserId is null ? Replies.NoUser() : null;
}
