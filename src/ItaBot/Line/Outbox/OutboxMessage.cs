namespace ItaBot.Line;

/// <summary>
/// One request waiting for, or done by, <see cref="OutboxSender"/>: at most five messages. A push or multicast
/// carries a retry key fixed at insert, so a retried request is never delivered twice; a reply carries its reply
/// token. Each is retried until it is sent or its content is stale (<see cref="StaleAfterUtc"/>), then dropped.
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
    /// <summary>Set by callers that must enqueue exactly once (e.g. "remind:org:chat:round:slot"); unique. Freed when the row is dropped as stale.</summary>
    public string? DedupeKey { get; set; }
    /// <summary>The dedupe key a dropped row gave up, so the same content may be queued again (and for the record).</summary>
    public string? FreedKey { get; set; }
    /// <summary>For <see cref="OutboxKind.Reply"/>: the event's reply token (single use, about a minute); kept when the reply became a push.</summary>
    public string? ReplyToken { get; set; }
    /// <summary>For <see cref="OutboxKind.Reply"/>: the last moment a reply attempt may start; after it the row becomes a push.</summary>
    public DateTime? ReplyUntilUtc { get; set; }
    /// <summary>
    /// An earlier attempt may have reached LINE without an answer (timeout, 5xx, an instance that died holding the
    /// lease). For a reply this is what turns LINE's later "Invalid reply token" into "that earlier attempt was delivered".
    /// </summary>
    public bool MaybeDelivered { get; set; }
    /// <summary>After this the content is no longer worth sending (a reminder after its day, an answer after an hour): dropped, not sent late.</summary>
    public DateTime? StaleAfterUtc { get; set; }
    public DateTime? DroppedAtUtc { get; set; }
    /// <summary>When the administrators were told about this drop (one message per outage, once LINE answers again).</summary>
    public DateTime? DropReportedAtUtc { get; set; }
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
    /// <summary>What the sender's feature calls this message ("reminder", "report:…"); kept with the ids LINE gives it (<see cref="SentMessage"/>).</summary>
    public string? Tag { get; set; }
}

public enum OutboxKind
{
    Push,
    Multicast,
    /// <summary>A reply whose token had expired or was refused, sent as a push instead.</summary>
    ReplyFallback,
    /// <summary>An answer by reply token (free); becomes a <see cref="ReplyFallback"/> when the token expires unused.</summary>
    Reply,
}

public enum OutboxState
{
    Pending,
    Sent,
    /// <summary>LINE refused the request itself (400): repeating it cannot help. The chat was told in a short text.</summary>
    Failed,
    /// <summary>Stopped with its channel (bad token, monthly limit); back to Pending once the alert is resolved.</summary>
    Held,
    /// <summary>Not sent before its content went stale (LINE was unreachable); its dedupe key is freed.</summary>
    Dropped,
}
