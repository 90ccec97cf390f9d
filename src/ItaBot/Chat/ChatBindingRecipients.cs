using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Reminder recipients from the chat layer's bindings: every chat the bot is still in that is bound to
/// units (<c>ผูกกลุ่ม</c>), and the organization's administrator group (<c>ผูกกลุ่มผู้ดูแล</c>) — or, without
/// one, the first configured administrator (<c>Admin__LineUserIds__0</c>) the bot can write to.
/// Group sizes are LINE's when known (<see cref="GroupSizes"/>), else the members seen in the chat. This is the
/// chat layer's side of the reminders' port: reminders ask, and never read the chat layer's tables themselves.
/// </summary>
public sealed class ChatBindingRecipients(ItaBotDb db, GroupSizes sizes, IOptions<AdminOptions> admins) : IReminderRecipients
{
    public async Task<IReadOnlyList<UnitChat>> UnitChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct)
    {
        var bindings = await Bound(organizationIds)
            .Where(c => c.Units.Any())
            .Select(c => new { c.Id, c.OrganizationId, c.Channel, c.ChatId, c.Kind, Units = c.Units.Select(u => u.UnitId).ToList() })
            .ToListAsync(ct);
        var seen = await SeenMembersAsync(bindings.Select(b => b.Id).ToList(), organizationIds, ct);
        return bindings
            .Select(b => new UnitChat(b.OrganizationId!.Value, b.Channel, b.ChatId, b.Units, Size(b.Channel, b.ChatId, b.Kind, seen.GetValueOrDefault(b.Id))))
            .ToList();
    }

    public async Task<IReadOnlyList<AdminChat>> AdminChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct)
    {
        var groups = await Bound(organizationIds)
            .Where(c => c.IsAdminChat)
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.OrganizationId, c.Channel, c.ChatId, c.Kind })
            .ToListAsync(ct);
        var seen = await SeenMembersAsync(groups.Select(g => g.Id).ToList(), organizationIds, ct);
        var result = groups.GroupBy(g => g.OrganizationId!.Value)
            .Select(g => g.First())
            .Select(g => new AdminChat(g.OrganizationId!.Value, g.Channel, g.ChatId, Size(g.Channel, g.ChatId, g.Kind, seen.GetValueOrDefault(g.Id))))
            .ToList();

        // Without an administrator group, the first configured administrator who has the bot as a friend.
        var configured = admins.Value.LineUserIds;
        var missing = organizationIds.Except(result.Select(r => r.OrganizationId)).ToList();
        if (configured.Count > 0 && missing.Count > 0)
        {
            var direct = await Bound(missing)
                .Where(c => c.Kind == ChatKind.User && configured.Contains(c.ChatId))
                .Select(c => new { c.OrganizationId, c.Channel, c.ChatId })
                .ToListAsync(ct);
            foreach (var organizationId in missing)
            {
                var first = configured.Select(id => direct.FirstOrDefault(d => d.OrganizationId == organizationId && d.ChatId == id)).FirstOrDefault(d => d is not null);
                if (first is not null) result.Add(new AdminChat(organizationId, first.Channel, first.ChatId, 1));
            }
        }
        return result;
    }

    /// <summary>Chats of the organizations that the bot is still in.</summary>
    IQueryable<LineChat> Bound(IReadOnlyCollection<int> organizationIds)
    {
        var chats = db.LineChats.AsNoTracking().Where(c => c.OrganizationId != null && c.LeftAtUtc == null);
        // A wave over every organization asks for all of them; a long IN list would only slow the query.
        return organizationIds.Count <= 50 ? chats.Where(c => organizationIds.Contains(c.OrganizationId!.Value)) : chats;
    }

    async Task<Dictionary<int, int>> SeenMembersAsync(List<int> chatIds, IReadOnlyCollection<int> organizationIds, CancellationToken ct)
    {
        if (chatIds.Count == 0) return [];
        var members = db.ChatMembers.AsNoTracking().Where(m => m.LeftAtUtc == null);
        members = chatIds.Count <= 200 ? members.Where(m => chatIds.Contains(m.LineChatId)) : members.Where(m => m.Chat!.OrganizationId != null);
        return await members.GroupBy(m => m.LineChatId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
    }

    int? Size(string channel, string chatId, ChatKind kind, int seen) => kind switch
    {
        ChatKind.User => 1,
        _ when sizes.Known(channel, chatId) is { } known => Math.Max(known, seen),
        // People the bot has seen write are a floor, not the size: a group nobody has spoken in is unknown.
        _ => seen > 0 ? seen : null,
    };
}
