using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>Pending questions per (channel, chat, person), kept in the database and expiring after <see cref="ChatOptions.PendingQuestionMinutes"/>.</summary>
public sealed class Conversations(ItaBotDb db, TimeProvider time, IOptions<ChatOptions> options)
{
    /// <summary>When the person's open question was (last) asked, or null.</summary>
    public async Task<DateTime?> AskedAtAsync(string channel, string chatId, string userId, CancellationToken ct) =>
        (await Find(channel, chatId, userId, ct))?.CreatedAtUtc;

    public async Task<Question?> CurrentAsync(string channel, string chatId, string userId, CancellationToken ct)
    {
        var row = await Find(channel, chatId, userId, ct);
        if (row is null) return null;
        if (row.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime || Question.FromJson(row.Data) is not { } question)
        {
            db.PendingQuestions.Remove(row);
            await db.SaveChangesAsync(ct);
            return null;
        }
        return question;
    }

    /// <summary>Asks (or replaces) the person's pending question; the clock restarts with every question.</summary>
    public async Task AskAsync(string channel, string chatId, string userId, Question question, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Questions nobody came back to would otherwise stay forever; asking is rare enough to tidy up here.
        await db.PendingQuestions.Where(q => q.ExpiresAtUtc <= now && !(q.Channel == channel && q.ChatId == chatId && q.UserId == userId)).ExecuteDeleteAsync(ct);
        var row = await Find(channel, chatId, userId, ct);
        if (row is null)
        {
            row = new PendingQuestion { Channel = channel, ChatId = chatId, UserId = userId, Kind = question.Kind.ToString(), Data = "", CreatedAtUtc = now };
            db.PendingQuestions.Add(row);
        }
        row.Kind = question.Kind.ToString();
        row.Data = question.ToJson();
        row.CreatedAtUtc = now;
        row.ExpiresAtUtc = now.AddMinutes(options.Value.PendingQuestionMinutes);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> DropAsync(string channel, string chatId, string userId, CancellationToken ct)
    {
        var row = await Find(channel, chatId, userId, ct);
        if (row is null) return false;
        db.PendingQuestions.Remove(row);
        await db.SaveChangesAsync(ct);
        return row.ExpiresAtUtc > time.GetUtcNow().UtcDateTime;
    }

    Task<PendingQuestion?> Find(string channel, string chatId, string userId, CancellationToken ct) =>
        db.PendingQuestions.FirstOrDefaultAsync(q => q.Channel == channel && q.ChatId == chatId && q.UserId == userId, ct);
}
