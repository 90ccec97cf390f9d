using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Who may change a measure: members of a group bound to one of its units, approved heads and delegates of
/// those units, and administrators (configured user ids, or members of an administrator group).
/// </summary>
public sealed class Authorization(ItaBotDb db, IOptions<AdminOptions> admins)
{
    public bool IsConfiguredAdmin(string? userId) =>
        userId is not null && admins.Value.LineUserIds.Contains(userId, StringComparer.Ordinal);

    public async Task<bool> IsAdminAsync(LineChat chat, string? userId, CancellationToken ct)
    {
        if (IsConfiguredAdmin(userId)) return true;
        // Only members can write in a group, so anything said in the administrator group comes from an administrator.
        if (chat.IsAdminChat && chat.LeftAtUtc is null) return true;
        if (userId is null || chat.OrganizationId is null) return false;
        return await db.ChatMembers.AnyAsync(m => m.UserId == userId && m.LeftAtUtc == null
            && m.Chat!.IsAdminChat && m.Chat.LeftAtUtc == null && m.Chat.Channel == chat.Channel && m.Chat.OrganizationId == chat.OrganizationId, ct);
    }

    /// <summary>The units this chat and person answer for: the chat's own bindings, the person's approved registrations, and groups they were seen in.</summary>
    public async Task<HashSet<int>> UnitsAsync(ChatContext ctx, CancellationToken ct, bool includeThisChat = true)
    {
        var units = new HashSet<int>();
        if (ctx.Organization is null) return units;
        var orgId = ctx.Organization.Id;
        if (includeThisChat && ctx.Chat.LeftAtUtc is null)
            units.UnionWith(await db.ChatUnits.Where(cu => cu.LineChatId == ctx.Chat.Id).Select(cu => cu.UnitId).ToListAsync(ct));
        if (ctx.UserId is { } userId)
        {
            units.UnionWith(await db.UnitPeople
                .Where(p => p.UserId == userId && p.State == RegistrationState.Approved && p.Unit!.OrganizationId == orgId)
                .Select(p => p.UnitId).ToListAsync(ct));
            units.UnionWith(await db.ChatMembers
                .Where(m => m.UserId == userId && m.LeftAtUtc == null && m.Chat!.LeftAtUtc == null && m.Chat.Channel == ctx.Channel && m.Chat.OrganizationId == orgId)
                .SelectMany(m => m.Chat!.Units.Select(u => u.UnitId)).ToListAsync(ct));
        }
        return units;
    }

    /// <param name="measure">With <see cref="Measure.Responsible"/> loaded.</param>
    public async Task<bool> CanChangeAsync(ChatContext ctx, Measure measure, CancellationToken ct)
    {
        if (ctx.Organization is null || measure.OrganizationId != ctx.Organization.Id) return false;
        if (ctx.IsAdmin) return true;
        var units = await UnitsAsync(ctx, ct);
        return measure.Responsible.Any(r => units.Contains(r.UnitId));
    }

    /// <summary>The polite refusal, naming who can.</summary>
    public static string Refusal(Measure measure)
    {
        var names = measure.Responsible.OrderBy(r => r.Order).Select(r => r.Unit?.Name).OfType<string>().ToList();
        var units = names.Count == 0 ? "หน่วยงานที่รับผิดชอบ" : string.Join(" หรือ", names);
        var first = names.FirstOrDefault() ?? "ชื่อหน่วยงาน";
        return $"ขออภัยครับ 🙏 เฉพาะสมาชิกกลุ่มของ{units} ผู้ที่ลงทะเบียนกับ{units} หรือผู้ดูแลระบบ เท่านั้นที่แก้ไขสถานะมาตรการ {measure.Code} ได้\n" +
               $"หากคุณเป็นผู้รับผิดชอบ พิมพ์ \"ลงทะเบียน {first}\" แล้วรอผู้ดูแลอนุมัติครับ";
    }
}
