using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary><c>/admin/groups</c>: the LINE groups the bot is in, which units each is bound to; bind and unbind (audited).</summary>
public sealed class GroupsPageModel(DashboardData data, ItaBotDb db, TimeProvider time) : DashboardPage(data)
{
    public sealed record Group(LineChat Chat, List<Unit> Units, int Members);

    public List<Group> Groups { get; } = [];
    public List<Unit> Units { get; private set; } = [];

    [BindProperty] public int ChatId { get; set; }
    [BindProperty] public int UnitId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return;
        Units = await db.Units.AsNoTracking().Where(u => u.OrganizationId == Organization.Id).OrderBy(u => u.Name).ToListAsync(ct);
        var chats = await db.LineChats.AsNoTracking().Where(c => c.OrganizationId == Organization.Id && c.Kind != ChatKind.User)
            .Include(c => c.Units).ThenInclude(u => u.Unit).OrderBy(c => c.Id).ToListAsync(ct);
        var members = await db.ChatMembers.AsNoTracking().Where(m => m.LeftAtUtc == null && m.Chat!.OrganizationId == Organization.Id)
            .GroupBy(m => m.LineChatId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var chat in chats)
            Groups.Add(new Group(chat, chat.Units.Select(u => u.Unit!).OrderBy(u => u.Name).ToList(), members.GetValueOrDefault(chat.Id)));
    }

    public async Task<IActionResult> OnPostBindAsync(CancellationToken ct)
    {
        var (chat, unit) = await FindAsync(ct);
        if (chat is null || unit is null) return NotFound();
        if (!await db.ChatUnits.AnyAsync(cu => cu.LineChatId == chat.Id && cu.UnitId == unit.Id, ct))
        {
            db.ChatUnits.Add(new ChatUnit { LineChatId = chat.Id, UnitId = unit.Id, BoundByUserId = "admin:" + User.Identity!.Name, BoundByName = User.Identity.Name, BoundAtUtc = time.GetUtcNow().UtcDateTime });
            Audit("bind", $"{chat.ChatId} → {unit.Name}");
            await db.SaveChangesAsync(ct);
        }
        Flash = $"ผูกกลุ่ม {chat.Name ?? chat.ChatId} กับ {unit.Name} แล้ว";
        return Redirect(Link("/admin/groups"));
    }

    public async Task<IActionResult> OnPostUnbindAsync(CancellationToken ct)
    {
        var (chat, unit) = await FindAsync(ct);
        if (chat is null || unit is null) return NotFound();
        var removed = await db.ChatUnits.Where(cu => cu.LineChatId == chat.Id && cu.UnitId == unit.Id).ToListAsync(ct);
        db.ChatUnits.RemoveRange(removed);
        if (removed.Count > 0) Audit("unbind", $"{chat.ChatId} ✕ {unit.Name}");
        await db.SaveChangesAsync(ct);
        Flash = $"ยกเลิกการผูกกลุ่ม {chat.Name ?? chat.ChatId} กับ {unit.Name} แล้ว";
        return Redirect(Link("/admin/groups"));
    }

    async Task<(LineChat? Chat, Unit? Unit)> FindAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return (null, null);
        var chat = await db.LineChats.FirstOrDefaultAsync(c => c.Id == ChatId && c.OrganizationId == Organization.Id && c.Kind != ChatKind.User, ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == UnitId && u.OrganizationId == Organization.Id, ct);
        return (chat, unit);
    }
}
