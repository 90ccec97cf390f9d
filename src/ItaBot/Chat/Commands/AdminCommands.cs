using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Administrator commands: <c>เตือนตอนนี้</c>, <c>เปิดรอบ</c>, <c>ปิดรอบ</c>, <c>เปิดมาตรการ</c> (summaries are <see cref="Summaries"/>).</summary>
public sealed class AdminCommands(ItaBotDb db, TimeProvider time, ReminderChatCommands reminders, Cards cards)
{
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

    internal static List<JsonObject>? Guard(ChatContext ctx, string what) =>
        ctx.Organization is null ? Replies.NoOrganization() : !ctx.IsAdmin ? Replies.AdminsOnly(what) : null;
}
