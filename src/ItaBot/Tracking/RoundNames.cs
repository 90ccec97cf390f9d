using ItaBot.Thai;

namespace ItaBot.Tracking;

/// <summary>
/// How a round is called, everywhere (chat, reminders, report documents, file names): "รอบ ๖ เดือน",
/// "รอบ ๑๒ เดือน", and a custom round "รอบติดตามผล" with its days, since an agency may hold several.
/// Thai digits; callers that need Arabic digits (file names, Flex alt text) convert the whole string.
/// </summary>
public static class RoundNames
{
    public const string CustomKind = "รอบติดตามผล";

    /// <summary>The kind alone: "รอบ ๖ เดือน", "รอบ ๑๒ เดือน", "รอบติดตามผล".</summary>
    public static string Kind(RoundKind kind) => kind switch
    {
        RoundKind.SixMonth => "รอบ ๖ เดือน",
        RoundKind.TwelveMonth => "รอบ ๑๒ เดือน",
        _ => CustomKind,
    };

    /// <summary>"รอบ ๖ เดือน", or "รอบติดตามผล ๑ ม.ค. – ๓๑ ม.ค. ๖๘" for a custom round.</summary>
    public static string Name(RoundKind kind, DateOnly windowStart, DateOnly windowEnd) => kind == RoundKind.Custom
        ? $"{CustomKind} {ThaiCalendar.FormatShortDate(windowStart)} – {ThaiCalendar.FormatShortDate(windowEnd)}"
        : Kind(kind);

    public static string Name(Round round) => Name(round.Kind, round.WindowStart, round.WindowEnd);

    /// <summary>"รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘" (custom: with its days).</summary>
    public static string WithYear(RoundKind kind, int fiscalYear, DateOnly windowStart, DateOnly windowEnd) =>
        $"{Name(kind, windowStart, windowEnd)} ปีงบประมาณ {ThaiDigits.ToThai(fiscalYear)}";

    public static string WithYear(Round round) => WithYear(round.Kind, round.FiscalYear, round.WindowStart, round.WindowEnd);

    /// <summary>
    /// The span printed after the name in official documents: "(ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)"; a custom round,
    /// which need not follow months, gives its days "(๑ มกราคม ๒๕๖๘ – ๓๑ มกราคม ๒๕๖๘)".
    /// </summary>
    public static string DocumentSpan(RoundKind kind, DateOnly windowStart, DateOnly windowEnd) => kind == RoundKind.Custom
        ? $"({ThaiCalendar.FormatLongDate(windowStart)} – {ThaiCalendar.FormatLongDate(windowEnd)})"
        : $"({ThaiCalendar.FormatMonthYear(windowStart)} – {ThaiCalendar.FormatMonthYear(windowEnd)})";

    /// <summary>Whether the round still takes reports, as summaries say it: "ยังเปิดรับรายงาน" / "ปิดรอบแล้ว".</summary>
    public static string State(RoundState state) => state == RoundState.Closed ? "ปิดรอบแล้ว" : "ยังเปิดรับรายงาน";

    /// <summary>The name as documents print it before their span: the kind only, since the span follows.</summary>
    public static string DocumentName(RoundKind kind) => Kind(kind);
}
