using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary><c>สถานะ</c>, <c>ของฉัน</c> and <c>ช่วยเหลือ</c>: read-only answers.</summary>
public sealed class Queries(ItaBotDb db, Authorization auth, Cards cards)
{
    public async Task<ChatReply> StatusAsync(ChatContext ctx, string? target, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        var round = await ShownRoundAsync(ctx.Organization.Id, ct);
        if (round is null) return Say.One("ยังไม่มีรอบรายงานครับ ผู้ดูแลระบบเปิดรอบได้ด้วยคำสั่ง \"เปิดรอบ\"");

        if (target is not null)
        {
            if (target.Any(char.IsDigit) && await ChatMeasures.FindAsync(db, ctx.Organization.Id, round.FiscalYear, target, ct) is { } measure)
                return new ChatReply([await CardAsync(ctx, measure, round, ct)], Tags.Card([measure.Id]));
            var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization.Id).OrderBy(u => u.Id).ToListAsync(ct);
            var named = units.Where(u => u.IsCalled(target)).Select(u => u.Id).ToList();
            if (named.Count == 0)
                return Say.One($"ไม่พบหน่วยงานหรือมาตรการ \"{TextCut.Fit(target, 80)}\" ครับ\nหน่วยงานที่มี: {string.Join(", ", units.Select(u => u.Name))}",
                    units.Take(12).Select(u => $"สถานะ {u.Name}"));
            return await UnitCardsAsync(ctx, round, named, ct);
        }

        var unitIds = ctx.IsGroup
            ? await db.ChatUnits.Where(cu => cu.LineChatId == ctx.Chat.Id).Select(cu => cu.UnitId).ToListAsync(ct)
            : (await auth.UnitsAsync(ctx, ct)).ToList();
        if (unitIds.Count == 0) return await NoUnitsAsync(ctx, ct);
        return await UnitCardsAsync(ctx, round, unitIds, ct);
    }

    /// <summary>"@ItaBot M6 เสร็จหรือยัง": the measure's card.</summary>
    public async Task<ChatReply> MeasureAsync(ChatContext ctx, int measureId, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        var round = await ShownRoundAsync(ctx.Organization.Id, ct);
        var measure = await ChatMeasures.ByIdAsync(db, measureId, ct);
        if (round is null || measure is null || measure.OrganizationId != ctx.Organization.Id) return ChatReply.None;
        return new ChatReply([await CardAsync(ctx, measure, round, ct)], Tags.Card([measure.Id]));
    }

    async Task<JsonObject> CardAsync(ChatContext ctx, Measure measure, Round round, CancellationToken ct)
    {
        var entries = await Entries.ShownAsync(db, round, measure.Id, ct);
        return await cards.MeasureAsync(ctx, measure, round, entries, await MeasureLocks.IsLockedAsync(db, entries.LastOrDefault(), ct), "สถานะ", ct);
    }

    /// <summary>Said to the bot but not understood: what can be said (administrators also get theirs). Never sent to group chatter.</summary>
    public static List<JsonObject> Hint(ChatContext ctx)
    {
        var text = "ขออภัยครับ ไม่เข้าใจข้อความนี้ 🙏 ลองพิมพ์\n• M1 เสร็จแล้ว (หรือ กำลังทำ / ยังไม่เริ่ม / ทำไม่ได้)\n• สถานะ — ดูการ์ดมาตรการ\n• ของฉัน — มาตรการที่คุณรับผิดชอบ\n• ช่วยเหลือ — วิธีใช้ทั้งหมด";
        if (ctx.IsAdmin)
            text += "\n\nผู้ดูแลระบบพิมพ์ได้อีก\n• สรุป · ใครยังไม่ส่งบ้าง · รายงาน ๖ เดือน\n• เตือนตอนนี้ · เตือนกองช่างด้วย\n• เปิดรอบ ๑๒ เดือน · ปิดรอบ ๖ เดือน · เปิดมาตรการ M1";
        return Say.One(text, ctx.IsAdmin ? ["สรุป", "ใครยังไม่ส่งบ้าง", "สถานะ", "ช่วยเหลือ"] : ["สถานะ", "ของฉัน", "ช่วยเหลือ"]);
    }

    public async Task<List<JsonObject>> MineAsync(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (ctx.UserId is null) return Replies.NoUser();
        var round = await ShownRoundAsync(ctx.Organization.Id, ct);
        // The person's own units: registrations and groups they were seen in, not merely this chat's binding.
        var unitIds = (await auth.UnitsAsync(ctx, ct, includeThisChat: false)).ToList();
        var pending = await db.UnitPeople.Where(p => p.UserId == ctx.UserId && p.State == RegistrationState.Pending && p.Unit!.OrganizationId == ctx.Organization.Id)
            .Select(p => p.Unit!.Name).ToListAsync(ct);
        var waiting = pending.Count > 0 ? $"\nรออนุมัติ: {string.Join(", ", pending)}" : "";
        if (unitIds.Count == 0 || round is null)
        {
            if (round is null && unitIds.Count > 0) return Say.One("ยังไม่มีรอบรายงานครับ" + waiting);
            var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization.Id).OrderBy(u => u.Id).Select(u => u.Name).Take(12).ToListAsync(ct);
            return Say.One($"ยังไม่พบหน่วยงานที่คุณรับผิดชอบครับ{waiting}\nลงทะเบียนได้โดยพิมพ์ \"ลงทะเบียน ชื่อหน่วยงาน\" หรือรายงานในกลุ่ม LINE ของหน่วยงาน",
                units.Select(u => $"ลงทะเบียน {u}"));
        }

        var names = await db.Units.Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync(ct);
        var measures = await ChatMeasures.OfUnitsAsync(db, ctx.Organization.Id, round.FiscalYear, unitIds, ct);
        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, ct, measures.Select(m => m.Id).ToList());
        var owing = measures.Where(m => !latest.ContainsKey(m.Id)).Select(m => m.Code).ToList();
        var line = $"มาตรการของคุณ ({string.Join(", ", names)}): {ThaiDigits.ToThai(measures.Count)} ข้อ"
            + (owing.Count > 0 ? $"\nยังไม่รายงาน {ThaiDigits.ToThai(owing.Count)} ข้อ: {string.Join(", ", owing)}" : "\nรายงานครบทุกข้อแล้ว 👍") + waiting;
        return [Say.Text(line), .. await UnitCardsAsync(ctx, round, unitIds, ct)];
    }

    public static List<JsonObject> Help(ChatContext ctx)
    {
        var text = """
            📘 วิธีใช้ ItaBot
            • สถานะ — ดูการ์ดมาตรการของหน่วยงาน แล้วแตะปุ่มเพื่อรายงาน
            • M1 เสร็จแล้ว — รายงานด้วยข้อความ (ม.๑, มาตรการ 1, ข้อ 1 ก็ได้)
            • M2 กำลังทำ · M4 ยังไม่เริ่ม
            • M3 ทำไม่ได้ ไม่ได้รับงบประมาณ
            • 1 done https://… — แนบลิงก์หลักฐานได้เลย
            • ข้อ 1 2 3 เสร็จแล้ว · M6 เสร็จ ส่วน M7 ยังไม่เริ่ม — หลายมาตรการในข้อความเดียว
            • ยกเลิก — ยกเลิกรายงานของตัวเองภายใน ๓๐ นาที · แก้ไข — แก้ผลหรือลิงก์ · ข้าม — ข้ามคำถาม
            • ของฉัน — มาตรการที่คุณรับผิดชอบ
            • ลงทะเบียน กองคลัง — ขอเป็นผู้รายงานของหน่วยงาน
            • พักการแจ้งเตือน ถึง 15 ม.ค. — หยุดเตือนกลุ่มนี้ชั่วคราว
            """;
        if (ctx.IsAdmin)
            text += """

                สำหรับผู้ดูแลระบบ
                • ผูกกลุ่ม กองคลัง, กองช่าง · ยกเลิกผูกกลุ่ม · ผูกกลุ่มผู้ดูแล
                • อนุมัติ — คำขอลงทะเบียนที่รออยู่
                • สรุป (หรือ สรุปหน่อย) · ใครยังไม่ส่งบ้าง
                • เตือนตอนนี้ · เตือนกองช่างด้วย — เตือนทุกหน่วยงานที่ยังไม่ส่ง หรือเฉพาะที่ระบุ
                • เปิดรอบ · ปิดรอบ · ปิดรอบ ๖ เดือน · เปิดมาตรการ M1
                • รายงาน ๖ เดือน · รายงาน ๑๒ เดือน ๒๕๖๘ — สรุปของรอบที่เลือก
                • ส่งสรุปไปกลุ่ม กองคลัง — ส่งสรุปรอบปัจจุบันไปยังกลุ่มอื่น (หรือ "ผู้ดูแล")
                • ตั้งชื่อกลุ่ม ผู้บริหาร — ตั้งชื่อกลุ่มนี้ เพื่อส่งสรุปมาด้วย "ส่งสรุปไปกลุ่ม ผู้บริหาร"
                • การแจ้งเตือน — ดู/ตั้งเวลาเตือน เช่น ตั้งเตือนทุกวันจันทร์ 09:00 · วันหยุด
                • ส่งไฟล์แผน (DOCX/XLSX/CSV) ในแชทผู้ดูแลเพื่อนำเข้า
                """;
        return Say.One(text, ctx.IsAdmin ? ["สถานะ", "สรุป", "ของฉัน"] : ["สถานะ", "ของฉัน"]);
    }

    /// <summary>Cards for the units, one message per unit; the open round, else the last one (read-only).</summary>
    async Task<List<JsonObject>> UnitCardsAsync(ChatContext ctx, Round round, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var units = await db.Units.Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.Id).ToListAsync(ct);
        var measures = await ChatMeasures.OfUnitsAsync(db, ctx.Organization!.Id, round.FiscalYear, unitIds, ct);
        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, ct, measures.Select(m => m.Id).ToList());
        var locked = await MeasureLocks.LockedAsync(db, latest, ct);
        var messages = new List<JsonObject>();
        foreach (var unit in units)
            messages.AddRange(await cards.UnitAsync(ctx, unit, round, measures.Where(m => m.Responsible.Any(r => r.UnitId == unit.Id)).ToList(), latest, locked, ct));
        return messages;
    }

    Task<Round?> ShownRoundAsync(int organizationId, CancellationToken ct) => Rounds.ShownAsync(db, organizationId, ct);

    async Task<List<JsonObject>> NoUnitsAsync(ChatContext ctx, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization!.Id).OrderBy(u => u.Id).Select(u => u.Name).Take(12).ToListAsync(ct);
        if (ctx.IsGroup)
            return Say.One("กลุ่มนี้ยังไม่ได้ผูกกับหน่วยงานครับ ผู้ดูแลระบบพิมพ์ เช่น \"ผูกกลุ่ม กองคลัง\"",
                ctx.IsAdmin ? units.Select(u => $"ผูกกลุ่ม {u}") : []);
        if (ctx.IsAdmin)
            return Say.One("คุณเป็นผู้ดูแลระบบ: พิมพ์ \"สรุป\" เพื่อดูภาพรวม หรือ \"สถานะ ชื่อหน่วยงาน\"", units.Select(u => $"สถานะ {u}").Prepend("สรุป"));
        return Say.One("ยังไม่พบหน่วยงานที่คุณรับผิดชอบครับ พิมพ์ \"ลงทะเบียน ชื่อหน่วยงาน\" แล้วรอผู้ดูแลอนุมัติ หรือรายงานในกลุ่ม LINE ของหน่วยงาน",
            units.Select(u => $"ลงทะเบียน {u}"));
    }
}
