namespace ItaBot.Line;

/// <summary>
/// One webhook event as LINE sent it, stored before the webhook answers 200 and handled later by
/// <see cref="InboxWorker"/>. Unique on <see cref="WebhookEventId"/>, so redeliveries are stored once.
/// </summary>
public sealed class InboxEvent
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string WebhookEventId { get; set; }
    /// <summary>Group, room or user id the event came from; events of one chat are handled in timestamp order.</summary>
    public required string ChatKey { get; set; }
    public required string EventType { get; set; }
    /// <summary>LINE's <c>timestamp</c>: milliseconds since the Unix epoch.</summary>
    public long EventTimestamp { get; set; }
    public required string RawJson { get; set; }
    public bool IsRedelivery { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public InboxState State { get; set; }
    public int Attempts { get; set; }
    /// <summary>
    /// Claims whose handler never finished (the process died holding the lease): counted when the event is claimed
    /// again, so an event that kills the process cannot do it forever.
    /// </summary>
    public int Crashes { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntilUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime? HandledAtUtc { get; set; }
}

public enum InboxState
{
    Pending,
    Done,
    /// <summary>Failed every attempt; kept with its error for an administrator, no longer blocks its chat.</summary>
    Parked,
}
