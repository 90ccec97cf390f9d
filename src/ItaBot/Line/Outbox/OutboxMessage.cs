namespace ItaBot.Line;

/// <summary>
/// One push (or multicast) request waiting for, or done by, <see cref="OutboxSender"/>: at most five
/// messages, sent with a retry key fixed at insert so a retried request is never delivered twice.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public OutboxKind Kind { get; set; }
    /// <summary>User, group or room id for a push; user ids joined by ',' for a multicast.</summary>
    public required string To { get; set; }
    public int RecipientCount { get; set; }
    /// <summary>JSON array of LINE message objects, as sent.</summary>
    public required string MessagesJson { get; set; }
    public int MessageCount { get; set; }
    public Guid RetryKey { get; set; }
    /// <summary>Set by callers that must enqueue exactly once (e.g. "remind:org:unit:round:slot"); unique.</summary>
    public string? DedupeKey { get; set; }
    public OutboxState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAtUtc { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseUntilUtc { get; set; }
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? SentAtUtc { get; set; }
    /// <summary>What LINE bills for this request: one message per recipient (a group counts its members); a reply costs nothing.</summary>
    public int? BilledMessages { get; set; }
    /// <summary>For a <see cref="OutboxKind.Reply"/>: the event's reply token, usable until <see cref="ReplyUntilUtc"/>.</summary>
    public string? ReplyToken { get; set; }
    public DateTime? ReplyUntilUtc { get; set; }
    /// <summary>What the sender's feature calls this message ("reminder", "report:…"); kept with the ids LINE gives it (<see cref="SentMessage"/>).</summary>
    public string? Tag { get; set; }
}

public enum OutboxKind
{
    /// <summary>The answer to an event, sent with its reply token (free) while the token lasts, else as a push.</summary>
    Reply,
    Push,
    Multicast,
    /// <summary>A reply whose token had expired or was refused, sent as a push instead.</summary>
    ReplyFallback,
}

public enum OutboxState
{
    Pending,
    Sent,
    /// <summary>Gave up after the last attempt, or LINE refused the request itself (400).</summary>
    Failed,
    /// <summary>Stopped with its channel (bad token, monthly limit); back to Pending once the alert is resolved.</summary>
    Held,
}
