using System.Collections.Immutable;
using ItaBot.Tracking;
using static System.FormattableString;

namespace ItaBot.Thai;

/// <summary>Buddhist Era years and the Thai fiscal year (1 Oct – 30 Sep; FY 2568 = Oct 2024 – Sep 2025).</summary>
public static class ThaiCalendar
{
    public const int EraOffset = 543;

    public static int ToBuddhistYear(int gregorianYear) => gregorianYear + EraOffset;

    public static int ToGregorianYear(int buddhistYear) => buddhistYear - EraOffset;

    /// <summary>The BE fiscal year a date falls in: 1 Oct starts the next one.</summary>
    public static int FiscalYearOf(DateOnly date) => ToBuddhistYear(date.Month >= 10 ? date.Year + 1 : date.Year);

    public static DateOnly FiscalYearStart(int fiscalYear) => new(ToGregorianYear(fiscalYear) - 1, 10, 1);

    public static DateOnly FiscalYearEnd(int fiscalYear) => new(ToGregorianYear(fiscalYear), 9, 30);

    /// <summary>The days a standard round covers: 6-month is 1 Oct – 31 Mar, 12-month is 1 Oct – 30 Sep.</summary>
    public static (DateOnly Start, DateOnly End) RoundWindow(int fiscalYear, RoundKind kind) => kind switch
    {
        RoundKind.SixMonth => (FiscalYearStart(fiscalYear), new DateOnly(ToGregorianYear(fiscalYear), 3, 31)),
        RoundKind.TwelveMonth => (FiscalYearStart(fiscalYear), FiscalYearEnd(fiscalYear)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A custom round has no standard window."),
    };

    // Immutable so no caller can rename a month for everyone else.
    public static readonly ImmutableArray<string> MonthNames =
    [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ];

    public static readonly ImmutableArray<string> MonthAbbreviations =
    [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ];

    /// <summary>
    /// The month (1–12) a name stands for: "ตุลาคม", "ตุลา", "ต.ค.", "ต.ค", "ตค.", "ต. ค.", "Oct", "October"…
    /// Null when the text is not a month name.
    /// </summary>
    public static int? ParseMonth(string? text) => MonthForms.Parse(text);

    /// <summary>"๑๕ มีนาคม ๒๕๖๘".</summary>
    public static string FormatLongDate(DateOnly date) =>
        ThaiDigits.ToThai(Invariant($"{date.Day} {MonthNames[date.Month - 1]} {ToBuddhistYear(date.Year)}"));

    /// <summary>"๑๕ มี.ค. ๖๘".</summary>
    public static string FormatShortDate(DateOnly date) =>
        ThaiDigits.ToThai(Invariant($"{date.Day} {ShortMonthYear(date)}"));

    /// <summary>"ตุลาคม ๒๕๖๗".</summary>
    public static string FormatMonthYear(DateOnly month) =>
        ThaiDigits.ToThai(Invariant($"{MonthNames[month.Month - 1]} {ToBuddhistYear(month.Year)}"));

    /// <summary>"ต.ค. ๖๗ – ก.ย. ๖๘", the way plans write a period; a single month is written once ("ม.ค. ๖๔").</summary>
    public static string FormatPeriod(DateOnly start, DateOnly end) =>
        start.Year == end.Year && start.Month == end.Month
            ? ThaiDigits.ToThai(ShortMonthYear(start))
            : ThaiDigits.ToThai($"{ShortMonthYear(start)} – {ShortMonthYear(end)}");

    static string ShortMonthYear(DateOnly date) =>
        Invariant($"{MonthAbbreviations[date.Month - 1]} {ToBuddhistYear(date.Year) % 100:00}");
}
