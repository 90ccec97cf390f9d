using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Administrator commands: <c>เตือนตอนนี้</c>, <c>เปิดรอบ</c>, <c>ปิดรอบ</c>, <c>เปิดมาตรการ</c> (summaries are <see cref="Summaries"/>).</summary>
public sealed class AdminCommands(ItaBotDb db, TimeProvider time, Cards cards)
{
    /// <summary>
    /// The scheduled reminders' own wave, minus the quiet times, through the reminders' port: to every unit that
    /// owes answers, or to the units named ("เตือนกองช่างด้วย"); a name that matches no unit is asked about, not guessed.
    /// </summary>
    public async Task<List<JsonObject>> RemindNowAsync(ChatContext ctx, string? unitNames, IChatReminders? reminders, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง เตือนตอนนี้") is { } stop) return stop;
        if (reminders is null) return Say.One("ระบบแจ้งเตือนไม่ได้เปิดใช้ในเครื่องนี้ครับ");
        var round = await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct);
        if (round is null) return Replies.NoOpenRound();
        List<int>? unitIds = null;
        var named = "";
        if (unitNames is not null)
        {
            var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization.Id).OrderBy(u => u.Id).ToListAsync(ct);
            unitIds = UnitsNamedIn(unitNames, units);
            if (unitIds.Count == 0)
                return Say.One($"ไม่พบหน่วยงาน \"{TextCut.Fit(unitNames, 40)}\" ครับ หน่วยงานที่มี: {string.Join(", ", units.Select(u => u.Name))}",
                    units.Take(11).Select(u => $"เตือน{u.Name}ด้วย").Prepend("เตือนตอนนี้"));
            named = $"เตือน {string.Join(", ", units.Where(u => unitIds.Contains(u.Id)).Select(u => u.Name))}:\n";
        }
        var text = named + await reminders.RemindNowAsync(ctx.Organization.Id, unitIds, ct);
        Audit.Record(db, ctx, "remind-now", text.Split('\n')[0] + (unitNames is null ? "" : $" ({unitNames})"));
        await db.SaveChangesAsync(ct);
        return Say.One(text, "สรุป");
    }

    /// <summary>The units whose names or aliases appear in the text ("กองคลังกับกองช่าง"), longest names first so a short alias does not steal a longer name.</summary>
    static List<int> UnitsNamedIn(string text, IReadOnlyList<Tracking.Unit> units)
    {
        var rest = UnitNames.Normalize(text);
        var found = new List<int>();
        foreach (var (unit, name) in units.SelectMany(u => new[] { u.Name }.Concat(u.Aliases).Select(n => (u, UnitNames.Normalize(n))))
                     .Where(x => x.Item2.Length >= 2).OrderByDescending(x => x.Item2.Length))
        {
            var at = rest.IndexOf(name, StringComparison.Ordinal);
            if (at < 0) continue;
            if (!found.Contains(unit.Id)) found.Add(unit.Id);
            rest = rest[..at] + new string('\u0001', name.Length) + rest[(at + name.Length)..];
        }
        return found;
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

    /// <summary>"ปิดรอบ": the current round; "ปิดรอบ 6 เดือน": the open round of that kind.</summary>
    public async Task<List<JsonObject>> CloseRoundAsync(ChatContext ctx, RoundKind? kind, CancellationToken ct)
    {
        if (Guard(ctx, "คำสั่ง ปิดรอบ") is { } stop) return stop;
        var round = kind is null
            ? await Rounds.CurrentAsync(db, ctx.Organization!.Id, ct)
            : await db.Rounds.Where(r => r.OrganizationId == ctx.Organization!.Id && r.Kind == kind && r.State == RoundState.Open).OrderBy(r => r.DueDate).FirstOrDefaultAsync(ct);
        if (round is null) return Say.One(kind is null ? "ไม่มีรอบที่เปิดอยู่ครับ" : $"ไม่มี{(kind == RoundKind.SixMonth ? "รอบ ๖ เดือน" : "รอบ ๑๒ เดือน")}ที่เปิดอยู่ครับ", "สรุป");
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
        if (measure is null) return Say.One($"ไม่พบมาตรการ {TextCut.Fit(reference, 40)} ในปีงบประมาณ {ThaiDigits.ToThai(round.FiscalYear)} ครับ");
        var entries = await Entries.OfMeasureAsync(db, round, measure.Id, ct);
        var latest = entries.LastOrDefault();
        if (!await MeasureLocks.IsLockedAsync(db, latest, ct))
            return Say.One($"{measure.Code} ยังไม่ได้ถูกล็อกครับ ({(latest is null ? StatusNames.AwaitingReport : latest.Status.Thai())}) รายงานได้ตามปกติ");

        db.MeasureReopenings.Add(new MeasureReopening
        {
            StatusReportId = MeasureLocks.StatusEntryId(latest!), MeasureId = measure.Id, RoundId = round.Id,
            ByUserId = ctx.UserId, ByName = ctx.UserName, ChatId = ctx.ChatId, AtUtc = ctx.NowUtc,
        });
        Audit.Record(db, ctx, "reopen-measure", $"{measure.Code} report {latest!.Id}");
        await db.SaveChangesAsync(ct);
        return
        [
            Say.Text($"เปิด {measure.Code} ให้เปลี่ยนสถานะได้อีกครั้งแล้วครับ 🔓 ผู้รับผิดชอบรายงานใหม่ได้เลย"),
            await cards.MeasureAsync(ctx, measure, round, entries, locked: false, "เปิดให้แก้ไขแล้ว", ct),
        ];
    }

    internal static List<JsonObject>? Guard(ChatContext ctx, string what) =>
        ctx.Organization is null ? Replies.NoOrganization() : !ctx.IsAdmin ? Replies.AdminsOnly(what) : null;
}
