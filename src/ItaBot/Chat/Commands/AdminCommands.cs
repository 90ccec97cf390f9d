using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reports;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Administrator commands: <c>สรุป</c>, <c>เตือนตอนนี้</c>, <c>เปิดรอบ</c>, <c>ปิดรอบ</c>, <c>เปิดมาตรการ</c>.</summary>
public sealed class AdminCommands(
    ItaBotDb db, TimeProvider time, RoundReportCompiler compiler, ReportUrls urls, ReminderChatCommands reminders, Cards cards)
{
    public async Task<List<JsonObject>> SummaryAsync(ChatContext ctx, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง สรุป") is { } stop) return stop;
        // The round chat reports go to (earliest due open round); with none open, the last one.
        var round = await compiler.FindCurrentRoundAsync(ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var report = await compiler.CompileAsync(round, ct);
        // The Flex summary links to the published report, which needs the bot's public address.
        if (urls.For(report) is { } links) return [ReportFlexSummary.Build(report, links)];
        return Say.One(TextSummary(report) + "\n\n(ตั้งค่า Reports__PublicBaseUrl เพื่อให้สรุปมีลิงก์ไปยังรายงานฉบับเต็ม)");
    }

    /// <summary>The same figures as the Flex summary, as text: counts per status and per unit, percent done, who has not answered.</summary>
    static string TextSummary(RoundReport report)
    {
        var all = report.Totals.All;
        var text = new StringBuilder($"📊 สรุป{ReportRoundName(report.Round)}\n{report.Organization.Name}");
        text.Append($"\nเสร็จแล้ว {all.Done}/{all.Total} มาตรการ ({all.PercentDone:0.#}%)");
        text.Append($"\n✅ ดำเนินการแล้วเสร็จ {all.Done} · 🔄 อยู่ระหว่างดำเนินการ {all.InProgress}");
        text.Append($"\n⛔ ไม่สามารถดำเนินการได้ {all.CannotProceed} · ⏸️ ยังไม่ได้ดำเนินการ {all.NotStarted} · ⏳ รอรายงานผล {all.AwaitingReport}");
        if (report.Totals.ByUnit.Count > 0)
        {
            text.Append("\n\nรายหน่วยงาน");
            foreach (var unit in report.Totals.ByUnit)
                text.Append($"\n• {unit.Unit}: เสร็จ {unit.Counts.Done}/{unit.Counts.Total}" + (unit.Counts.AwaitingReport > 0 ? $" · รอรายงาน {unit.Counts.AwaitingReport}" : ""));
        }
        var owing = report.Measures.Where(m => m.Status == ReportStatus.AwaitingReport)
            .SelectMany(m => (m.OwingUnits.Count > 0 ? m.OwingUnits : ["(ยังไม่กำหนดผู้รับผิดชอบ)"]).Select(u => (Unit: u, m.Code)))
            .GroupBy(x => x.Unit).ToList();
        text.Append(owing.Count == 0 ? "\n\nทุกหน่วยงานรายงานครบแล้ว 👍" : "\n\nยังไม่รายงาน");
        foreach (var unit in owing) text.Append($"\n• {unit.Key}: {string.Join(", ", unit.Select(x => x.Code).Distinct())}");
        return text.ToString();
    }

    static string ReportRoundName(ReportRound round) => (round.Kind switch
    {
        RoundKind.SixMonth => "รอบ ๖ เดือน",
        RoundKind.TwelveMonth => "รอบ ๑๒ เดือน",
        _ => "รอบพิเศษ",
    }) + $" ปีงบประมาณ {ThaiDigits.ToThai(round.FiscalYear)}";

    /// <summary>The scheduled reminders' own path (<see cref="ReminderChatCommands.RemindNowAsync"/>), minus the quiet times.</summary>
    public async Task<List<JsonObject>> RemindNowAsync(ChatContext ctx, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง เตือนตอนนี้") is { } stop) return stop;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var text = await reminders.RemindNowAsync(ctx.Organization.Id, ct);
        Audit.Record(db, ctx, "remind-now", text.Split('\n')[0]);
        await db.SaveChangesAsync(ct);
        return Say.One(text, "สรุป");
    }

    public async Task<List<JsonObject>> OpenRoundAsync(ChatContext ctx, RoundKind? kind, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง เปิดรอบ") is { } stop) return stop;
        var org = ctx.Organization!;
        var today = time.Today();
        if (kind is null && await Rounds.CurrentAsync(db, org.Id, ct) is { } open)
            return Say.One($"{Looks.RoundName(open)} เปิดอยู่แล้วครับ (ส่งภายใน {ThaiCalendar.FormatShortDate(open.DueDate)})", "สรุป");

        await Rounds.EnsureStandardRoundsAsync(db, org, ThaiCalendar.FiscalYearOf(today), time, ct);
        var rounds = await db.Rounds.Where(r => r.OrganizationId == org.Id && (kind == null || r.Kind == kind) && r.WindowStart <= today)
            .ToListAsync(ct);
        // The round whose reports are being collected now; else the one that ended last (an explicit re-open).
        var round = rounds.Where(r => r.DueDate >= today).OrderBy(r => r.DueDate).FirstOrDefault()
            ?? rounds.OrderByDescending(r => r.DueDate).FirstOrDefault();
        if (round is null) return Say.One("ไม่พบรอบที่จะเปิดครับ ลองระบุ เช่น \"เปิดรอบ 6\" หรือ \"เปิดรอบ 12\"");
        if (round.State == RoundState.Open)
            return Say.One($"{Looks.RoundName(round)} เปิดอยู่แล้วครับ", "สรุป");
        Rounds.Reopen(round);
        Audit.Record(db, ctx, "open-round", $"{round.FiscalYear} {round.Kind}");
        await db.SaveChangesAsync(ct);
        return Say.One($"เปิด{Looks.RoundName(round)}แล้วครับ ✅ ส่งภายใน {ThaiCalendar.FormatLongDate(round.DueDate)}", "เตือนตอนนี้", "สรุป");
    }

    public async Task<List<JsonObject>> CloseRoundAsync(ChatContext ctx, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง ปิดรอบ") is { } stop) return stop;
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Say.One("ไม่มีรอบที่เปิดอยู่ครับ");
        Rounds.Close(round, time);
        Audit.Record(db, ctx, "close-round", $"{round.FiscalYear} {round.Kind}");
        await db.SaveChangesAsync(ct);
        return Say.One($"ปิด{Looks.RoundName(round)}แล้วครับ ✅ รายงานผลใช้สถานะ ณ เวลานี้ พิมพ์ \"สรุป\" เพื่อดูภาพรวม หรือ \"เปิดรอบ\" หากต้องเปิดอีกครั้ง", "สรุป");
    }

    public async Task<List<JsonObject>> ReopenMeasureAsync(ChatContext ctx, string? reference, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง เปิดมาตรการ") is { } stop) return stop;
        if (reference is null) return Say.One("ระบุมาตรการด้วยครับ เช่น \"เปิดมาตรการ M1\"");
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        var measure = await ChatMeasures.FindAsync(db, ctx.Organization.Id, round.FiscalYear, reference, ct);
        if (measure is null) return Say.One($"ไม่พบมาตรการ {Say.Cut(reference, 40)} ในปีงบประมาณ {ThaiDigits.ToThai(round.FiscalYear)} ครับ");
        var latest = (await MeasureStatuses.LatestInRoundAsync(db, round, ct, [measure.Id])).GetValueOrDefault(measure.Id);
        if (!await MeasureLocks.IsLockedAsync(db, latest, ct))
            return Say.One($"{measure.Code} ยังไม่ได้ถูกล็อกครับ ({(latest is null ? StatusNames.AwaitingReport : latest.Status.Thai())}) รายงานได้ตามปกติ");

        db.MeasureReopenings.Add(new MeasureReopening
        {
            StatusReportId = latest!.Id, MeasureId = measure.Id, RoundId = round.Id,
            ByUserId = ctx.UserId, ByName = ctx.UserName, ChatId = ctx.ChatId, AtUtc = ctx.NowUtc,
        });
        Audit.Record(db, ctx, "reopen-measure", $"{measure.Code} report {latest.Id}");
        await db.SaveChangesAsync(ct);
        return
        [
            Say.Text($"เปิด {measure.Code} ให้เปลี่ยนสถานะได้อีกครั้งแล้วครับ 🔓 ผู้รับผิดชอบรายงานใหม่ได้เลย"),
            await cards.MeasureAsync(ctx, measure, round, latest, locked: false, "เปิดให้แก้ไขแล้ว", ct),
        ];
    }

    static List<JsonObject>? Guard(ChatContext ctx, string what) =>
        ctx.Organization is null ? Replies.NoOrganization() : !ctx.IsAdmin ? Replies.AdminsOnly(what) : null;
}
