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
    /// <summary>
    /// Bindings and registrations read in this scope, kept until its context saves. One event asks the same
    /// questions several times (understanding the text, then checking the change); inside the event's write
    /// transaction nobody else can commit, so until this scope writes, the answer read once is the answer. Bindings
    /// change through tracked entities (SaveChanges), never bulk updates.
    /// </summary>
    readonly Dictionary<(char Kind, int Id, string? User, string? Channel), List<int>> _reads = [];
    bool _watching;

    async Task<List<int>> ReadAsync((char, int, string?, string?) key, Func<Task<List<int>>> query)
    {
        if (!_watching)
        {
            db.SavedChanges += (_, _) => _reads.Clear();
            _watching = true;
        }
        if (!_reads.TryGetValue(key, out var known)) _reads[key] = known = await query();
        return [.. known]; // callers may change their copy
    }

    /// <summary>The units a chat is bound to (read once per event until it saves).</summary>
    public Task<List<int>> ChatUnitIdsAsync(int chatId, CancellationToken ct) =>
        ReadAsync(('c', chatId, null, null), () => db.ChatUnits.AsNoTracking().Where(cu => cu.LineChatId == chatId).Select(cu => cu.UnitId).ToListAsync(ct));

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
            units.UnionWith(await ChatUnitIdsAsync(ctx.Chat.Id, ct));
        if (ctx.UserId is { } userId)
        {
            units.UnionWith(await ReadAsync(('p', orgId, userId, null), () => db.UnitPeople.AsNoTracking()
                .Where(p => p.UserId == userId && p.State == RegistrationState.Approved && p.Unit!.OrganizationId == orgId)
                .Select(p => p.UnitId).ToListAsync(ct)));
            var channel = ctx.Channel;
            units.UnionWith(await ReadAsync(('m', orgId, userId, channel), () => db.ChatMembers.AsNoTracking()
                .Where(m => m.UserId == userId && m.LeftAtUtc == null && m.Chat!.LeftAtUtc == null && m.Chat.Channel == channel && m.Chat.OrganizationId == orgId)
                .SelectMany(m => m.Chat!.Units.Select(u => u.UnitId)).ToListAsync(ct)));
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
