using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>One paragraph inside a printed table cell; a link keeps its address as typed; an image file may show as a thumbnail.</summary>
public sealed record CellLine(string Text, bool Bold = false, string? Link = null, string? Thumbnail = null);

/// <summary>
/// The printed table (the eight columns of <see cref="ReportText.ColumnHeaders"/>), cell by cell, in
/// document wording. DOCX and HTML lay out the same lines, so the two cannot disagree.
/// </summary>
public static class ReportTable
{
    /// <summary>The id of a measure's row on the report page ("m-M1"), where a cut cell's "…ดูเพิ่มเติม" leads.</summary>
    public static string Anchor(MeasureLine m) => "m-" + m.Code;

    /// <param name="links">Where evidence files are served; without it, files are listed by name only.</param>
    /// <param name="onPage">For the served page itself: evidence links relative to it, images as thumbnails.</param>
    public static IReadOnlyList<IReadOnlyList<CellLine>> Row(MeasureLine m, ReportFileLinks? links = null, bool onPage = false) =>
    [
        IssueCell(m),
        [new CellLine(ReportText.Document(m.Title))],
        Lines(m.Steps),
        Lines(m.ResponsibleUnits),
        [new CellLine(ReportText.Document(m.Period ?? "-"))],
        StatusCell(m),
        ResultCell(m, links, onPage),
        ProblemCell(m),
    ];

    static List<CellLine> IssueCell(MeasureLine m)
    {
        var lines = new List<CellLine>();
        if (!string.IsNullOrWhiteSpace(m.Issue)) lines.Add(new CellLine(ReportText.Document(m.Issue)));
        if (!string.IsNullOrWhiteSpace(m.OitItem)) lines.Add(new CellLine(ReportText.Document($"(ข้อ {m.OitItem})")));
        if (lines.Count == 0) lines.Add(new CellLine("-"));
        return lines;
    }

    static List<CellLine> Lines(IReadOnlyList<string> texts) =>
        texts.Count == 0 ? [new CellLine("-")] : texts.Select(t => new CellLine(ReportText.Document(t))).ToList();

    /// <summary>The checkboxes; a measure that is not started or not yet answered has none ticked and says so below them.</summary>
    static List<CellLine> StatusCell(MeasureLine m)
    {
        var lines = ReportText.CheckboxStatuses
            .Select(s => new CellLine($"{(s == m.Status ? ReportText.Checked : ReportText.Unchecked)} {s.Thai()}"))
            .ToList();
        if (m.Status is ReportStatus.NotStarted or ReportStatus.AwaitingReport)
            lines.Add(new CellLine($"({m.Status.Thai()})", Bold: true));
        return lines;
    }

    static List<CellLine> ResultCell(MeasureLine m, ReportFileLinks? links, bool onPage)
    {
        var lines = new List<CellLine>();
        if (m.Status == ReportStatus.AwaitingReport)
        {
            lines.Add(new CellLine(m.OwingUnits.Count == 0
                ? "ยังไม่ได้รับรายงานผล"
                : "ยังไม่ได้รับรายงานผลจาก " + ReportText.Document(string.Join(", ", m.OwingUnits))));
            return lines;
        }
        foreach (var result in m.Results)
            lines.Add(new CellLine($"- {ReportText.Document(result.Text)} (รายงานเมื่อ {ThaiCalendar.FormatShortDate(result.Date)})"));
        if (m.Outcomes.Count == 1)
            lines.Add(new CellLine("ผลลัพธ์: " + ReportText.Document(m.Outcomes[0].Text)));
        else if (m.Outcomes.Count > 1)
        {
            lines.Add(new CellLine("ผลลัพธ์:", Bold: true));
            lines.AddRange(m.Outcomes.Select(o => new CellLine($"- {ReportText.Document(o.Text)}")));
        }
        if (m.EvidenceUrls.Count > 0 || m.EvidenceFiles.Count > 0)
        {
            lines.Add(new CellLine("หลักฐาน:"));
            lines.AddRange(m.EvidenceUrls.Select(u => new CellLine(u, Link: u)));
            foreach (var file in m.EvidenceFiles)
            {
                var href = links?.EvidenceFile(file, onPage);
                var thumbnail = onPage && file.Kind == Tracking.Evidence.EvidenceKind.Image ? href : null;
                lines.Add(new CellLine($"{ReportText.FileKind(file.Kind)}: {file.FileName}", Link: href, Thumbnail: thumbnail));
            }
        }
        if (lines.Count == 0) lines.Add(new CellLine("-"));
        return lines;
    }

    static List<CellLine> ProblemCell(MeasureLine m)
    {
        var lines = new List<CellLine>();
        if (m.Status == ReportStatus.CannotProceed)
        {
            var reason = ReportText.Reason(m.Reason, m.ReasonText);
            lines.Add(new CellLine("เหตุที่ดำเนินการไม่ได้: " + (reason.Length == 0 ? "ไม่ได้ระบุ" : ReportText.Document(reason))));
        }
        foreach (var problem in m.Problems) lines.Add(new CellLine(m.Problems.Count == 1 ? ReportText.Document(problem.Text) : $"- {ReportText.Document(problem.Text)}"));
        if (lines.Count == 0) lines.Add(new CellLine("-"));
        return lines;
    }

    /// <summary>Headers of the per-unit summary table.</summary>
    public static readonly IReadOnlyList<string> UnitSummaryHeaders =
    [
        "ผู้รับผิดชอบ", "จำนวนมาตรการ",
        .. ReportStatuses.SummaryOrder.Select(s => s.Thai()),
        "ร้อยละที่แล้วเสร็จ",
    ];

    public static IReadOnlyList<string> UnitSummaryRow(string unit, StatusCounts counts) =>
    [
        ReportText.Document(unit), ReportText.Number(counts.Total),
        .. ReportStatuses.SummaryOrder.Select(s => ReportText.Number(counts[s])),
        ReportText.Percent(counts.PercentDone),
    ];

    public static readonly IReadOnlyList<string> StatusSummaryHeaders = ["สถานะ", "จำนวนมาตรการ", "ร้อยละ"];

    public static IEnumerable<IReadOnlyList<string>> StatusSummaryRows(StatusCounts counts)
    {
        foreach (var status in ReportStatuses.SummaryOrder)
            yield return [status.Thai(), ReportText.Number(counts[status]), ReportText.Percent(Share(counts[status], counts.Total))];
        yield return ["รวม", ReportText.Number(counts.Total), ReportText.Percent(counts.Total == 0 ? 0m : 100m)];
    }

    static decimal Share(int part, int total) =>
        total == 0 ? 0m : Math.Round(part * 100m / total, 1, MidpointRounding.AwayFromZero);
}
