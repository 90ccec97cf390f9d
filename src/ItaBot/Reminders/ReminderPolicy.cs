namespace ItaBot.Reminders;

/// <summary>
/// When an organization's units are reminded. One row per organization that changed something;
/// organizations without a row follow <see cref="ReminderOptions"/> from configuration.
/// </summary>
public sealed class ReminderPolicy
{
    public int OrganizationId { get; set; }

    /// <summary>Day of the regular reminder while a round is open; null turns the weekly reminder off.</summary>
    public DayOfWeek? WeeklyDay { get; set; }

    /// <summary>Bangkok time of day every reminder is planned at (weekly, before the due date, overdue).</summary>
    public TimeOnly RemindAt { get; set; }

    /// <summary>Days before the due date that get a reminder of their own ("14,7,3,1").</summary>
    public List<int> DaysBefore { get; set; } = [];

    /// <summary>After the due date: a daily nudge to each unit that still owes answers.</summary>
    public bool OverdueDaily { get; set; }

    /// <summary>After the due date: a daily message to the administrators naming who still owes what.</summary>
    public bool EscalateToAdmins { get; set; }

    public TimeOnly WorkStart { get; set; }
    public TimeOnly WorkEnd { get; set; }

    /// <summary>Share of the channel's monthly quota after which one summary goes to the administrators instead of per-unit pushes.</summary>
    public int QuotaFallbackPercent { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>A detached copy, so a proposed change can be estimated before it is saved.</summary>
    public ReminderPolicy Copy()
    {
        var copy = (ReminderPolicy)MemberwiseClone();
        copy.DaysBefore = [.. DaysBefore];
        return copy;
    }
}
