using System.Text.Json.Nodes;

namespace ItaBot.Line;

public enum ReplyOutcome
{
    /// <summary>Queued to go by the reply token (free); any messages beyond the first five are queued as pushes after it.</summary>
    Replied,
    /// <summary>The token was missing or too old: the same messages were queued as a push.</summary>
    Pushed,
    /// <summary>Nothing queued: no messages, or the event has no chat to answer in.</summary>
    NotSent,
}

/// <summary>
/// Answers an event exactly once. The answer is an outbox row saved with the event's other changes (so an answer is
/// queued exactly when the event's changes are committed, and never lost by a crash after the commit);
/// <see cref="OutboxSender"/> sends it by reply while the token lives — retrying the reply with the same token
/// after a timeout, and taking LINE's "Invalid reply token" after an unanswered attempt as proof that attempt
/// got through — and only a token that expired without a delivered reply turns it into a push.
/// </summary>
public sealed class LineReplier(LineChannels channels, Outbox outbox, TimeProvider time, ILogger<LineReplier> log)
{
    /// <summary>LINE keeps a reply token about a minute; the last attempt must start early enough to be answered within it.</summary>
    public static readonly TimeSpan ReplyTokenLifetime = TimeSpan.FromSeconds(50);

    public async Task<ReplyOutcome> ReplyAsync(LineEventContext context, IReadOnlyList<JsonObject> messages, string? tag = null, CancellationToken ct = default)
    {
        if (messages.Count == 0) return ReplyOutcome.NotSent;
        var e = context.Event;
        if (e.Source.ChatId is not { } chat)
        {
            log.LogWarning("Event {Id} ({Type}) has no chat to answer in", e.WebhookEventId, e.Type);
            return ReplyOutcome.NotSent;
        }
        var until = e.Timestamp.UtcDateTime + ReplyTokenLifetime;
        if (e.ReplyToken is { Length: > 0 } token && time.GetUtcNow().UtcDateTime < until && channels.Find(context.Channel) is { CanSend: true })
        {
            await outbox.EnqueueReplyAsync(context.Channel, chat, token, until, messages, tag, ct);
            return ReplyOutcome.Replied;
        }
        await outbox.EnqueueReplyFallbackAsync(context.Channel, chat, messages, tag, ct);
        return ReplyOutcome.Pushed;
    }
}
