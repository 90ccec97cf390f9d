using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Faults;

/// <summary>
/// What reached LINE, counted at the fake server against what the app queued: each outbox row is one request, and
/// LINE accepted it as often as its retry key (pushes) plus its reply token (replies) appear among accepted requests.
/// A duplicate is a row accepted twice; a loss is a row never accepted that was not dropped as stale.
/// </summary>
sealed class DeliveryLedger
{
    public required IReadOnlyList<OutboxMessage> Rows { get; init; }
    public required IReadOnlyDictionary<long, int> Accepted { get; init; }
    /// <summary>Accepted requests the app's outbox does not know (should never happen).</summary>
    public required int Strays { get; init; }

    public int Duplicates => Accepted.Values.Sum(n => Math.Max(0, n - 1)) + Strays;
    public int Losses => Rows.Count(r => r.State != OutboxState.Dropped && Accepted[r.Id] == 0);
    public int Delivered => Accepted.Values.Count(n => n > 0);

    public static async Task<DeliveryLedger> CountAsync(ItaBotDb db, FakeLineServer line)
    {
        var rows = await db.LineOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        var pushes = line.Pushes.Where(p => p.RetryKey is not null).GroupBy(p => p.RetryKey!.Value).ToDictionary(g => g.Key, g => g.Count());
        var replies = line.Replies.GroupBy(r => r.ReplyToken).ToDictionary(g => g.Key, g => g.Count());
        var accepted = rows.ToDictionary(r => r.Id, r => pushes.GetValueOrDefault(r.RetryKey) + (r.ReplyToken is { } t ? replies.GetValueOrDefault(t) : 0));
        var known = rows.Select(r => r.RetryKey).ToHashSet();
        var tokens = rows.Select(r => r.ReplyToken).OfType<string>().ToHashSet();
        var strays = line.Pushes.Count(p => p.RetryKey is not { } key || !known.Contains(key)) + line.Replies.Count(r => !tokens.Contains(r.ReplyToken));
        return new DeliveryLedger { Rows = rows, Accepted = accepted, Strays = strays };
    }

    /// <summary>How often the answer to this event (its reply, or the push it became) reached LINE.</summary>
    public int TimesAnswered(JsonObject webhookEvent)
    {
        var token = webhookEvent.ReplyToken();
        return Rows.Where(r => r.ReplyToken == token).Sum(r => Accepted[r.Id]);
    }

    /// <summary>How often a reminder reached this chat (a dropped one and its later resend count as one).</summary>
    public int TimesReminded(string chatId) =>
        Rows.Where(r => r.To == chatId && (r.DedupeKey ?? r.FreedKey)?.StartsWith("remind:", StringComparison.Ordinal) == true).Sum(r => Accepted[r.Id]);

    public override string ToString() =>
        $"{Rows.Count} requests queued, {Delivered} delivered, {Rows.Count(r => r.State == OutboxState.Dropped)} dropped as stale, {Duplicates} duplicates, {Losses} losses";
}
