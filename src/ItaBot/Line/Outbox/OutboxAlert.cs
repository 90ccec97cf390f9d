namespace ItaBot.Line;

/// <summary>
/// Sending stopped on a channel until someone acts (bad token) or the month turns (monthly limit).
/// The admin chat shows open alerts; the sender skips a channel while one is open.
/// </summary>
public sealed class OutboxAlert
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public OutboxAlertKind Kind { get; set; }
    public int Status { get; set; }
    public required string Message { get; set; }
    /// <summary>First hex digits of SHA-256 of the refused token: a new token clears the alert by itself; the token is never stored.</summary>
    public string? TokenFingerprint { get; set; }
    public DateTime RaisedAtUtc { get; set; }
    public DateTime? ResolvedAtUtc { get; set; }
}

public enum OutboxAlertKind
{
    /// <summary>401/403: the channel access token is wrong, expired or revoked.</summary>
    BadToken,
    /// <summary>429 "You have reached your monthly limit.": the plan's free messages are used up.</summary>
    MonthlyLimit,
}
