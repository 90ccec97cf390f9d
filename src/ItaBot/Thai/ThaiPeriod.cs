using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace ItaBot.Thai;

/// <summary>A span of whole months (Gregorian; each end is the first day of its month).</summary>
public sealed record MonthPeriod(DateOnly Start, DateOnly End)
{
    public static MonthPeriod WholeFiscalYear(int fiscalYear) =>
        new(ThaiCalendar.FiscalYearStart(fiscalYear), new DateOnly(ThaiCalendar.ToGregorianYear(fiscalYear), 9, 1));
}

/// <summary>Reads a period as plans write it: "ต.ค. ๖๗ - ก.ย. ๖๘", "ตุลาคม 2567 – กันยายน 2568", "ภายในปีงบประมาณ พ.ศ.๒๕๖๘"…</summary>
public static partial class ThaiPeriod
{
    // Years we accept; anything else is a typo or not a year at all.
    const int MinBuddhistYear = 2400, MaxBuddhistYear = 2999, MinGregorianYear = 1900;

    /// <summary>
    /// Parses <paramref name="text"/> in the context of a plan for <paramref name="fiscalYear"/> (BE).
    /// Returns null when the text is not a period it understands.
    /// </summary>
    /// <remarks>
    /// Months are read in order and must not go backwards. A month without its own year takes it from its
    /// neighbour ("ต.ค. – ธ.ค. ๖๗"), or from the fiscal year when no month has one. Days are ignored.
    /// Fiscal-year phrases, "ภายในระยะเวลาที่กำหนด" and "ตลอดปี" mean the whole fiscal year.
    /// </remarks>
    public static MonthPeriod? Parse(string? text, int fiscalYear)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var plain = Normalize(text);

        int? fiscal = IsPlausible(fiscalYear) ? fiscalYear : null;
        var phrase = FiscalYearPhrase().Match(plain);
        if (phrase.Success)
        {
            if (phrase.Groups["year"].Success)
            {
                if (ToGregorianYear(phrase.Groups["year"].Value) is not { } year) return null;
                fiscal = ThaiCalendar.ToBuddhistYear(year);
            }
            // Its year is a fiscal year, not the calendar year of a month written before it.
            plain = FiscalYearPhrase().Replace(plain, " ");
        }

        var months = MonthForms.Finder.Matches(plain);
        if (months.Count > 0) return FromMonths(plain, months, fiscal);

        var quarter = Quarters().Match(plain);
        if (quarter.Success) return FromQuarters(quarter, fiscal);

        if (phrase.Success || WholeYear().IsMatch(plain))
            return fiscal is { } year ? MonthPeriod.WholeFiscalYear(year) : null;

        return null;
    }

    static MonthPeriod? FromMonths(string text, MatchCollection found, int? fiscal)
    {
        var months = new int[found.Count];
        var years = new int?[found.Count];
        for (var i = 0; i < found.Count; i++)
        {
            months[i] = MonthForms.Parse(found[i].Value) ?? 0;
            if (months[i] == 0) return null;

            var gapStart = found[i].Index + found[i].Length;
            var gapEnd = i + 1 < found.Count ? found[i + 1].Index : text.Length;
            if (!TryYearIn(text, gapStart, gapEnd, out years[i])) return null;
        }

        if (years.All(y => y is null))
        {
            if (fiscal is not { } fy) return null;
            // A month on its own belongs to the plan's fiscal year: Oct–Dec to the calendar year before.
            for (var i = 0; i < months.Length; i++)
                years[i] = ThaiCalendar.ToGregorianYear(fy) - (months[i] >= 10 ? 1 : 0);
        }

        // "ต.ค. – ธ.ค. ๖๗": the start takes the end's year, one less if that would put it after the end.
        for (var i = months.Length - 2; i >= 0; i--)
            years[i] ??= years[i + 1] is { } next ? (months[i] <= months[i + 1] ? next : next - 1) : null;
        for (var i = 1; i < months.Length; i++)
            years[i] ??= years[i - 1] is { } previous ? (months[i] >= months[i - 1] ? previous : previous + 1) : null;

        var dates = new DateOnly[months.Length];
        for (var i = 0; i < months.Length; i++)
        {
            dates[i] = new DateOnly(years[i]!.Value, months[i], 1);
            if (i > 0 && dates[i] < dates[i - 1]) return null; // written backwards: let a person look at it
        }
        return new MonthPeriod(dates[0], dates[^1]);
    }

    /// <summary>
    /// The year written after a month: the first number in the gap before the next month, unless it is the
    /// day of that next month ("๑ ต.ค. ๖๗ – ๓๐ ก.ย. ๖๘"). False when the number cannot be a year.
    /// </summary>
    static bool TryYearIn(string text, int start, int end, out int? year)
    {
        year = null;
        for (var number = Number().Match(text, start); number.Success && number.Index < end; number = number.NextMatch())
        {
            var afterNumber = number.Index + number.Length;
            var isNextMonthsDay = end < text.Length
                && string.IsNullOrWhiteSpace(text[afterNumber..end])
                && number.Length <= 2 && int.Parse(number.Value, CultureInfo.InvariantCulture) is >= 1 and <= 31;
            if (isNextMonthsDay) continue;

            year = ToGregorianYear(number.Value);
            return year is not null;
        }
        return true;
    }

    /// <summary>Fiscal quarters: ไตรมาส ๑ = Oct–Dec … ไตรมาส ๔ = Jul–Sep; "ไตรมาสที่ ๑-๒" spans both.</summary>
    static MonthPeriod? FromQuarters(Match quarter, int? fiscal)
    {
        var first = quarter.Groups["first"].Value[0] - '0';
        var last = quarter.Groups["last"].Success ? quarter.Groups["last"].Value[0] - '0' : first;
        if (fiscal is not { } fy || first is < 1 or > 4 || last < first || last > 4) return null;

        var start = ThaiCalendar.FiscalYearStart(fy);
        return new MonthPeriod(start.AddMonths(3 * (first - 1)), start.AddMonths(3 * last - 1));
    }

    /// <summary>"๖๗" → 2024, "2567" → 2024, "2024" → 2024; null for anything that is not a plausible year.</summary>
    static int? ToGregorianYear(string digits)
    {
        if (digits.Length is not (2 or 4)) return null;
        var n = int.Parse(digits, CultureInfo.InvariantCulture);
        return digits.Length == 2 ? ThaiCalendar.ToGregorianYear(2500 + n)
            : n >= MinBuddhistYear ? (n <= MaxBuddhistYear ? ThaiCalendar.ToGregorianYear(n) : null)
            : n >= MinGregorianYear ? n
            : null;
    }

    static bool IsPlausible(int fiscalYear) => fiscalYear is >= MinBuddhistYear and <= MaxBuddhistYear;

    /// <summary>Plain text: no HTML, Arabic digits, no invisible characters, "ถึง" as a dash.</summary>
    static string Normalize(string text)
    {
        var plain = WebUtility.HtmlDecode(Tag().Replace(text, " "));
        plain = ThaiDigits.ToArabic(plain);
        plain = Invisible().Replace(plain, "");
        return Until().Replace(plain, " - ");
    }

    // [^<>] keeps this linear on text full of unmatched '<'.
    [GeneratedRegex("<[^<>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("[\u200B\u200C\u200D\u2060\uFEFF\u00AD]")]
    private static partial Regex Invisible();

    [GeneratedRegex("ถึง")]
    private static partial Regex Until();

    [GeneratedRegex("(?<![0-9])[0-9]+(?![0-9])")]
    private static partial Regex Number();

    // "ปีงบประมาณ พ.ศ.๒๕๖๘", "ปีงบฯ 68", and the same broken by line wrapping ("ปีงบ ประมาณ").
    [GeneratedRegex(@"ปี\s*ง\s*บ(?:\s*ป\s*ร\s*ะ\s*ม\s*า\s*ณ|\s*ฯ)?(?:\s*พ\s*\.?\s*ศ\s*\.?)?\s*(?<year>[0-9]+)?")]
    private static partial Regex FiscalYearPhrase();

    [GeneratedRegex(@"ไ\s*ต\s*ร\s*ม\s*า\s*ส\s*(?:ที่)?\s*(?<first>[0-9])(?![0-9])(?:\s*(?:-|,|และ)\s*(?:ไตรมาส\s*(?:ที่)?\s*)?(?<last>[0-9])(?![0-9]))?")]
    private static partial Regex Quarters();

    // "ภายในระยะเวลาที่กำหนด", "ตามระยะเวลาที่กำหนด", "ตลอดปี", "ตลอดทั้งปี".
    [GeneratedRegex(@"ร\s*ะ\s*ย\s*ะ\s*เ\s*ว\s*ล\s*า\s*ที่\s*ก\s*ำ\s*ห\s*น\s*ด|ต\s*ล\s*อ\s*ด\s*(?:ทั้ง\s*)?ปี|ทั้ง\s*ปี")]
    private static partial Regex WholeYear();
}
