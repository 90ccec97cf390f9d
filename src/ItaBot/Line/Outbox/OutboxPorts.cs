using ItaBot.Data;

namespace ItaBot.Line;

/// <summary>
/// Where the LINE layer tells people about trouble it cannot fix (messages dropped after an outage): the chats of the
/// administrators of the organization a channel serves. The chat layer knows them; LINE only asks.
/// </summary>
public interface ILineAdministrators
{
    Task<IReadOnlyList<string>> ChatIdsAsync(string channel, CancellationToken ct);
}

/// <summary>Until something knows the administrators, drops are only logged.</summary>
sealed class NoLineAdministrators : ILineAdministrators
{
    public Task<IReadOnlyList<string>> ChatIdsAsync(string channel, CancellationToken ct) => Task.FromResult<IReadOnlyList<string>>([]);
}

/// <summary>One line of the administrators' message about dropped messages, for the rows a listener recognised.</summary>
public sealed record DropSummary(string Text, IReadOnlySet<long> RowIds);

/// <summary>
/// A feature whose outbox rows carry a dedupe key it also records elsewhere (reminders: <c>reminder_deliveries</c>).
/// When such rows are dropped as stale it frees its own record of them, in the same transaction, so the content
/// can be queued again; and it words the administrators' message for them.
/// </summary>
public interface IOutboxDropListener
{
    Task DroppedAsync(ItaBotDb db, IReadOnlyList<OutboxMessage> dropped, CancellationToken ct);

    DropSummary? Describe(IReadOnlyList<OutboxMessage> dropped);
}
