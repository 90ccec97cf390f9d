using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>
/// One paragraph inside a printed table cell. A link shows <paramref name="Text"/> (the short form of the
/// address) with the full address behind it, after an optional plain <paramref name="Label"/>; an image file may
/// show as a <paramref name="Thumbnail"/> on the page.
/// </summary>
public sealed record CellLine(string Text, bool Bold = false, string? Link = null, string? Label = null, string? Thumbnail = null)
{
    /// <summary>What the line prints, label included.</summary>
    public string Printed => Label is null ? Text : Label + Text;
}

/// <summary>One row of the printed summary table; the totals rows are bold.</summary>
public sealed record SummaryRow(IReadOnlyList<string> Cells, bool Total = false);

/// <summary>
/// The printed table (the seven columns of <see cref="ReportText.ColumnHeaders"/> on the page, the five of
/// <see cref="PrintedRow"/> in the Word file), cell by cell, in document wording. DOCX and HTML lay out the same
/// lines, so the two cannot disagree.
/// </summary>
public static class ReportTable
{
    /// <summary>Index of the issue column, which the report page merges across consecutive measures that share it.</summary>
    public const int IssueColumn = 0;

    /// <summary>Index of the checkbox column.</summary>
    public const int StatusColumn = 5;

    /// <summary>The id of a measure's row on the report page ("m-M1"), where a cut cell's "…ดูเพิ่มเติม" leads.</summary>
    public static string Anchor(MeasureLine m) => "m-" + m.Code;

    /// <param name="links">Where evidence files are served; without it, files are listed by name only.</param>
    /// <param name="onPage">For the served page itself: evidence links relative to it, images as thumbnails.</param>
    public static IReadOnlyList<IReadOnlyList<CellLine>> Row(MeasureLine m, ReportRound round, ReportFileLinks? links = null, bool onPage = false) =>
    [
        IssueCell(m),
        [new CellLine(ReportText.Document(m.Title))],
        Lines(ReportText.NumberedSteps(m.Steps)),
        Lines(m.ResponsibleUnits),
        [new CellLine(ReportText.Document(m.Period ?? "-"))],
        StatusCell(m, round),
        ResultCell(m, round, links, onPage),
    ];

    /// <summary>Index of the checkbox column in <see cref="PrintedRow"/>.</summary>
    public const int PrintedStatusColumn = 3;

    /// <summary>
    /// The Word document's row of a measure (the columns of <see cref="ReportText.PrintedHeaders"/>): the same
    /// lines as <see cref="Row"/>, the OIT item under the title, the responsible units over the period, and the
    /// issue left to the group's <see cref="Heading"/>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CellLine>> PrintedRow(MeasureLine m, ReportRound round, ReportFileLinks? links = null)
    {
        var row = Row(m, round, links);
        List<CellLine> title = [.. row[1]];
        if (!string.IsNullOrWhiteSpace(m.OitItem)) title.Add(new CellLine(ReportText.Document($"(ข้อ {m.OitItem})")));
        List<CellLine> who = m.ResponsibleUnits.Count == 0 ? [] : [.. row[3]];
        who.AddRange(m.Period is null && who.Count > 0 ? [] : row[4]);
        return [title, row[2], who, row[StatusColumn], row[6]];
    }

    /// <summary>The issue/indicator printed across the table above the consecutive measures that share it, or null.</summary>
    public static string? Heading(MeasureLine m) => string.IsNullOrWhiteSpace(m.Issue) ? null : ReportText.Document(m.Issue);

    /// <summary>The issue cell's text, by which consecutive measures are grouped.</summary>
    public static string IssueKey(MeasureLine m) => string.Join("\n", IssueCell(m).Select(l => l.Text));

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

    /// <summary>
    /// The checkboxes. A measure not started has none ticked and says so; one not yet answered says so while the
    /// round is open, and in a closed round simply has none ticked.
    /// </summary>
    static List<CellLine> StatusCell(MeasureLine m, ReportRound round)
    {
        var lines = ReportText.CheckboxStatuses
            .Select(s => new CellLine($"{(s == m.Status ? ReportText.Checked : ReportText.Unchecked)} {s.Thai()}"))
            .ToList();
        if (m.Status == ReportStatus.NotStarted || (m.Status == ReportStatus.AwaitingReport && round.State != RoundState.Closed))
            lines.Add(new CellLine($"({m.Status.Thai()})", Bold: true));
        return lines;
    }

    static List<CellLine> ResultCell(MeasureLine m, ReportRound round, ReportFileLinks? links, bool onPage)
    {
        var lines = new List<CellLine>();
        if (m.Status == ReportStatus.AwaitingReport)
        {
            if (round.State == RoundState.Closed) lines.Add(new CellLine(ReportText.NoReportInClosedRound));
            else lines.Add(new CellLine(m.OwingUnits.Count == 0
                ? "ยังไม่ได้รับรายงานผล"
                : "ยังไม่ได้รับรายงานผลจาก " + ReportText.Document(string.Join(", ", m.OwingUnits))));
            return lines;
        }
        foreach (var result in m.Results)
            lines.Add(new CellLine($"- {ReportText.Document(result.Text)} ({ThaiCalendar.FormatShortDate(result.Date)})"));
        if (m.Outcomes.Count == 1)
            lines.Add(new CellLine("ผลลัพธ์: " + ReportText.Document(m.Outcomes[0].Text)));
        else if (m.Outcomes.Count > 1)
        {
            lines.Add(new CellLine("ผลลัพธ์:", Bold: true));
            lines.AddRange(m.Outcomes.Select(o => new CellLine($"- {ReportText.Document(o.Text)}")));
        }
        var first = true;
        foreach (var url in m.EvidenceUrls)
        {
            lines.Add(new CellLine(ReportText.ShortUrl(url), Link: url, Label: first ? "หลักฐาน: " : null));
            first = false;
        }
        foreach (var file in m.EvidenceFiles)
        {
            var href = links?.EvidenceFile(file, onPage);
            var thumbnail = onPage && file.Kind == Tracking.Evidence.EvidenceKind.Image ? href : null;
            lines.Add(new CellLine($"{ReportText.FileKind(file.Kind)}: {file.FileName}", Link: href, Thumbnail: thumbnail, Label: first ? "หลักฐาน: " : null));
            first = false;
        }
        if (m.Status == ReportStatus.CannotProceed)
        {
            var reason = ReportText.Reason(m.Reason, m.ReasonText);
            lines.Add(new CellLine("เหตุที่ดำเนินการไม่ได้: " + (reason.Length == 0 ? "ไม่ได้ระบุ" : ReportText.Document(reason))));
        }
        if (m.Problems.Count == 1) lines.Add(new CellLine("ปัญหาอุปสรรค/ข้อเสนอแนะ: " + ReportText.Document(m.Problems[0].Text)));
        else if (m.Problems.Count > 1)
        {
            lines.Add(new CellLine("ปัญหาอุปสรรค/ข้อเสนอแนะ:", Bold: true));
            lines.AddRange(m.Problems.Select(p => new CellLine($"- {ReportText.Document(p.Text)}")));
        }
        if (lines.Count == 0) lines.Add(new CellLine("-"));
        return lines;
    }

    /// <summary>Headers of the summary table: per unit, then the whole organization.</summary>
    public static IReadOnlyList<string> SummaryHeaders(ReportRound round) =>
    [
        "ผู้รับผิดชอบ", "จำนวนมาตรการ",
        .. ReportStatuses.SummaryOrder.Select(s => ReportText.StatusLabel(s, round)),
        "ร้อยละที่แล้วเสร็จ",
    ];

    /// <summary>
    /// One row per unit (a measure with several units counts for each), then the organization's total, each
    /// measure once, and the share of each status.
    /// </summary>
    public static IEnumerable<SummaryRow> SummaryRows(RoundReport report)
    {
        foreach (var unit in report.Totals.ByUnit)
            yield return new SummaryRow(CountsRow(ReportText.Document(unit.Unit), unit.Counts));
        var all = report.Totals.All;
        yield return new SummaryRow(CountsRow("รวมทั้งหน่วยงาน", all), Total: true);
        yield return new SummaryRow(
        [
            "ร้อยละ", ReportText.Percent(all.Total == 0 ? 0m : 100m),
            .. ReportStatuses.SummaryOrder.Select(s => ReportText.Percent(Share(all[s], all.Total))),
            ReportText.Percent(all.PercentDone),
        ], Total: true);
    }

    static IReadOnlyList<string> CountsRow(string name, StatusCounts counts) =>
    [
        name, ReportText.Number(counts.Total),
        .. ReportStatuses.SummaryOrder.Select(s => ReportText.Number(counts[s])),
        ReportText.Percent(counts.PercentDone),
    ];

    static decimal Share(int part, int total) =>
        total == 0 ? 0m : Math.Round(part * 100m / total, 1, MidpointRounding.AwayFromZero);
}
