using ItaBot.Data;
using ItaBot.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// Where the LINE layer tells administrators about trouble (messages dropped after an outage): the channel's
/// administrators' groups the bot is still in, else the configured administrators (<c>Admin__LineUserIds</c>) who
/// have the bot as a friend on that channel.
/// </summary>
public sealed class AdministratorChats(ItaBotDb db, IOptions<AdminOptions> admins) : ILineAdministrators
{
    public async Task<IReadOnlyList<string>> ChatIdsAsync(string channel, CancellationToken ct)
    {
        var groups = await db.LineChats.AsNoTracking()
            .Where(c => c.Channel == channel && c.IsAdminChat && c.LeftAtUtc == null)
            .OrderBy(c => c.Id).Select(c => c.ChatId).ToListAsync(ct);
        if (groups.Count > 0) return groups;
        var configured = admins.Value.LineUserIds;
        if (configured.Count == 0) return [];
        return await db.LineChats.AsNoTracking()
            .Where(c => c.Channel == channel && c.Kind == ChatKind.User && c.LeftAtUtc == null && configured.Contains(c.ChatId))
            .OrderBy(c => c.Id).Select(c => c.ChatId).ToListAsync(ct);
    }
}
