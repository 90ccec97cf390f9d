using System.ComponentModel.DataAnnotations;
using ItaBot.Tracking;

namespace ItaBot.Thai;

/// <summary>
/// When a standard round's reports are due, counted in days after its window closes.
/// The default 15 gives 15 Apr for the 6-month round and 15 Oct for the 12-month round.
/// </summary>
public sealed class RoundDueDates
{
    public const string Section = "RoundDueDates";

    [Range(0, 180)]
    public int SixMonthDaysAfterWindow { get; set; } = 15;

    [Range(0, 180)]
    public int TwelveMonthDaysAfterWindow { get; set; } = 15;

    /// <summary>The last day to report for the standard round of <paramref name="kind"/> in <paramref name="fiscalYear"/> (BE).</summary>
    public DateOnly DueDate(int fiscalYear, RoundKind kind)
    {
        var (_, end) = ThaiCalendar.RoundWindow(fiscalYear, kind);
        return end.AddDays(kind == RoundKind.SixMonth ? SixMonthDaysAfterWindow : TwelveMonthDaysAfterWindow);
    }
}
