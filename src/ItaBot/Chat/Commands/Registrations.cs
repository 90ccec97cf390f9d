using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary><c>ลงทะเบียน กองคลัง</c> asks to report for a unit; an administrator answers with <c>อนุมัติ 3</c> or <c>ปฏิเสธ 3</c>.</summary>
public sealed class Registrations(ItaBotDb db, Outbox outbox, RegistrationNotices notices, IOptions<ChatOptions> options)
{
    public async Task<List<JsonObject>> RegisterAsync(ChatContext ctx, RegisterCommand command, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (ctx.UserId is null) return Replies.NoUser();
        var units = await db.Units.Where(u => u.OrganizationId == ctx.Organization.Id).OrderBy(u => u.Id).ToListAsync(ct);
        var matches = command.UnitName is null ? [] : units.Where(u => u.IsCalled(command.UnitName)).ToList();
        if (matches.Count != 1)
        {
            var lead = command.UnitName is null ? "พิมพ์ชื่อหน่วยงานต่อท้ายครับ" : $"ไม่พบหน่วยงาน \"{TextCut.Fit(command.UnitName, 80)}\" ครับ";
            return Say.One($"{lead} เช่น \"ลงทะเบียน {units.FirstOrDefault()?.Name ?? "กองคลัง"} หัวหน้า\" หรือ \"… ผู้แทน\"\nหน่วยงานที่มี: {string.Join(", ", units.Select(u => u.Name))}",
                units.Take(12).Select(u => $"ลงทะเบียน {u.Name}"));
        }
        var unit = matches[0];
        var role = command.Role == UnitRole.Head ? "หัวหน้า" : "ผู้แทน";
        var person = await db.UnitPeople.FirstOrDefaultAsync(p => p.UnitId == unit.Id && p.UserId == ctx.UserId, ct);
        if (person is { State: RegistrationState.Approved })
            return Say.One($"คุณลงทะเบียนกับ{unit.Name}ไว้แล้วครับ ✅ พิมพ์ \"สถานะ\" เพื่อรายงาน", "สถานะ");
        if (person is { State: RegistrationState.Pending })
            return Say.One($"คำขอลงทะเบียนกับ{unit.Name}ของคุณรอผู้ดูแลระบบอนุมัติอยู่ครับ ⏳");
        // A refused request is not sent to the administrators again (each push costs quota); they can still approve it by number.
        if (person is { State: RegistrationState.Rejected } && !ctx.IsAdmin)
            return Say.One($"คำขอลงทะเบียนกับ{unit.Name}ของคุณ (คำขอที่ {person.Id}) ไม่ได้รับอนุมัติครับ หากต้องการให้พิจารณาใหม่ โปรดติดต่อผู้ดูแลระบบ (ผู้ดูแลพิมพ์ \"อนุมัติ {person.Id}\" ได้)");

        if (!ctx.IsAdmin && await TooManyAsync(ctx, unit, ct) is { } refusal) return Say.One(refusal);

        if (person is null)
        {
            person = new UnitPerson { UnitId = unit.Id, UserId = ctx.UserId };
            db.UnitPeople.Add(person);
        }
        person.DisplayName = ctx.UserName;
        person.Role = command.Role;
        person.RequestedAtUtc = ctx.NowUtc;
        person.RequestedInChatId = ctx.ChatId;
        person.DecidedAtUtc = null;
        person.DecidedByUserId = null;
        person.DecidedByName = null;
        person.NotifiedAtUtc = null;
        // An administrator needs no one's approval.
        person.State = ctx.IsAdmin ? RegistrationState.Approved : RegistrationState.Pending;
        if (ctx.IsAdmin)
        {
            person.DecidedAtUtc = ctx.NowUtc;
            person.DecidedByUserId = ctx.UserId;
            person.DecidedByName = ctx.UserName;
        }
        Audit.Record(db, ctx, "register", $"{unit.Name} ({role}) {person.State}");
        await db.SaveChangesAsync(ct);
        if (ctx.IsAdmin) return Say.One($"ลงทะเบียนคุณเป็น{role}ของ{unit.Name}แล้วครับ ✅", "สถานะ");

        await notices.SendIfDueAsync(ctx.Organization.Id, ct);
        return Say.One($"ส่งคำขอลงทะเบียนเป็น{role}ของ{unit.Name}แล้วครับ ⏳ รอผู้ดูแลระบบอนุมัติ (คำขอที่ {person.Id})");
    }

    public async Task<List<JsonObject>> DecideAsync(ChatContext ctx, ApproveCommand command, CancellationToken ct)
    {
        if (ctx.Organization is null) return Replies.NoOrganization();
        if (!ctx.IsAdmin) return Replies.AdminsOnly("การอนุมัติ");
        var orgId = ctx.Organization.Id;
        if (command.RegistrationId is not { } id)
        {
            var waiting = await db.UnitPeople.Include(p => p.Unit).Where(p => p.State == RegistrationState.Pending && p.Unit!.OrganizationId == orgId)
                .OrderBy(p => p.Id).Take(50).ToListAsync(ct);
            if (waiting.Count == 0) return Say.One("ไม่มีคำขอลงทะเบียนที่รออนุมัติครับ");
            var lines = waiting.Select(p => $"#{p.Id} {p.DisplayName ?? "ไม่ทราบชื่อ"} → {p.Unit!.Name} ({(p.Role == UnitRole.Head ? "หัวหน้า" : "ผู้แทน")})");
            return Say.One($"คำขอที่รออนุมัติ:\n{string.Join("\n", lines)}\nพิมพ์ \"อนุมัติ เลขคำขอ\" หรือ \"ปฏิเสธ เลขคำขอ\"",
                waiting.Take(12).Select(p => $"อนุมัติ {p.Id}"));
        }

        var person = await db.UnitPeople.Include(p => p.Unit).FirstOrDefaultAsync(p => p.Id == id && p.Unit!.OrganizationId == orgId, ct);
        if (person is null) return Say.One($"ไม่พบคำขอที่ {id} ครับ พิมพ์ \"อนุมัติ\" เพื่อดูคำขอที่รออยู่", "อนุมัติ");
        person.State = command.Approve ? RegistrationState.Approved : RegistrationState.Rejected;
        person.DecidedAtUtc = ctx.NowUtc;
        person.DecidedByUserId = ctx.UserId;
        person.DecidedByName = ctx.UserName;
        Audit.Record(db, ctx, command.Approve ? "approve" : "reject", $"#{person.Id} {person.UserId} → {person.Unit!.Name}");
        await TellDecisionAsync(outbox, ctx.Channel, person, ct);
        await db.SaveChangesAsync(ct);
        var who = person.DisplayName ?? "ผู้ขอ";
        return Say.One(command.Approve
            ? $"อนุมัติ {who} เป็นผู้รายงานของ{person.Unit.Name}แล้วครับ ✅"
            : $"ปฏิเสธคำขอของ {who} ({person.Unit.Name}) แล้วครับ");
    }

    /// <summary>
    /// Tells the person what an administrator decided, in chat or on the dashboard alike: one push keyed on the
    /// decision, so a retried event or post does not tell them twice. Saved with the caller's changes.
    /// </summary>
    public static Task<bool> TellDecisionAsync(Outbox outbox, string channel, UnitPerson person, CancellationToken ct)
    {
        var unit = person.Unit!.Name;
        var message = person.State == RegistrationState.Approved
            ? Say.Text($"ผู้ดูแลระบบอนุมัติให้คุณรายงานมาตรการของ{unit}แล้วครับ ✅ พิมพ์ \"สถานะ\" เพื่อเริ่ม", "สถานะ")
            : Say.Text($"ผู้ดูแลระบบไม่อนุมัติคำขอลงทะเบียนกับ{unit}ครับ หากคิดว่าผิดพลาด โปรดติดต่อผู้ดูแลระบบ");
        return outbox.EnqueuePushAsync(channel, person.UserId, [message], $"registration:{person.Id}:{person.State}:{person.DecidedAtUtc!.Value.Ticks}", ct: ct);
    }

    /// <summary>Each request ends up in a push to the administrators' groups: a unit's queue and one account's requests are bounded.</summary>
    async Task<string?> TooManyAsync(ChatContext ctx, Tracking.Unit unit, CancellationToken ct)
    {
        var limits = options.Value;
        var waiting = await db.UnitPeople.CountAsync(p => p.UnitId == unit.Id && p.State == RegistrationState.Pending && p.UserId != ctx.UserId, ct);
        if (waiting >= limits.MaxPendingRegistrationsPerUnit)
            return $"มีคำขอลงทะเบียนกับ{unit.Name}รอผู้ดูแลระบบพิจารณาอยู่ {waiting} คำขอแล้วครับ (รับได้ไม่เกิน {limits.MaxPendingRegistrationsPerUnit}) โปรดติดต่อผู้ดูแลระบบ หรือรอให้พิจารณาคำขอเดิมก่อน";
        var since = ctx.NowUtc - TimeSpan.FromDays(1);
        var mine = await db.UnitPeople.CountAsync(p => p.UserId == ctx.UserId && p.RequestedAtUtc > since && p.Unit!.OrganizationId == unit.OrganizationId, ct);
        if (mine >= limits.MaxRegistrationsPerUserPerDay)
            return $"คุณส่งคำขอลงทะเบียนครบ {limits.MaxRegistrationsPerUserPerDay} ครั้งใน 24 ชั่วโมงแล้วครับ โปรดรอผู้ดูแลระบบพิจารณา หรือติดต่อผู้ดูแลระบบโดยตรง";
        return null;
    }
}
