using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>Pending questions per (channel, chat, person), kept in the database and expiring after <see cref="ChatOptions.PendingQuestionMinutes"/>.</summary>
public sealed class Conversations(ItaBotDb db, TimeProvider time, IOptions<ChatOptions> options)
{
    /// <summary>Questions nobody came back to are tidied at most this often (an expired one is never read as asked anyway).</summary>
    static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    static long _lastSweepTicks;

    /// <summary>
    /// The rows this scope (one event) has read or written, tracked by its context: the event asks about the same
    /// person's question several times (is one open, when was it asked, replace or drop it), and only this class
    /// writes pending questions, so one read per person per event is enough.
    /// </summary>
    readonly Dictionary<(string Channel, string ChatId, string UserId), PendingQuestion?> _rows = [];

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
            _rows[(channel, chatId, userId)] = null;
            await db.SaveChangesAsync(ct);
            return null;
        }
        return question;
    }

    /// <summary>Asks (or replaces) the person's pending question; the clock restarts with every question.</summary>
    public async Task AskAsync(string channel, string chatId, string userId, Question question, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Questions nobody came back to would otherwise stay forever; tidied here, since every status asks one, but
        // not at every question (most statuses ask one: a statement per status for nothing).
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (Math.Abs(now.Ticks - last) >= SweepEvery.Ticks && Interlocked.CompareExchange(ref _lastSweepTicks, now.Ticks, last) == last)
            await db.PendingQuestions.Where(q => q.ExpiresAtUtc <= now && !(q.Channel == channel && q.ChatId == chatId && q.UserId == userId)).ExecuteDeleteAsync(ct);
        var row = await Find(channel, chatId, userId, ct);
        if (row is null)
        {
            row = new PendingQuestion { Channel = channel, ChatId = chatId, UserId = userId, Kind = question.Kind.ToString(), Data = "", CreatedAtUtc = now };
            db.PendingQuestions.Add(row);
            _rows[(channel, chatId, userId)] = row;
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
        _rows[(channel, chatId, userId)] = null;
        await db.SaveChangesAsync(ct);
        return row.ExpiresAtUtc > time.GetUtcNow().UtcDateTime;
    }

    async Task<PendingQuestion?> Find(string channel, string chatId, string userId, CancellationToken ct)
    {
        if (_rows.TryGetValue((channel, chatId, userId), out var known)) return known;
        var row = await db.PendingQuestions.FirstOrDefaultAsync(q => q.Channel == channel && q.ChatId == chatId && q.UserId == userId, ct);
        _rows[(channel, chatId, userId)] = row;
        return row;
    }
}
