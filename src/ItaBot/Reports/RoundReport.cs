using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>
/// One round's report as it stood at its cut-off: every measure of the fiscal year with its status,
/// what was done, and the totals. Every document (DOCX, XLSX, CSV, JSON, HTML, Flex) is drawn from it.
/// </summary>
public sealed record RoundReport(
    ReportOrganization Organization,
    ReportRound Round,
    DateTime CutOffUtc,
    IReadOnlyList<MeasureLine> Measures,
    ReportTotals Totals);

public sealed record ReportOrganization(int Id, string Name, string PublicToken);

public sealed record ReportRound(
    int Id,
    int FiscalYear,
    RoundKind Kind,
    RoundKey Key,
    DateOnly WindowStart,
    DateOnly WindowEnd,
    DateOnly DueDate,
    RoundState State,
    DateTime? ClosedAtUtc);

/// <summary>One measure in the report. Nothing here names or times a person: the report is public.</summary>
/// <param name="Period">The period as the plan wrote it, or built from its months when it has none.</param>
/// <param name="Results">Each answer's ผลการดำเนินการ counted for the round (its whole window), oldest first, each entry once.</param>
/// <param name="Outcomes">Each ผลลัพธ์หรือความสำเร็จ given, the same way.</param>
/// <param name="Problems">Each ปัญหาอุปสรรค / ข้อเสนอแนะ given, the same way.</param>
/// <param name="EvidenceFiles">Files attached to the counted answers, oldest first.</param>
/// <param name="OwingUnits">Units that still owe an answer: the responsible units of a measure awaiting report.</param>
/// <param name="LastReportedOn">The Bangkok date of the latest counted answer (a date, never a time of day).</param>
public sealed record MeasureLine(
    int Id,
    string Code,
    int Order,
    string? Issue,
    string? OitItem,
    string Title,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> ResponsibleUnits,
    string? Period,
    ReportStatus Status,
    CannotProceedReason? Reason,
    string? ReasonText,
    IReadOnlyList<ResultEntry> Results,
    IReadOnlyList<ResultEntry> Outcomes,
    IReadOnlyList<ResultEntry> Problems,
    IReadOnlyList<string> EvidenceUrls,
    IReadOnlyList<EvidenceFileLine> EvidenceFiles,
    IReadOnlyList<string> OwingUnits,
    DateOnly? LastReportedOn,
    int ReportCount);

/// <summary>What one answer said, on its Bangkok date.</summary>
public sealed record ResultEntry(DateOnly Date, string Text);

/// <summary>An evidence file in the report: served at the report's own address (<see cref="ReportFileLinks.EvidenceFile"/>).</summary>
public sealed record EvidenceFileLine(long Id, DateOnly Date, string FileName, Tracking.Evidence.EvidenceKind Kind, string ContentType, long Length);

public sealed record ReportTotals(StatusCounts All, IReadOnlyList<UnitTotals> ByUnit);

/// <summary>Measures of one unit; a measure with several responsible units counts for each of them.</summary>
public sealed record UnitTotals(string Unit, StatusCounts Counts);

public sealed record StatusCounts(int NotStarted, int InProgress, int Done, int CannotProceed, int AwaitingReport)
{
    public int Total => NotStarted + InProgress + Done + CannotProceed + AwaitingReport;

    public int Answered => Total - AwaitingReport;

    /// <summary>Done out of all measures, in percent with one decimal (0 when there are none).</summary>
    public decimal PercentDone => Total == 0 ? 0m : Math.Round(Done * 100m / Total, 1, MidpointRounding.AwayFromZero);

    public int this[ReportStatus status] => status switch
    {
        ReportStatus.NotStarted => NotStarted,
        ReportStatus.InProgress => InProgress,
        ReportStatus.Done => Done,
        ReportStatus.CannotProceed => CannotProceed,
        ReportStatus.AwaitingReport => AwaitingReport,
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static StatusCounts Of(IEnumerable<ReportStatus> statuses)
    {
        int notStarted = 0, inProgress = 0, done = 0, cannot = 0, awaiting = 0;
        foreach (var status in statuses)
        {
            switch (status)
            {
                case ReportStatus.NotStarted: notStarted++; break;
                case ReportStatus.InProgress: inProgress++; break;
                case ReportStatus.Done: done++; break;
                case ReportStatus.CannotProceed: cannot++; break;
                default: awaiting++; break;
            }
        }
        return new StatusCounts(notStarted, inProgress, done, cannot, awaiting);
    }
}
