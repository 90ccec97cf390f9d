namespace ItaBot.Line;

/// <summary>
/// What the chat layer implements to act on webhook events. Resolved once per event in a scope of its own. The
/// inbox worker owns the event's one transaction: whatever <see cref="HandleAsync"/> writes to the scoped ItaBotDb
/// (status reports, replies and pushes through the outbox) commits together with the event's done mark, or none of
/// it does; replies are sent only after that commit. Throwing makes the worker roll back and retry the event later.
/// </summary>
public interface ILineEventHandler
{
    /// <summary>
    /// Work that must not hold the database's write lock (network look-ups such as a profile); runs before the
    /// transaction opens and must not write. The same handler instance then handles the event.
    /// </summary>
    Task PrepareAsync(LineEventContext context, CancellationToken ct) => Task.CompletedTask;

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
