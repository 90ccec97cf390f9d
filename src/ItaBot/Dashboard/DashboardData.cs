using System.Security.Claims;
using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>What every dashboard page needs: the organizations, which one is shown, and recording a change.</summary>
public sealed class DashboardData(ItaBotDb db, TimeProvider time)
{
    public Task<List<Organization>> OrganizationsAsync(CancellationToken ct) =>
        db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);

    /// <summary>The organization asked for, else the demo's, else the first.</summary>
    public static Organization? Pick(IReadOnlyList<Organization> organizations, int? id) =>
        organizations.FirstOrDefault(o => o.Id == id)
        ?? organizations.FirstOrDefault(o => o.Name == Import.DemoData.OrganizationName)
        ?? organizations.FirstOrDefault();

    public sealed record ChatLabel(string ChatId, string? Name, Chat.ChatKind Kind, List<string> Units);

    /// <summary>The organization's chats, to say where an entry came from.</summary>
    public Task<List<ChatLabel>> ChatLabelsAsync(int organizationId, CancellationToken ct) =>
        db.LineChats.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .Select(c => new ChatLabel(c.ChatId, c.Name, c.Kind, c.Units.Select(u => u.Unit!.Name).ToList())).ToListAsync(ct);

    /// <summary>Where an entry came from, as a coordinator says it: which LINE group, a 1:1 chat, an administrator, an import.</summary>
    public static string Where(ReportSource source, string? chatId, IReadOnlyList<ChatLabel> chats)
    {
        var chat = chats.FirstOrDefault(c => c.ChatId == chatId);
        return source switch
        {
            ReportSource.Chat when chat is { Kind: Chat.ChatKind.User } => "แชต LINE ส่วนตัว",
            ReportSource.Chat when chat is not null => "กลุ่ม LINE " + (chat.Name ?? string.Join(", ", chat.Units)),
            ReportSource.Chat => "แชต LINE",
            ReportSource.Admin => "ผู้ดูแล",
            ReportSource.Import => "นำเข้า",
            ReportSource.Form => "แบบฟอร์มรายงาน",
            var other => other.ToString(),
        };
    }

    /// <summary>Records a dashboard change (saved with it) as chat records its own: who, what, when, for which organization.</summary>
    public void Audit(ClaimsPrincipal user, int? organizationId, string action, string? detail)
    {
        var name = user.Identity?.Name ?? "?";
        AuditTrail.Record(db, time.GetUtcNow().UtcDateTime, organizationId, AuditTrail.DashboardChannel, "web", "admin:" + name, name, action, detail);
    }
}
