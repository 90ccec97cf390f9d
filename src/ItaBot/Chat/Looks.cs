using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>How statuses and rounds read and look in chat.</summary>
public static class Looks
{
    public const string AwaitingColor = "#8A8A8A";

    public static string Color(MeasureStatus? status) => status switch
    {
        MeasureStatus.Done => "#1E8E3E",
        MeasureStatus.InProgress => "#D07B00",
        MeasureStatus.CannotProceed => "#C62828",
        MeasureStatus.NotStarted => "#5F6368",
        _ => AwaitingColor,
    };

    public static string Mark(MeasureStatus? status) => status switch
    {
        MeasureStatus.Done => "✅",
        MeasureStatus.InProgress => "🔄",
        MeasureStatus.CannotProceed => "⛔",
        MeasureStatus.NotStarted => "⏸️",
        _ => "⏳",
    };

    /// <summary>"✅ ดำเนินการแล้วเสร็จ · ๓ มี.ค. ๖๘", or "⏳ รอรายงานผล".</summary>
    public static string StatusLine(StatusReport? report)
    {
        if (report is null) return $"{Mark(null)} {StatusNames.AwaitingReport}";
        var line = $"{Mark(report.Status)} {report.Status.Thai()}";
        if (report.Status == MeasureStatus.CannotProceed && report.Reason is { } reason) line += $" ({reason.Thai()})";
        return $"{line} · {ShortDate(report.ReportedAtUtc)}";
    }

    /// <summary>Short words for quick-reply labels (LINE allows 20 characters).</summary>
    public static string ShortThai(this MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => "ยังไม่เริ่ม",
        MeasureStatus.InProgress => "กำลังทำ",
        MeasureStatus.Done => "เสร็จแล้ว",
        MeasureStatus.CannotProceed => "ทำไม่ได้",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string ShortDate(DateTime utc) => ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(Bangkok.ToBangkok(utc)));

    public static string RoundName(Round round) => RoundNames.WithYear(round);

    /// <summary>"รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘ · ส่งภายใน ๑๕ เม.ย. ๖๘".</summary>
    public static string RoundLine(Round round) =>
        round.State == RoundState.Open
            ? $"{RoundName(round)} · ส่งภายใน {ThaiCalendar.FormatShortDate(round.DueDate)}"
            : $"{RoundName(round)} · ปิดรอบแล้ว";
}
