using System.Text.RegularExpressions;
using ItaBot.Thai;

namespace ItaBot.Chat.Understanding;

/// <summary>Comparable form of a measure code or reference: "M1", "ม.๑", "มาตรการ 1", "M01" and "1" all give "1".</summary>
public static partial class MeasureKeys
{
    public static string Of(string codeOrRef)
    {
        var key = ThaiDigits.ToArabic(codeOrRef.Trim()).ToLowerInvariant();
        var number = NumberPart().Match(key);
        if (!number.Success) return key.Replace(" ", "");
        return string.Join('.', number.Value.Split('.').Select(part => part.TrimStart('0') is { Length: > 0 } p ? p : "0"));
    }

    [GeneratedRegex(@"\d+(?:\.\d+)*")]
    private static partial Regex NumberPart();
}
