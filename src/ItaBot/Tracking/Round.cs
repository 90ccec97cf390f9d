namespace ItaBot.Tracking;

public enum RoundKind { SixMonth, TwelveMonth, Custom }

public enum RoundState { Open, Closed }

/// <summary>A reporting round (รอบ ๖ เดือน / รอบ ๑๒ เดือน) of one fiscal year.</summary>
public sealed class Round
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int FiscalYear { get; set; }
    public RoundKind Kind { get; set; }

    /// <summary>First day covered (inclusive).</summary>
    public DateOnly WindowStart { get; set; }

    /// <summary>Last day covered (inclusive).</summary>
    public DateOnly WindowEnd { get; set; }

    /// <summary>Last day to report; reminders escalate after it.</summary>
    public DateOnly DueDate { get; set; }

    public RoundState State { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
}
