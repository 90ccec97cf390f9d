using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Line;

/// <summary>Looking up what the bot sent: the message a user quoted, or the last one with a tag in a chat.</summary>
public sealed class SentMessages(ItaBotDb db)
{
    /// <summary>The bot's message with this LINE id in the channel, or null when it is not one of the bot's (or is forgotten).</summary>
    public Task<SentMessage?> FindAsync(string channel, string messageId, CancellationToken ct) =>
        db.SentMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Channel == channel && m.MessageId == messageId, ct);

    /// <summary>The latest message sent to the chat since <paramref name="sinceUtc"/> whose tag starts with <paramref name="tagPrefix"/>.</summary>
    public Task<SentMessage?> LastTaggedAsync(string channel, string chatId, string tagPrefix, DateTime sinceUtc, CancellationToken ct) =>
        db.SentMessages.AsNoTracking()
            .Where(m => m.Channel == channel && m.ChatId == chatId && m.SentAtUtc >= sinceUtc && m.Tag != null && m.Tag.StartsWith(tagPrefix))
            .OrderByDescending(m => m.SentAtUtc).ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(ct);
}
