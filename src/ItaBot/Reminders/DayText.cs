using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Thai;

namespace ItaBot.Reminders;

/// <summary>
/// A day as people type it in chat: "15 ม.ค.", "๑๕ มกราคม ๗๐", "15 มค 2570", "15/1", "15 Jan 2027",
/// "2027-01-15". Without a year it is the next such day from today.
/// </summary>
public static partial class DayText
{
    static readonly string[][] Months =
    [
        ["มกราคม", "มค", "มกรา", "jan", "january"], ["กุมภาพันธ์", "กพ", "กุมภา", "feb", "february"],
        ["มีนาคม", "มีค", "มีนา", "mar", "march"], ["เมษายน", "เมย", "เมษา", "apr", "april"],
        ["พฤษภาคม", "พค", "พฤษภา", "may"], ["มิถุนายน", "มิย", "มิถุนา", "jun", "june"],
        ["กรกฎาคม", "กค", "กรกฎา", "jul", "july"], ["สิงหาคม", "สค", "สิงหา", "aug", "august"],
        ["กันยายน", "กย", "กันยา", "sep", "sept", "september"], ["ตุลาคม", "ตค", "ตุลา", "oct", "october"],
        ["พฤศจิกายน", "พย", "พฤศจิกา", "nov", "november"], ["ธันวาคม", "ธค", "ธันวา", "dec", "december"],
    ];

    [GeneratedRegex(@"^(?<d>\d{1,2})\s*(?<m>[^\d\s/][^\d]*?)\s*(?<y>\d{2}|\d{4})?$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(?<d>\d{1,2})/(?<m>\d{1,2})(?:/(?<y>\d{2}|\d{4}))?$")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex Iso();

    public static bool TryParse(string text, DateOnly today, out DateOnly day)
    {
        day = default;
        var clean = ThaiDigits.ToArabic(text.Trim());
        // "วันที่ 15 ม.ค." and "วันพฤหัสที่ 15 ม.ค." name the same day.
        if (clean.StartsWith("วัน", StringComparison.Ordinal) && clean.IndexOf("ที่", StringComparison.Ordinal) is var at and >= 0 and < 12)
            clean = clean[(at + "ที่".Length)..].Trim();
        int d, m;
        string? y;
        if (Iso().Match(clean) is { Success: true } iso)
        {
            (d, m, y) = (Int(iso, "d"), Int(iso, "m"), iso.Groups["y"].Value);
        }
        else if (Slashed().Match(clean) is { Success: true } slashed)
        {
            (d, m, y) = (Int(slashed, "d"), Int(slashed, "m"), NullIfEmpty(slashed.Groups["y"].Value));
        }
        else if (DayMonthYear().Match(clean) is { Success: true } words && MonthOf(words.Groups["m"].Value) is { } month)
        {
            (d, m, y) = (Int(words, "d"), month, NullIfEmpty(words.Groups["y"].Value));
        }
        else return false;

        if (m is < 1 or > 12 || d < 1) return false;
        if (y is null)
        {
            // "15 ม.ค." said in November means the coming January.
            for (var year = today.Year; year <= today.Year + 1; year++)
            {
                if (d <= DateTime.DaysInMonth(year, m) && new DateOnly(year, m, d) is var candidate && candidate >= today)
                {
                    day = candidate;
                    return true;
                }
            }
            return false;
        }
        var gregorian = ToGregorian(int.Parse(y, CultureInfo.InvariantCulture));
        if (gregorian is < 1900 or > 2200 || d > DateTime.DaysInMonth(gregorian, m)) return false;
        day = new DateOnly(gregorian, m, d);
        return true;
    }

    /// <summary>Two digits are a Buddhist Era year ("70" = 2570); four digits are BE from 2400, otherwise Gregorian.</summary>
    static int ToGregorian(int year) => year switch
    {
        < 100 => ThaiCalendar.ToGregorianYear(2500 + year),
        >= 2400 => ThaiCalendar.ToGregorianYear(year),
        _ => year,
    };

    static int? MonthOf(string text)
    {
        var key = string.Concat(text.Where(c => c != '.' && !char.IsWhiteSpace(c))).ToLowerInvariant();
        for (var i = 0; i < Months.Length; i++)
            if (Months[i].Contains(key)) return i + 1;
        return null;
    }

    static int Int(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
