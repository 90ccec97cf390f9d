using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// The latest version of each LINE message that made entries, was edited or was unsent. Edits arrive in any order
/// and LINE's largest timestamp is the latest: an older version never replaces a newer one, and nothing brings an
/// unsent message back.
/// </summary>
public static class MessageVersions
{
    /// <summary>The message made entries: remember the version they came from (so an older edit arriving later changes nothing).</summary>
    public static async Task RememberAsync(ItaBotDb db, ChatContext ctx, CancellationToken ct)
    {
        if (ctx.MessageId is null) return;
        await NewerAsync(db, ctx, ctx.MessageTimestamp, ct);
    }

    /// <summary>True (and recorded) when <paramref name="timestamp"/> is newer than any version seen of the message.</summary>
    public static async Task<bool> NewerAsync(ItaBotDb db, ChatContext ctx, long timestamp, CancellationToken ct)
    {
        var row = await Find(db, ctx, ct);
        if (row is null)
        {
            db.ChatMessageVersions.Add(new ChatMessageVersion { Channel = ctx.Channel, MessageId = ctx.MessageId!, ChatId = ctx.ChatId, UserId = ctx.UserId, Timestamp = timestamp });
            await db.SaveChangesAsync(ct);
            return true;
        }
        if (row.Unsent || row.Timestamp >= timestamp) return false;
        row.Timestamp = timestamp;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>A newer version (an edit), or the unsend, was handled before this one arrived: it changes nothing.</summary>
    public static async Task<bool> IsStaleAsync(ItaBotDb db, ChatContext ctx, long timestamp, CancellationToken ct) =>
        ctx.MessageId is not null && await Find(db, ctx, ct) is { } row && (row.Unsent || row.Timestamp > timestamp);

    public static async Task MarkUnsentAsync(ItaBotDb db, ChatContext ctx, CancellationToken ct)
    {
        var row = await Find(db, ctx, ct);
        if (row is null)
            db.ChatMessageVersions.Add(new ChatMessageVersion { Channel = ctx.Channel, MessageId = ctx.MessageId!, ChatId = ctx.ChatId, UserId = ctx.UserId, Unsent = true });
        else
            row.Unsent = true;
        await db.SaveChangesAsync(ct);
    }

    static Task<ChatMessageVersion?> Find(ItaBotDb db, ChatContext ctx, CancellationToken ct) =>
        db.ChatMessageVersions.FirstOrDefaultAsync(v => v.Channel == ctx.Channel && v.MessageId == ctx.MessageId, ct);
}
