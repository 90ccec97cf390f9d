using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Line;

public enum ReplyOutcome
{
    /// <summary>Answered with the reply token (free); any messages beyond the first five were queued as pushes.</summary>
    Replied,
    /// <summary>The token was missing, too old or refused: the same messages were queued as a push.</summary>
    Pushed,
    /// <summary>Nothing sent: LINE refused the messages themselves, or the event has no chat to answer.</summary>
    NotSent,
}

/// <summary>
/// Answers an event: by reply while its token is fresh (replies are free), otherwise, or when LINE refuses the
/// token, by an outbox push to the same chat. The push is saved with the event's other changes.
/// </summary>
public sealed class LineReplier(LineApiClient api, LineChannels channels, Outbox outbox, TimeProvider time, ILogger<LineReplier> log)
{
    /// <summary>LINE keeps a reply token about a minute; leave room for the request itself.</summary>
    public static readonly TimeSpan ReplyTokenLifetime = TimeSpan.FromSeconds(50);

    public async Task<ReplyOutcome> ReplyAsync(LineEventContext context, IReadOnlyList<JsonObject> messages, CancellationToken ct = default)
    {
        if (messages.Count == 0) return ReplyOutcome.NotSent;
        var e = context.Event;
        var chat = e.Source.ChatId;
        var channel = channels.Find(context.Channel);
        var age = time.GetUtcNow() - e.Timestamp;

        if (e.ReplyToken is { Length: > 0 } token && age < ReplyTokenLifetime && channel is { CanSend: true })
        {
            var first = messages.Take(LineApiClient.MaxMessagesPerCall).ToList();
            var result = await api.ReplyAsync(channel, token, first, ct);
            if (result.Ok)
            {
                if (messages.Count > first.Count && chat is not null)
                    await outbox.EnqueuePushAsync(context.Channel, chat, messages.Skip(first.Count).ToList(), ct: ct);
                return ReplyOutcome.Replied;
            }
            if (result.StatusCode == 400 && !IsReplyTokenProblem(result))
            {
                // The messages themselves are wrong; a push would be refused the same way.
                log.LogError("LINE refused the reply to event {Id}: {Result}", e.WebhookEventId, result);
                return ReplyOutcome.NotSent;
            }
            log.LogInformation("Reply to event {Id} failed ({Result}); sending it as a push", e.WebhookEventId, result);
        }

        if (chat is null)
        {
            log.LogWarning("Event {Id} ({Type}) has no chat to answer in", e.WebhookEventId, e.Type);
            return ReplyOutcome.NotSent;
        }
        await outbox.EnqueueReplyFallbackAsync(context.Channel, chat, messages, ct);
        return ReplyOutcome.Pushed;
    }

    static bool IsReplyTokenProblem(LineResult result) =>
        result.Error?.Message is { } message && message.Contains("reply token", StringComparison.OrdinalIgnoreCase);
}
