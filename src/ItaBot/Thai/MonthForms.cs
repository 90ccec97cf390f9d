using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ItaBot.Thai;

/// <summary>
/// Every way plans write a month: full Thai name (and its common misspellings), the spoken short form ("ตุลา"),
/// the abbreviation with or without dots ("ต.ค.", "ต.ค", "ตค."), English ("Oct", "October").
/// </summary>
static class MonthForms
{
    // Index = month − 1.
    static readonly string[][] ThaiNames =
    [
        ["มกราคม"], ["กุมภาพันธ์", "กุมภาพันธ"], ["มีนาคม"], ["เมษายน"], ["พฤษภาคม"], ["มิถุนายน"],
        ["กรกฎาคม", "กรกฏาคม"], ["สิงหาคม"], ["กันยายน"], ["ตุลาคม"], ["พฤศจิกายน"], ["ธันวาคม"],
    ];

    static readonly string[][] ShortForms =
    [
        ["มกรา"], ["กุมภา"], ["มีนา"], ["เมษา"], ["พฤษภา"], ["มิถุนา"],
        ["กรกฎา", "กรกฏา"], ["สิงหา"], ["กันยา"], ["ตุลา"], ["พฤศจิกา"], ["ธันวา"],
    ];

    static readonly string[][] English =
    [
        ["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"], ["june", "jun"],
        ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"], ["october", "oct"], ["november", "nov"], ["december", "dec"],
    ];

    // A Thai consonant, vowel or tone mark: a word goes on. Digits, ฯ, dots and spaces end it.
    const string ThaiLetter = @"[\u0E01-\u0E2E\u0E30-\u0E3A\u0E40-\u0E4E]";

    static readonly FrozenDictionary<string, int> Lookup = BuildLookup();

    /// <summary>Finds month names inside running text; each match's value goes through <see cref="Parse"/>.</summary>
    public static readonly Regex Finder = BuildFinder();

    public static int? Parse(string? text) =>
        text is not null && Lookup.TryGetValue(Key(text), out var month) ? month : null;

    // Spaces, dots and invisible characters do not change which month is meant.
    static string Key(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD')))
            .ToLowerInvariant();

    static FrozenDictionary<string, int> BuildLookup()
    {
        var lookup = new Dictionary<string, int>();
        for (var i = 0; i < 12; i++)
        {
            foreach (var form in ThaiNames[i].Concat(ShortForms[i]).Concat(English[i]).Append(ThaiCalendar.MonthAbbreviations[i]))
                lookup[Key(form)] = i + 1;
        }
        return lookup.ToFrozenDictionary();
    }

    static Regex BuildFinder()
    {
        // Full names first (longest first), so "กุมภาพันธ์" is not read as "กุมภา" plus leftovers.
        var full = ThaiNames.SelectMany(f => f).OrderByDescending(f => f.Length).Select(Regex.Escape);
        // A short form must end the word, or "ตุลา" would be found in "ตุลาการ".
        var shortForms = ShortForms.SelectMany(f => f).Select(f => Regex.Escape(f) + $"(?!{ThaiLetter})");
        var words = full.Concat(shortForms);

        var abbreviations = ThaiCalendar.MonthAbbreviations.SelectMany(a =>
        {
            var parts = a.Split('.', StringSplitOptions.RemoveEmptyEntries);
            return new[]
            {
                // "ต.ค.", "ต. ค", but not the "ก.พ." inside "ก.พ.ร." or the "ส.ค." inside "ส.ค.ส.".
                $@"(?<![ก-ฮ]\.){parts[0]}\s*\.\s*{parts[1]}(?:\.)?(?!\.?[ก-ฮ]\.)",
                // "ตค", "ตค." only standing alone, or "กค" would be found in "ปกครอง".
                $@"(?<!{ThaiLetter}){parts[0]}{parts[1]}(?:\.|(?!{ThaiLetter}))",
            };
        });

        var english = "(?<![A-Za-z])(?:" + string.Join('|', English.SelectMany(f => f).OrderByDescending(f => f.Length)) + ")(?![A-Za-z])";

        return new Regex(string.Join('|', words.Concat(abbreviations).Append(english)),
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
