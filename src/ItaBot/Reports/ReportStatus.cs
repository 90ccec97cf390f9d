using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>A measure's status in a report: the four answers people give, or no answer yet.</summary>
public enum ReportStatus { NotStarted, InProgress, Done, CannotProceed, AwaitingReport }

public static class ReportStatuses
{
    /// <summary>The order summaries list statuses in: what is finished first, what is missing last.</summary>
    public static readonly IReadOnlyList<ReportStatus> SummaryOrder =
        [ReportStatus.Done, ReportStatus.InProgress, ReportStatus.NotStarted, ReportStatus.CannotProceed, ReportStatus.AwaitingReport];

    public static ReportStatus From(MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => ReportStatus.NotStarted,
        MeasureStatus.InProgress => ReportStatus.InProgress,
        MeasureStatus.Done => ReportStatus.Done,
        MeasureStatus.CannotProceed => ReportStatus.CannotProceed,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Thai(this ReportStatus status) => status switch
    {
        ReportStatus.NotStarted => MeasureStatus.NotStarted.Thai(),
        ReportStatus.InProgress => MeasureStatus.InProgress.Thai(),
        ReportStatus.Done => MeasureStatus.Done.Thai(),
        ReportStatus.CannotProceed => MeasureStatus.CannotProceed.Thai(),
        ReportStatus.AwaitingReport => StatusNames.AwaitingReport,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
