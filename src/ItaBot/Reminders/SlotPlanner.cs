namespace ItaBot.Reminders;

/// <summary>The part of a round the planner needs: reminders run from the window's start to the due date and after.</summary>
public sealed record RoundDates(DateOnly Start, DateOnly DueDate);

/// <summary>The latest unit reminder and the latest escalation due at a moment; either may be absent.</summary>
public sealed record DueSlots(ReminderSlot? Unit, ReminderSlot? Escalation);

/// <summary>
/// Pure planning: which reminder slots a policy gives a round, moved out of quiet times. It knows
/// nothing of who answered or what was already sent; the wave applies those.
/// </summary>
public static class SlotPlanner
{
    /// <summary>
    /// Unit reminders from the round's start to <paramref name="until"/> (inclusive), in time order:
    /// each moved to working time, and one per working day — the most urgent — so a day that has the
    /// weekly reminder and "7 days left" sends one message, and a weekend's overdue nudges become one on Monday.
    /// </summary>
    public static List<ReminderSlot> UnitSlots(ReminderPolicy policy, RoundDates round, DateOnly until, WorkingHours hours)
    {
        var raw = new List<ReminderSlot>();
        if (policy.WeeklyDay is { } weekday)
        {
            var first = round.Start.AddDays(((int)weekday - (int)round.Start.DayOfWeek + 7) % 7);
            for (var d = first; d <= round.DueDate && d <= until; d = d.AddDays(7))
                raw.Add(Slot(SlotKind.Weekly, d, policy, hours));
        }
        foreach (var days in policy.DaysBefore.Distinct())
        {
            var d = round.DueDate.AddDays(-days);
            if (d >= round.Start && d <= until) raw.Add(Slot(SlotKind.DueSoon, d, policy, hours, days));
        }
        if (policy.OverdueDaily)
        {
            for (var d = round.DueDate.AddDays(1); d <= until; d = d.AddDays(1))
                raw.Add(Slot(SlotKind.Overdue, d, policy, hours));
        }
        return OnePerDay(raw);
    }

    /// <summary>Escalations to the administrators: each working day after the due date, up to <paramref name="until"/>.</summary>
    public static List<ReminderSlot> EscalationSlots(ReminderPolicy policy, RoundDates round, DateOnly until, WorkingHours hours)
    {
        var raw = new List<ReminderSlot>();
        if (policy.EscalateToAdmins)
        {
            for (var d = round.DueDate.AddDays(1); d <= until; d = d.AddDays(1))
                raw.Add(Slot(SlotKind.Escalation, d, policy, hours));
        }
        return OnePerDay(raw);
    }

    /// <summary>
    /// What is due at <paramref name="now"/> (Bangkok time): only the latest slot of each stream, so a
    /// week of downtime ends in one catch-up rather than a burst. Nothing is due during quiet time.
    /// </summary>
    public static DueSlots Due(ReminderPolicy policy, RoundDates round, DateTime now, WorkingHours hours)
    {
        if (!hours.IsWorkingTime(now)) return new DueSlots(null, null);
        var today = DateOnly.FromDateTime(now);
        return new DueSlots(
            UnitSlots(policy, round, today, hours).LastOrDefault(s => s.At <= now),
            EscalationSlots(policy, round, today, hours).LastOrDefault(s => s.At <= now));
    }

    static ReminderSlot Slot(SlotKind kind, DateOnly date, ReminderPolicy policy, WorkingHours hours, int daysBefore = 0) =>
        new(kind, date, hours.NextWorkingTime(date.ToDateTime(policy.RemindAt)), daysBefore);

    static List<ReminderSlot> OnePerDay(List<ReminderSlot> raw) =>
        raw.GroupBy(s => s.Day)
           .Select(day => day.OrderByDescending(s => s.Kind).ThenByDescending(s => s.Date).First() with { At = day.Min(s => s.At) })
           .OrderBy(s => s.At)
           .ToList();
}
