using System.Text.Json.Nodes;

namespace ItaBot.Line;

public enum ReplyOutcome
{
    /// <summary>Queued with the event: by reply token while it is fresh (free), else as a push; sent once the event is committed.</summary>
    Queued,
    /// <summary>Nothing to send, or the event has no chat to answer in.</summary>
    NotSent,
}

/// <summary>
/// Answers an event through the outbox, in the event's own transaction: a reply row while the token is fresh
/// (replies are free), otherwise a push to the same chat. <see cref="OutboxSender"/> sends it right after the event
/// is committed, and falls back to a push when LINE refuses the token; nothing is sent for an event that rolls back.
/// </summary>
public sealed class LineReplier(LineChannels channels, Outbox outbox, TimeProvider time, ILogger<LineReplier> log)
{
    /// <summary>LINE keeps a reply token about a minute; leave room for the request itself.</summary>
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
            await outbox.EnqueueReplyAsync(context.Channel, chat, token, until, messages, tag, ct);
        else
            await outbox.EnqueueReplyFallbackAsync(context.Channel, chat, messages, tag, ct);
        return ReplyOutcome.Queued;
    }
}
