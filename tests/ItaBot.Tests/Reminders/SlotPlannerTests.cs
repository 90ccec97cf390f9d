using ItaBot.Reminders;
using ItaBot.Reminders.Holidays;

namespace ItaBot.Tests.Reminders;

public sealed class SlotPlannerTests
{
    // FY 2568's 6-month round: window 1 Oct 2024 – 31 Mar 2025, due Tuesday 15 Apr 2025.
    static readonly RoundDates SixMonth = new(new DateOnly(2024, 10, 1), new DateOnly(2025, 4, 15));

    static ReminderPolicy Defaults() => new ReminderOptions().DefaultPolicy(1);

    static WorkingHours Hours(HolidaySet? holidays = null) => new(new TimeOnly(8, 30), new TimeOnly(16, 30), holidays ?? HolidaySet.WeekendsOnly);

    static HolidaySet Holidays(params (int Month, int Day)[] days) =>
        new(days.ToDictionary(d => new DateOnly(2025, d.Month, d.Day), _ => "วันหยุด"));

    static DateTime At(int month, int day, int hour = 9, int minute = 0) => new(2025, month, day, hour, minute, 0);

    [Fact]
    public void AnOpenRoundGetsAWeeklyReminderEveryMondayAtNine()
    {
        var slots = SlotPlanner.UnitSlots(Defaults(), SixMonth, new DateOnly(2025, 3, 20), Hours());

        var march = slots.Where(s => s.At.Month == 3 && s.At.Year == 2025).ToList();
        Assert.Equal(["weekly:2025-03-03", "weekly:2025-03-10", "weekly:2025-03-17"], march.Select(s => s.Name));
        Assert.All(march, s => Assert.Equal((DayOfWeek.Monday, 9), (s.At.DayOfWeek, s.At.Hour)));
        Assert.Equal("weekly:2024-10-07", slots[0].Name);
    }

    [Fact]
    public void RemindersComeMoreOftenAsTheDueDateNears()
    {
        var slots = SlotPlanner.UnitSlots(Defaults(), SixMonth, SixMonth.DueDate, Hours());

        Assert.Equal(
            ["weekly:2025-03-24", "weekly:2025-03-31", "due-14:2025-04-01", "weekly:2025-04-07", "due-7:2025-04-08", "due-1:2025-04-14"],
            slots.Where(s => s.At >= At(3, 24)).Select(s => s.Name));
    }

    [Fact]
    public void ASlotOnAWeekendMovesToTheNextWorkingDayAtTheSameTime()
    {
        // due-3 falls on Saturday 12 Apr 2025.
        var policy = Defaults(); policy.WeeklyDay = null; policy.DaysBefore = [3];
        var slot = SlotPlanner.UnitSlots(policy, SixMonth, SixMonth.DueDate, Hours()).Single(s => s.Name == "due-3:2025-04-12");

        Assert.Equal(At(4, 14), slot.At);
    }

    [Fact]
    public void WhenTwoRemindersLandOnOneDayOnlyTheMostUrgentIsSent()
    {
        // due-3 (Sat 12 Apr) moves to Monday 14 Apr, the day of due-1: one message, "1 day left".
        var monday = SlotPlanner.UnitSlots(Defaults(), SixMonth, SixMonth.DueDate, Hours()).Where(s => s.Day == new DateOnly(2025, 4, 14)).ToList();

        Assert.Equal(["due-1:2025-04-14"], monday.Select(s => s.Name));
    }

    [Fact]
    public void AHolidayMondayMovesTheWeeklyReminderToTuesday()
    {
        var slots = SlotPlanner.UnitSlots(Defaults(), SixMonth, new DateOnly(2025, 3, 31), Hours(Holidays((3, 10))));

        var slot = slots.Single(s => s.Name == "weekly:2025-03-10");
        Assert.Equal(At(3, 11), slot.At);
    }

    [Fact]
    public void ASlotPlannedOutsideWorkingHoursWaitsForOpeningOrTheNextMorning()
    {
        var early = Defaults(); early.RemindAt = new TimeOnly(7, 0);
        var late = Defaults(); late.RemindAt = new TimeOnly(17, 0);

        Assert.Equal(At(3, 3, 8, 30), SlotPlanner.UnitSlots(early, SixMonth, new DateOnly(2025, 3, 3), Hours()).Last().At);
        Assert.Equal(At(3, 4, 8, 30), SlotPlanner.UnitSlots(late, SixMonth, new DateOnly(2025, 3, 3), Hours()).Last().At);
    }

    [Fact]
    public void AfterTheDueDateUnitsAreNudgedEveryWorkingDayAndTheWeekendBecomesOneNudgeOnMonday()
    {
        var slots = SlotPlanner.UnitSlots(Defaults(), SixMonth, new DateOnly(2025, 4, 22), Hours());

        Assert.Equal(
            ["overdue:2025-04-16", "overdue:2025-04-17", "overdue:2025-04-18", "overdue:2025-04-21", "overdue:2025-04-22"],
            slots.Where(s => s.Kind == SlotKind.Overdue).Select(s => s.Name));
        Assert.Equal(At(4, 21), slots.Single(s => s.Name == "overdue:2025-04-21").At);
    }

    [Fact]
    public void EscalationsFollowTheOverdueDays()
    {
        var slots = SlotPlanner.EscalationSlots(Defaults(), SixMonth, new DateOnly(2025, 4, 18), Hours());

        Assert.Equal(["escalate:2025-04-16", "escalate:2025-04-17", "escalate:2025-04-18"], slots.Select(s => s.Name));
    }

    [Fact]
    public void NothingIsDueOnAWeekendOrAHolidayOrOutsideWorkingHours()
    {
        var policy = Defaults();
        var hours = Hours(Holidays((4, 14)));

        Assert.Equal(new DueSlots(null, null), SlotPlanner.Due(policy, SixMonth, At(4, 12, 10), hours));
        Assert.Equal(new DueSlots(null, null), SlotPlanner.Due(policy, SixMonth, At(4, 14, 10), hours));
        Assert.Equal(new DueSlots(null, null), SlotPlanner.Due(policy, SixMonth, At(4, 8, 17), hours));
        Assert.Equal(new DueSlots(null, null), SlotPlanner.Due(policy, SixMonth, At(4, 8, 8, 0), hours));
    }

    [Fact]
    public void OnlyTheLatestSlotIsDueSoAWeekOfDowntimeEndsInOneCatchUp()
    {
        // Down from Monday 31 Mar to Wednesday 9 Apr: weekly 31 Mar, due-14, weekly 7 Apr and due-7 were all missed.
        var due = SlotPlanner.Due(Defaults(), SixMonth, At(4, 9, 10), Hours());

        Assert.Equal("due-7:2025-04-08", due.Unit?.Name);
        Assert.Null(due.Escalation);
    }

    [Fact]
    public void ASlotIsNotDueBeforeItsTime()
    {
        Assert.Equal("weekly:2025-02-24", SlotPlanner.Due(Defaults(), SixMonth, At(3, 3, 8, 59), Hours()).Unit?.Name);
        Assert.Equal("weekly:2025-03-03", SlotPlanner.Due(Defaults(), SixMonth, At(3, 3, 9, 0), Hours()).Unit?.Name);
    }

    [Fact]
    public void AfterTheDueDateBothTheNudgeAndTheEscalationAreDue()
    {
        var due = SlotPlanner.Due(Defaults(), SixMonth, At(4, 17, 9, 15), Hours());

        Assert.Equal(("overdue:2025-04-17", "escalate:2025-04-17"), (due.Unit?.Name, due.Escalation?.Name));
    }

    [Fact]
    public void APolicyWithoutWeeklyRemindersOnlyRemindsBeforeAndAfterTheDueDate()
    {
        var policy = Defaults(); policy.WeeklyDay = null; policy.OverdueDaily = false;

        var slots = SlotPlanner.UnitSlots(policy, SixMonth, new DateOnly(2025, 5, 1), Hours());

        Assert.Equal(["due-14:2025-04-01", "due-7:2025-04-08", "due-1:2025-04-14"], slots.Select(s => s.Name));
    }
}
