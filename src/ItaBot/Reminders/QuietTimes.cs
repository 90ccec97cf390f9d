using ItaBot.Reminders.Holidays;

namespace ItaBot.Reminders;

/// <summary>
/// Reminders go out on working days inside working hours only. Times here are Bangkok wall-clock
/// times (<see cref="DateTime"/> of kind Unspecified), because that is what the rules are written in.
/// </summary>
public sealed record WorkingHours(TimeOnly Start, TimeOnly End, HolidaySet Holidays)
{
    public bool IsWorkingTime(DateTime local)
    {
        var time = TimeOnly.FromDateTime(local);
        return Holidays.IsWorkingDay(DateOnly.FromDateTime(local)) && time >= Start && time < End;
    }

    /// <summary>
    /// The first working moment at or after <paramref name="local"/>: a time before opening waits for
    /// opening, a time after closing waits for the next morning, and a weekend or holiday moves to the
    /// next working day at the same time of day.
    /// </summary>
    public DateTime NextWorkingTime(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        if (time >= End) { date = date.AddDays(1); time = Start; }
        else if (time < Start) time = Start;
        // Thai holidays never run longer than a couple of weeks; the bound only guards a broken holiday list.
        for (var i = 0; i < 366 && !Holidays.IsWorkingDay(date); i++) date = date.AddDays(1);
        return date.ToDateTime(time);
    }
}
