namespace ItaBot.Reminders;

/// <summary>The kinds of reminder, most urgent last: on a day with several, the most urgent one is sent.</summary>
public enum SlotKind
{
    Weekly = 1,
    DueSoon = 2,
    Overdue = 3,
    /// <summary>To the administrators, naming the units that still owe answers after the due date.</summary>
    Escalation = 4,
    /// <summary>An administrator asked for a reminder now (<c>เตือนตอนนี้</c>); named per day and content, so asking again repeats nothing.</summary>
    Now = 5,
}

/// <summary>
/// One named point in a round's reminder plan, e.g. <c>weekly:2025-03-03</c> or <c>due-7:2025-04-08</c>.
/// <see cref="Date"/> is the day the policy planned it for; <see cref="At"/> is when it may be sent
/// (Bangkok time), after moving it out of weekends, holidays and off-hours.
/// </summary>
public sealed record ReminderSlot(SlotKind Kind, DateOnly Date, DateTime At, int DaysBefore = 0)
{
    public string Name => Kind switch
    {
        SlotKind.Weekly => $"weekly:{Date:yyyy-MM-dd}",
        SlotKind.DueSoon => $"due-{DaysBefore}:{Date:yyyy-MM-dd}",
        SlotKind.Overdue => $"overdue:{Date:yyyy-MM-dd}",
        SlotKind.Escalation => $"escalate:{Date:yyyy-MM-dd}",
        SlotKind.Now => $"now:{Date:yyyy-MM-dd}",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The working day it is sent on.</summary>
    public DateOnly Day => DateOnly.FromDateTime(At);

    public override string ToString() => $"{Name} at {At:yyyy-MM-dd HH:mm}";
}
