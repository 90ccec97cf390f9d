using System.Globalization;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>
/// How a round is named in URLs and commands: "6m", "12m", or a custom round's id ("42").
/// Thai digits are accepted ("๖m").
/// </summary>
public readonly record struct RoundKey(RoundKind Kind, int? CustomRoundId)
{
    public static readonly RoundKey SixMonth = new(RoundKind.SixMonth, null);
    public static readonly RoundKey TwelveMonth = new(RoundKind.TwelveMonth, null);

    public static RoundKey Custom(int roundId) => new(RoundKind.Custom, roundId);

    public static RoundKey For(Round round) => round.Kind == RoundKind.Custom ? Custom(round.Id) : new(round.Kind, null);

    public static bool TryParse(string? text, out RoundKey key)
    {
        key = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var plain = ThaiDigits.ToArabic(text.Trim()).ToLowerInvariant();
        switch (plain)
        {
            case "6m": key = SixMonth; return true;
            case "12m": key = TwelveMonth; return true;
        }
        if (plain.All(char.IsAsciiDigit) && int.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            key = Custom(id);
            return true;
        }
        return false;
    }

    public override string ToString() => Kind switch
    {
        RoundKind.SixMonth => "6m",
        RoundKind.TwelveMonth => "12m",
        _ => CustomRoundId?.ToString(CultureInfo.InvariantCulture) ?? "",
    };
}
