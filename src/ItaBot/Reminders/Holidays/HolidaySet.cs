namespace ItaBot.Reminders.Holidays;

/// <summary>The days an organization does not work: weekends always, plus its public holidays.</summary>
public sealed class HolidaySet
{
    readonly IReadOnlyDictionary<DateOnly, string> _days;

    public HolidaySet(IReadOnlyDictionary<DateOnly, string> days) => _days = days;

    public static readonly HolidaySet WeekendsOnly = new(new Dictionary<DateOnly, string>());

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_days.ContainsKey(date);

    public string? HolidayName(DateOnly date) => _days.GetValueOrDefault(date);

    /// <summary>The shipped list with an organization's own additions and removals applied.</summary>
    public static HolidaySet For(ShippedHolidays shipped, IEnumerable<OrganizationHoliday> changes)
    {
        Dictionary<DateOnly, string>? days = null;
        foreach (var change in changes)
        {
            days ??= new Dictionary<DateOnly, string>(shipped.Days);
            if (change.IsHoliday) days[change.Date] = change.Name;
            else days.Remove(change.Date);
        }
        return new HolidaySet(days ?? shipped.Days);
    }
}
