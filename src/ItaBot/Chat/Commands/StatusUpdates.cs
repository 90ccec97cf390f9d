using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Chat.Understanding;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Carries out what a status message means: appends a new entry per measure (never edits an old one) after
/// authorization and the done-stays-done rule, confirms loose or title-named statuses with one tap first, and
/// asks back what is missing. Every confirmation names each measure and has a button to take it back.
/// </summary>
public sealed class StatusUpdates(
    ItaBotDb db, Authorization auth, Conversations conversations, Postbacks postbacks, FollowUps followUps, EarlyEvidence early, IOptions<ChatOptions> options)
{
    TimeSpan Correction => TimeSpan.FromMinutes(options.Value.CorrectionMinutes);

    public async Task<ChatReply> RecordAsync(ChatContext ctx, Round round, RecordStatuses intent, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var appended = new List<(Measure Measure, StatusReport Entry)>();
        var refusals = new List<string>();
        foreach (var item in intent.Items.DistinctBy(i => i.MeasureId))
        {
            var measure = await ChatMeasures.ByIdAsync(db, item.MeasureId, ct);
            if (measure is null || measure.OrganizationId != ctx.Organization!.Id || measure.FiscalYear != round.FiscalYear) continue;
            var (entry, refusal) = await AppendAsync(ctx, measure, round, item, ct);
            if (entry is not null) appended.Add((measure, entry));
            if (refusal is not null) refusals.Add(refusal);
        }
        if (appended.Count == 0)
        {
            await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
            return Say.One(string.Join("\n\n", refusals.DefaultIfEmpty("ไม่ได้บันทึกอะไรครับ")), "สถานะ");
        }
        await db.SaveChangesAsync(ct);
        await MessageVersions.RememberAsync(db, ctx, ct);
        // Photos or files the person sent just before: theirs when one measure is named, asked about when several.
        var (earlyLine, earlyQuestion) = await early.AfterStatusAsync(ctx, round, appended, ct);

        var undo = await UndoActionAsync(ctx, appended.Select(a => a.Entry.Id).ToList(), ct);
        var tag = Tags.Report(appended.Select(a => a.Measure.Id));
        var messages = new List<JsonObject>();
        if (appended.Count == 1 && intent.ThenAsk is null)
        {
            var (measure, entry) = appended[0];
            var saved = $"✅ บันทึกแล้ว: {measure.Code} {entry.Status.Thai()}" + (earlyLine is null ? "" : "\n" + earlyLine) + Refused(refusals);
            return new ChatReply(await followUps.ContinueAsync(ctx, measure, round, entry, after: null, saved, undo, ct), tag);
        }

        var lines = appended.Select(a => $"• {a.Measure.Code} {a.Entry.Status.Thai()}" + ((a.Entry.Result ?? a.Entry.ReasonText) is { } t ? $" — {TextCut.Fit(t, 80)}" : ""));
        var text = $"✅ บันทึกแล้ว {ThaiDigits.ToThai(appended.Count)} มาตรการ\n{string.Join("\n", lines)}" + Refused(refusals);
        if (intent.ThenAsk is { } next && await ChatMeasures.ByIdAsync(db, next.MeasureId, ct) is { } nextMeasure)
        {
            messages.Add(Say.Text(text));
            if (earlyQuestion is not null) messages.Add(earlyQuestion);
            messages.AddRange((await AskStatusAsync(ctx, round, new AskWhichStatus(next, intent.ThenOffer ?? AllStatuses), ct)).Messages);
            return new ChatReply(messages, tag);
        }
        await conversations.DropAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, ct);
        messages.Add(Say.Text(text + "\nพิมพ์ \"ยกเลิก\" หรือกดปุ่มด้านล่างได้ภายใน " + Minutes() + " หากบันทึกผิด", [undo, LineMessages.MessageAction("สถานะ", "สถานะ")]));
        if (earlyQuestion is not null) messages.Add(earlyQuestion);
        return new ChatReply(messages, tag);
    }

    static string Refused(List<string> refusals) => refusals.Count == 0 ? "" : "\n\n" + string.Join("\n\n", refusals);

    string Minutes() => $"{ThaiDigits.ToThai(options.Value.CorrectionMinutes)} นาที";

    /// <summary>A button that takes back the entries just recorded.</summary>
    public async Task<JsonObject> UndoActionAsync(ChatContext ctx, IReadOnlyList<long> entryIds, CancellationToken ct) =>
        LineMessages.PostbackAction("ยกเลิกรายงาน", await postbacks.UndoDataAsync(ctx.Channel, ctx.ChatId, entryIds, ct), "ยกเลิกรายงาน");

    /// <summary>Adds the entry for one measure, or says why not (who can change it, or who can reopen it).</summary>
    public async Task<(StatusReport? Entry, string? Refusal)> AppendAsync(ChatContext ctx, Measure measure, Round round, StatusItem item, CancellationToken ct)
    {
        if (item.Status is not { } status) return (null, null);
        if (!await auth.CanChangeAsync(ctx, measure, ct)) return (null, Authorization.Refusal(measure));
        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (await MeasureLocks.IsLockedForAsync(db, latest, ctx.UserId, ctx.NowUtc, Correction, ct)) return (null, LockedText(ctx, measure));

        var text = EntryText.Keep(item.Text);
        if (text.TooLong) return (null, $"{measure.Code}: {text.TooLongMessage}");
        var entry = Entries.New(ctx, measure.Id, round.Id, status);
        if (status == MeasureStatus.CannotProceed)
        {
            entry.Reason = item.Reason;
            entry.ReasonText = text.Text;
        }
        else
        {
            entry.Result = text.Text;
        }
        entry.EvidenceUrls = [.. item.Urls.Distinct()];
        db.StatusReports.Add(entry);
        return (entry, null);
    }

    /// <summary>A button tap on a card: the status the button names, for the measure and round it was shown with.</summary>
    public async Task<ChatReply> FromTapAsync(ChatContext ctx, StatusTap tap, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == tap.RoundId, ct);
        var measure = await ChatMeasures.ByIdAsync(db, tap.MeasureId, ct);
        // The MAC already ties these ids to this chat; checking the organization again costs nothing.
        if (round is null || measure is null || round.OrganizationId != ctx.Organization!.Id
            || measure.OrganizationId != ctx.Organization.Id || measure.FiscalYear != round.FiscalYear)
            return Say.One(ProblemText(PostbackProblem.Malformed), "สถานะ");
        if (round.State != RoundState.Open)
            return Say.One($"{Looks.RoundName(round)} ปิดแล้ว จึงเปลี่ยนสถานะไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อดูรอบที่เปิดอยู่", "สถานะ");
        return await RecordAsync(ctx, round, new RecordStatuses([new StatusItem(measure.Id, tap.Status, null, null, [])]), ct);
    }

    /// <summary>One tap to confirm a status said loosely ("ส่งแล้ว", "ok") or about a measure named by its title.</summary>
    public async Task<ChatReply> ConfirmAsync(ChatContext ctx, Round round, ConfirmStatus intent, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var measure = await ChatMeasures.ByIdAsync(db, intent.Item.MeasureId, ct);
        if (measure is null || intent.Item.Status is not { } status) return ChatReply.None;
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, new Question(QuestionKind.Confirm, MeasureId: measure.Id, RoundId: round.Id,
            Status: status, Reason: intent.Item.Reason, Note: intent.Item.Text, Urls: intent.Item.Urls.Count > 0 ? intent.Item.Urls : null), ct);
        var choices = new (string, string)[] { ($"ใช่ {status.ShortThai()}", "ใช่") }
            .Concat(StatusChoices(measure.Code).Where(c => c.Label != status.ShortThai()).Take(2))
            .Append(("ไม่ใช่", "ไม่ใช่"));
        return new ChatReply(
            [Say.Text($"หมายถึง {measure.Code} {TextCut.Fit(measure.Title, 80)}\nว่า \"{status.Thai()}\" ใช่ไหมครับ? กด \"ใช่\" เพื่อบันทึก", choices)],
            Tags.Ask([measure.Id]));
    }

    public async Task<ChatReply> AskMeasureAsync(ChatContext ctx, Round round, AskWhichMeasure intent, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var candidates = new List<Measure>();
        foreach (var id in intent.Candidates.Take(12))
            if (await ChatMeasures.ByIdAsync(db, id, ct) is { } m) candidates.Add(m);
        if (candidates.Count == 0)
            return Say.One("ระบุมาตรการด้วยครับ เช่น \"M1 เสร็จแล้ว\" หรือพิมพ์ \"สถานะ\" เพื่อดูรายการ", "สถานะ", "ช่วยเหลือ");
        var status = intent.Template.Status;
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, new Question(QuestionKind.WhichMeasure, RoundId: round.Id, Status: status,
            Reason: intent.Template.Reason, Note: intent.Template.Text, Urls: intent.Template.Urls.Count > 0 ? intent.Template.Urls : null,
            Candidates: candidates.Select(c => c.Id).ToList()), ct);
        var said = status is null ? "" : $" ({status.Value.Thai()})";
        var list = string.Join("\n", candidates.Select(m => $"• {m.Code} {TextCut.Fit(m.Title, 60)}"));
        var choices = candidates.Select(m => status is null ? (m.Code, m.Code) : ($"{m.Code} {status.Value.ShortThai()}", $"{m.Code} {status.Value.ShortThai()}"))
            .Append(("ยกเลิก", "ยกเลิก"));
        return new ChatReply([Say.Text($"มาตรการไหนครับ{said}? เลือกด้านล่าง หรือพิมพ์ เช่น \"{candidates[0].Code} เสร็จแล้ว\"\n{list}", choices)],
            Tags.Ask(candidates.Select(c => c.Id)));
    }

    public async Task<ChatReply> AskStatusAsync(ChatContext ctx, Round round, AskWhichStatus intent, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        var measure = await ChatMeasures.ByIdAsync(db, intent.Item.MeasureId, ct);
        if (measure is null) return ChatReply.None;
        await conversations.AskAsync(ctx.Channel, ctx.ChatId, ctx.UserId!, new Question(QuestionKind.WhichStatus, MeasureId: measure.Id, RoundId: round.Id,
            Reason: intent.Item.Reason, Note: intent.Item.Text, Urls: intent.Item.Urls.Count > 0 ? intent.Item.Urls : null, Offer: intent.Offer), ct);
        var offer = intent.Offer.Count > 0 ? intent.Offer : AllStatuses;
        var choices = offer.Select(s => (s.ShortThai(), $"{measure.Code} {s.ShortThai()}")).Append(("ยกเลิก", "ยกเลิก"));
        return new ChatReply([Say.Text($"{measure.Code} {TextCut.Fit(measure.Title, 80)}\nสถานะตอนนี้เป็นแบบไหนครับ? เลือกด้านล่าง", choices)], Tags.Ask([measure.Id]));
    }

    /// <summary>A measure named that the person cannot report on, or that does not exist: say so, and who can.</summary>
    public async Task<ChatReply> NotReportableAsync(ChatContext ctx, Round round, NotReportable intent, CancellationToken ct)
    {
        if (Precheck(ctx) is { } stop) return stop;
        if (intent.Exists && await ChatMeasures.FindAsync(db, ctx.Organization!.Id, round.FiscalYear, intent.Reference, ct) is { } measure)
            return Say.One(Authorization.Refusal(measure));
        var mine = await MineAsync(ctx, round, ct);
        var hint = mine.Count > 0 ? $"\nมาตรการที่คุณรายงานได้: {string.Join(", ", mine.Take(12).Select(m => m.Code))}" : "";
        return Say.One($"ไม่พบมาตรการ {TextCut.Fit(intent.Reference, 30)} ในปีงบประมาณ {ThaiDigits.ToThai(round.FiscalYear)} ครับ{hint}", mine.Take(12).Select(m => m.Code).Append("สถานะ"));
    }

    string LockedText(ChatContext ctx, Measure measure) => ctx.IsAdmin
        ? $"{measure.Code} รายงานว่าดำเนินการแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ครับ หากต้องการเปลี่ยน พิมพ์ \"เปิดมาตรการ {measure.Code}\" ก่อน แล้วรายงานใหม่"
        : $"{measure.Code} รายงานว่าดำเนินการแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ครับ ✅\n" +
          $"ผู้รายงานเองแก้ได้ภายใน {Minutes()} หลังรายงาน หลังจากนั้นต้องให้ผู้ดูแลระบบพิมพ์ \"เปิดมาตรการ {measure.Code}\" ก่อน (แก้ผลการดำเนินการหรือลิงก์ได้ด้วย \"แก้ไข\")";

    public static readonly MeasureStatus[] AllStatuses = [MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.CannotProceed, MeasureStatus.NotStarted];

    public static IEnumerable<(string Label, string Text)> StatusChoices(string code) =>
        AllStatuses.Select(s => (s.ShortThai(), $"{code} {s.ShortThai()}"));

    /// <summary>The measures this chat and person answer for (all of them for an administrator with no unit of their own).</summary>
    async Task<List<Measure>> MineAsync(ChatContext ctx, Round round, CancellationToken ct)
    {
        var units = await auth.UnitsAsync(ctx, ct);
        if (units.Count == 0 && ctx.IsAdmin)
            units = (await db.Units.Where(u => u.OrganizationId == ctx.Organization!.Id).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        return await ChatMeasures.OfUnitsAsync(db, ctx.Organization!.Id, round.FiscalYear, units, ct);
    }

    public static string ProblemText(PostbackProblem problem) => problem switch
    {
        PostbackProblem.OtherChat => "ปุ่มนี้มาจากการ์ดของแชทอื่น จึงใช้ในแชทนี้ไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดของแชทนี้",
        PostbackProblem.Stale => "ปุ่มนี้เก่าเกินไปแล้วครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดล่าสุด",
        _ => "ปุ่มนี้ใช้ไม่ได้ครับ พิมพ์ \"สถานะ\" เพื่อเปิดการ์ดใหม่",
    };

    public static List<JsonObject>? Precheck(ChatContext ctx) =>
        ctx.Organization is null ? Replies.NoOrganization() : ctx.UserId is null ? Replies.NoUser() : null;
}
