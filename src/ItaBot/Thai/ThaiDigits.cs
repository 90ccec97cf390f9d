using System.Globalization;

namespace ItaBot.Thai;

/// <summary>Thai digits (๐–๙) and Arabic digits are both common; accept both, print Thai in official documents.</summary>
public static class ThaiDigits
{
    const char ThaiZero = '๐';
    const char ThaiNine = '๙';

    /// <summary>Thai digits become Arabic ones; every other character stays as it is.</summary>
    public static string ToArabic(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= ThaiZero and <= ThaiNine ? (char)('0' + (c - ThaiZero)) : c;
            }
        });
    }

    /// <summary>Arabic digits become Thai ones; every other character stays as it is.</summary>
    public static string ToThai(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)(ThaiZero + (c - '0')) : c;
            }
        });
    }

    public static string ToThai(int number) => ToThai(number.ToString(CultureInfo.InvariantCulture));

    /// <summary>A whole number written in Thai or Arabic digits (or a mix), surrounding spaces allowed.</summary>
    public static bool TryParseInt(string? text, out int value)
    {
        value = 0;
        return text is not null
            && int.TryParse(ToArabic(text.Trim()), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
