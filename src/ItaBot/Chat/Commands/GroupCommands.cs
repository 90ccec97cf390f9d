using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Joining groups and binding them to units (<c>ผูกกลุ่ม</c>, <c>ยกเลิกผูกกลุ่ม</c>, <c>ผูกกลุ่มผู้ดูแล</c>).</summary>
public sealed class GroupCommands(ItaBotDb db)
{
    public static List<JsonObject> Greeting() => Say.One("""
        สวัสดีครับ 🙏 ผมคือ ItaBot ผู้ช่วยติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)
        ขั้นแรก ผู้ดูแลระบบผูกกลุ่มนี้กับหน่วยงาน โดยพิมพ์
        ผูกกลุ่ม กองคลัง
        (หลายหน่วยงานคั่นด้วยจุลภาค เช่น ผูกกลุ่ม กองคลัง, กองช่าง)
        จากนั้นสมาชิกพิมพ์ "สถานะ" เพื่อดูมาตรการและแตะปุ่มรายงานผลได้ทันที
        พิมพ์ "ช่วยเหลือ" เพื่อดูวิธีใช้ทั้งหมด
        """, "ช่วยเหลือ");

    public static List<JsonObject> Welcome() => Say.One("""
        สวัสดีครับ 🙏 ผมคือ ItaBot ผู้ช่วยติดตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส (ITA)
        • พิมพ์ "ลงทะเบียน ชื่อหน่วยงาน" เพื่อขอเป็นผู้รายงานของหน่วยงาน
        • พิมพ์ "สถานะ" เพื่อดูมาตรการ หรือรายงาน เช่น "M1 เสร็จแล้ว"
        • พิมพ์ "ช่วยเหลือ" เพื่อดูวิธีใช้ทั้งหมด
        """, "ช่วยเหลือ", "สถานะ");

    public async Task<List<JsonObject>> BindAsync(ChatContext ctx, IReadOnlyList<string> names, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (!ctx.IsAdmin) return Replies.AdminsOnly("การผูกกลุ่ม");
        if (!ctx.IsGroup) return Replies.GroupsOnly("ผูกกลุ่ม");
        var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization.Id).OrderBy(u => u.Id).ToListAsync(ct);
        var available = string.Join(", ", units.Select(u => u.Name));
        if (names.Count == 0)
            return Say.One($"พิมพ์ชื่อหน่วยงานต่อท้ายครับ เช่น \"ผูกกลุ่ม {units.FirstOrDefault()?.Name ?? "กองคลัง"}\"\nหน่วยงานที่มี: {available}",
                units.Take(12).Select(u => $"ผูกกลุ่ม {u.Name}"));

        var chosen = new List<Tracking.Unit>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var matches = units.Where(u => u.IsCalled(name)).ToList();
            if (matches.Count == 1) { if (!chosen.Contains(matches[0])) chosen.Add(matches[0]); }
            else unknown.Add(name);
        }
        // All or nothing: a half-bound group would be a silent surprise.
        if (unknown.Count > 0)
            return Say.One($"ไม่พบหน่วยงาน: {string.Join(", ", unknown)}\nยังไม่ได้ผูกอะไรครับ หน่วยงานที่มี: {available}",
                units.Take(12).Select(u => $"ผูกกลุ่ม {u.Name}"));

        var bound = await db.ChatUnits.Where(cu => cu.LineChatId == ctx.Chat.Id).Select(cu => cu.UnitId).ToListAsync(ct);
        foreach (var unit in chosen.Where(u => !bound.Contains(u.Id)))
            db.ChatUnits.Add(new ChatUnit { LineChatId = ctx.Chat.Id, UnitId = unit.Id, BoundByUserId = ctx.UserId, BoundByName = ctx.UserName, BoundAtUtc = ctx.NowUtc });
        var list = string.Join(", ", chosen.Select(u => u.Name));
        Audit.Record(db, ctx, "bind", list);
        await db.SaveChangesAsync(ct);
        return Say.One($"ผูกกลุ่มนี้กับ {list} แล้วครับ ✅\nสมาชิกกลุ่มนี้รายงานสถานะมาตรการของ {list} ได้ทันที ลองพิมพ์ \"สถานะ\"", "สถานะ", "ช่วยเหลือ");
    }

    public async Task<List<JsonObject>> UnbindAsync(ChatContext ctx, CancellationToken ct)
    {
        if (!ctx.IsAdmin) return Replies.AdminsOnly("การยกเลิกผูกกลุ่ม");
        if (!ctx.IsGroup) return Replies.GroupsOnly("ยกเลิกผูกกลุ่ม");
        var bindings = await db.ChatUnits.Include(cu => cu.Unit).Where(cu => cu.LineChatId == ctx.Chat.Id).ToListAsync(ct);
        if (bindings.Count == 0 && !ctx.Chat.IsAdminChat) return Say.One("กลุ่มนี้ยังไม่ได้ผูกกับหน่วยงานใดครับ");
        var was = string.Join(", ", bindings.Select(b => b.Unit!.Name).Concat(ctx.Chat.IsAdminChat ? ["กลุ่มผู้ดูแล"] : []));
        db.ChatUnits.RemoveRange(bindings);
        ctx.Chat.IsAdminChat = false;
        Audit.Record(db, ctx, "unbind", was);
        await db.SaveChangesAsync(ct);
        return Say.One($"ยกเลิกการผูกกลุ่มแล้วครับ (เดิม: {was})");
    }

    public async Task<List<JsonObject>> NameAsync(ChatContext ctx, string? name, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (!ctx.IsAdmin) return Replies.AdminsOnly("การตั้งชื่อกลุ่ม");
        if (!ctx.IsGroup) return Replies.GroupsOnly("ตั้งชื่อกลุ่ม");
        if (string.IsNullOrWhiteSpace(name)) return Say.One("ตั้งชื่อกลุ่มนี้ว่าอะไรครับ? เช่น \"ตั้งชื่อกลุ่ม ผู้บริหาร\"");
        name = TextCut.Fit(name.Trim(), 100);
        ctx.Chat.Name = name;
        Audit.Record(db, ctx, "name-group", name);
        await db.SaveChangesAsync(ct);
        return Say.One($"ตั้งชื่อกลุ่มนี้ว่า \"{name}\" แล้วครับ ✅\nผู้ดูแลส่งสรุปมาที่กลุ่มนี้ได้ด้วย \"ส่งสรุปไปกลุ่ม {name}\"");
    }

    public async Task<List<JsonObject>> BindAdminAsync(ChatContext ctx, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (!ctx.IsAdmin) return Replies.AdminsOnly("การตั้งกลุ่มผู้ดูแล");
        if (!ctx.IsGroup) return Replies.GroupsOnly("ผูกกลุ่มผู้ดูแล");
        if (!ctx.Chat.IsAdminChat)
        {
            ctx.Chat.IsAdminChat = true;
            Audit.Record(db, ctx, "bind-admin");
            await db.SaveChangesAsync(ct);
        }
        return Say.One("ตั้งกลุ่มนี้เป็นกลุ่มผู้ดูแลระบบแล้วครับ ✅\nสมาชิกกลุ่มนี้ใช้คำสั่งผู้ดูแลได้: สรุป, เตือนตอนนี้, เปิดรอบ, ปิดรอบ, อนุมัติ และส่งไฟล์แผนเพื่อนำเข้า",
            "สรุป", "อนุมัติ", "ช่วยเหลือ");
    }
}
