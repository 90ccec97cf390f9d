namespace ItaBot.Reminders;

/// <summary>
/// A round the daily job closed after its due date and grace. Recorded so that a round an
/// administrator reopens afterwards stays open instead of being closed again the next morning.
/// </summary>
public sealed class AutoClosedRound
{
    public int RoundId { get; set; }
    public DateTime ClosedAtUtc { get; set; }
}
