namespace ItaBot.Line;

/// <summary>
/// What the chat layer implements to act on webhook events. Resolved in a scope per event: whatever it
/// adds to the scoped ItaBotDb (status reports, outbox pushes) is saved together with marking the
/// event done, so a crash never leaves half of it. Throwing makes the worker retry the event later.
/// </summary>
public interface ILineEventHandler
{
    Task HandleAsync(LineEventContext context, CancellationToken ct);
}

/// <summary>Until the chat layer arrives, events are stored, handled by nobody, and logged.</summary>
sealed class LoggingLineEventHandler(ILogger<LoggingLineEventHandler> log) : ILineEventHandler
{
    public Task HandleAsync(LineEventContext context, CancellationToken ct)
    {
        log.LogDebug("LINE {Channel}: {Type} event {Id} from {Chat}, nothing handles it yet",
            context.Channel, context.Event.Type, context.Event.WebhookEventId, context.Event.Source.ChatId);
        return Task.CompletedTask;
    }
}
