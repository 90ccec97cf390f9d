using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>
/// The report as one self-contained page (no scripts, no outside resources) that the agency links from its
/// website and assessors open. On a screen narrower than 700 px (a phone opening the link from LINE) each
/// measure is a card under its issue; wider, the agencies' table; printed, A4 landscape with the table header on
/// every page.
/// </summary>
public static class HtmlReportRenderer
{
    public const string ContentType = "text/html; charset=utf-8";

    // Keeps Thai readable in the source while still escaping markup characters.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page's only stylesheet; its hash is the page's content security policy.</summary>
    public const string Style = """
        body { font-family: "TH Sarabun New", "TH SarabunPSK", "Sarabun", "Laksaman", "Noto Sans Thai", sans-serif; font-size: 18px; line-height: 1.4; margin: 1.5rem; color: #000; }
        h1 { font-size: 1.45em; text-align: center; margin: 0 0 1rem; line-height: 1.3; }
        h2 { font-size: 1.25em; margin: 1.5rem 0 .5rem; }
        .intro { text-indent: 2.5em; text-align: justify; }
        .as-of { text-align: right; }
        .files { background: #f2f5fa; border: 1px solid #c8d3e6; padding: .5rem .75rem; margin-bottom: 1rem; }
        .files a { margin-right: 1rem; white-space: nowrap; }
        .pages { margin: .5rem 0 1rem; line-height: 1.8; }
        .pages a, .pages strong { margin-right: .6rem; white-space: nowrap; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
        th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: break-word; }
        th { background: #d9d9d9; text-align: center; vertical-align: middle; }
        td p { margin: 0 0 .25em; }
        td.n { text-align: center; }
        tr.total td { font-weight: bold; }
        tr.issue-head { display: none; }
        td img.thumb { display: block; max-width: 100%; width: 160px; height: auto; max-height: 160px; object-fit: cover; border: 1px solid #999; margin: .15em 0; }
        table.measures th:nth-child(1) { width: 10%; } table.measures th:nth-child(2) { width: 16%; }
        table.measures th:nth-child(3) { width: 20%; } table.measures th:nth-child(4) { width: 8%; }
        table.measures th:nth-child(5) { width: 8%; } table.measures th:nth-child(6) { width: 14%; }
        table.measures th:nth-child(7) { width: 24%; }
        .signature { margin: 3rem 0 0 50%; text-align: center; }
        .signature p { margin: .25rem 0; }
        @media screen and (max-width: 699px) {
          body { margin: .75rem; font-size: 19px; }
          h1 { font-size: 1.25em; }
          .intro { text-indent: 1.5em; text-align: left; }
          table.measures, table.measures tbody, table.measures tr, table.measures td { display: block; width: auto; }
          table.measures thead, table.measures td.issue { display: none; }
          table.measures tr.issue-head { display: block; margin: 1.25rem 0 .5rem; }
          table.measures tr.issue-head th { display: block; width: auto; border: 0; border-left: 4px solid #36507a; background: #eef2f8; text-align: left; padding: .35rem .6rem; }
          table.measures tr.measure { border: 1px solid #8a94a6; border-radius: 8px; margin: 0 0 .9rem; padding: .5rem .75rem; }
          table.measures td { border: 0; padding: .2rem 0; }
          table.measures td::before { content: attr(data-label); display: block; font-size: .8em; color: #444; }
          table.measures td.title { font-weight: bold; }
          table.measures td.title::before { content: none; }
          table.summary thead { display: none; }
          table.summary, table.summary tbody, table.summary tr, table.summary td { display: block; width: auto; }
          table.summary tr { border: 1px solid #8a94a6; border-radius: 8px; margin: 0 0 .6rem; padding: .35rem .75rem; }
          table.summary td { border: 0; padding: .05rem 0; text-align: left; }
          table.summary td.n::before { content: attr(data-label) ": "; }
          table.summary td:first-child { font-weight: bold; }
          .signature { margin: 2rem 0 0; }
        }
        @page { size: A4 landscape; margin: 1.5cm; }
        @media print {
          body { margin: 0; font-size: 14pt; }
          .files { display: none; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; }
          a { color: inherit; }
          .signature { break-inside: avoid; }
        }
        """;

    /// <summary>Measures on one page: a round with more is split over pages a phone can still open (about 100 KB each).</summary>
    public const int MeasuresPerPage = 100;

    /// <summary>How many pages the report page is split over.</summary>
    public static int PageCount(RoundReport report) => Math.Max(1, (report.Measures.Count + MeasuresPerPage - 1) / MeasuresPerPage);

    /// <summary>The page (from 1) that shows the measure at <paramref name="index"/> in the report.</summary>
    public static int PageOf(int index) => index / MeasuresPerPage + 1;

    /// <summary>Writes page <paramref name="page"/> (from 1) as it is built, a group of measures at a time: a large round never sits in memory as one text.</summary>
    public static void Render(RoundReport report, Stream output, ReportFileLinks links, ReportsOptions? options = null, int page = 1)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        Write(report, writer, links, options, page);
    }

    public static string Render(RoundReport report, ReportFileLinks links, ReportsOptions? options = null, int page = 1)
    {
        using var writer = new StringWriter();
        Write(report, writer, links, options, page);
        return writer.ToString();
    }

    static void Write(RoundReport report, TextWriter output, ReportFileLinks links, ReportsOptions? options, int page)
    {
        options ??= new ReportsOptions();
        var pages = PageCount(report);
        if (page < 1 || page > pages) throw new ArgumentOutOfRangeException(nameof(page), page, $"the report has {pages} page(s)");
        var html = new StringBuilder(64 * 1024);
        var title = ReportText.Title(report);

        html.Append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append(pages > 1 ? E($" (หน้า {ThaiDigits.ToThai(page)})") : "").Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<nav class=\"files\">ดาวน์โหลด: ");
        if (links.Pdf is not null) html.Append(Anchor(links.Pdf, "PDF"));
        html.Append(Anchor(links.Docx, "Word (.docx)")).Append(Anchor(links.Xlsx, "Excel (.xlsx)"))
            .Append(Anchor(links.Csv, "CSV")).Append(Anchor(links.Json, "JSON"))
            .Append("</nav>\n");

        html.Append("<h1>").Append(E(ReportText.Heading)).Append(' ').Append(E(ReportText.OfOrganization(report.Organization.Name)))
            .Append("<br>").Append(E($"{ReportText.FiscalYear(report.Round.FiscalYear)} {ReportText.RoundName(report.Round)} {ReportText.RoundSpan(report.Round)}"))
            .Append("</h1>\n");
        html.Append("<p class=\"intro\">").Append(E(ReportText.Intro(report))).Append("</p>\n");
        html.Append("<p class=\"as-of\">").Append(E(ReportText.AsOf(report))).Append("</p>\n");

        if (pages > 1) AppendPages(html, report, links, page, pages);

        var labels = ReportText.ColumnHeaders.Select(h => h.Replace(ReportText.BreakHere.ToString(), "", StringComparison.Ordinal)).ToList();
        html.Append("<table class=\"measures\">\n<thead><tr>");
        foreach (var header in labels) html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        html.Append("</tr></thead>\n");
        var measures = report.Measures;
        var first = (page - 1) * MeasuresPerPage;
        var last = Math.Min(measures.Count, first + MeasuresPerPage);
        for (var start = first; start < last;)
        {
            // Measures that share an issue: one group, the issue once (a merged cell in the table, a heading over the cards).
            var issue = ReportTable.IssueKey(measures[start]);
            var end = start + 1;
            while (end < last && issue != "-" && ReportTable.IssueKey(measures[end]) == issue) end++;
            html.Append("<tbody>\n<tr class=\"issue-head\"><th colspan=\"").Append(labels.Count).Append("\" scope=\"rowgroup\">")
                .Append(E(issue).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</th></tr>\n");
            for (var i = start; i < end; i++)
            {
                var cells = ReportTable.Row(measures[i], report.Round, links, onPage: true);
                html.Append("<tr class=\"measure\" id=\"").Append(E(ReportTable.Anchor(measures[i]))).Append("\">");
                for (var c = 0; c < cells.Count; c++)
                {
                    if (c == ReportTable.IssueColumn)
                    {
                        if (i != start) continue;
                        html.Append("<td class=\"issue\"");
                        if (end - start > 1) html.Append(" rowspan=\"").Append(end - start).Append('"');
                        html.Append('>');
                    }
                    else
                    {
                        html.Append("<td data-label=\"").Append(E(labels[c])).Append('"').Append(c == 1 ? " class=\"title\"" : "").Append('>');
                    }
                    foreach (var line in cells[c]) AppendLine(html, line);
                    html.Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</tbody>\n");
            start = end;
            if (html.Length > 32 * 1024) { output.Write(html); html.Clear(); }
        }
        html.Append("</table>\n");

        if (page < pages)
        {
            // The summary and the signature close the document, on its last page.
            AppendPages(html, report, links, page, pages);
            html.Append("<p class=\"as-of\">").Append(Anchor(links.PageAddress(pages), "สรุปผลการดำเนินการและผู้รายงาน อยู่ที่หน้าสุดท้าย")).Append("</p>\n</body>\n</html>\n");
            output.Write(html);
            return;
        }
        if (pages > 1) AppendPages(html, report, links, page, pages);

        html.Append("<h2>สรุปผลการดำเนินการ</h2>\n");
        AppendSummary(html, ReportTable.SummaryHeaders(report.Round), ReportTable.SummaryRows(report));

        const string dots = "........................................";
        var name = string.IsNullOrWhiteSpace(options.CoordinatorName) ? dots : ReportText.Document(options.CoordinatorName.Trim());
        var position = string.IsNullOrWhiteSpace(options.CoordinatorPosition) ? dots : ReportText.Document(options.CoordinatorPosition.Trim());
        html.Append("<div class=\"signature\">")
            .Append("<p>ลงชื่อ ").Append(dots).Append(" ผู้รายงาน</p>")
            .Append("<p>( ").Append(E(name)).Append(" )</p>")
            .Append("<p>ตำแหน่ง ").Append(E(position)).Append("</p>")
            .Append("</div>\n</body>\n</html>\n");
        output.Write(html);
    }

    /// <summary>Links to every page of a split report, each with the measures it holds; the current page in bold.</summary>
    static void AppendPages(StringBuilder html, RoundReport report, ReportFileLinks links, int page, int pages)
    {
        html.Append("<nav class=\"pages\">หน้า ").Append(ThaiDigits.ToThai(page)).Append(" จาก ").Append(ThaiDigits.ToThai(pages))
            .Append(" (มาตรการทั้งสิ้น ").Append(ThaiDigits.ToThai(report.Measures.Count)).Append(" มาตรการ หน้าละ ").Append(ThaiDigits.ToThai(MeasuresPerPage)).Append("): ");
        for (var p = 1; p <= pages; p++)
        {
            var from = (p - 1) * MeasuresPerPage + 1;
            var to = Math.Min(report.Measures.Count, p * MeasuresPerPage);
            var label = $"{ThaiDigits.ToThai(from)}–{ThaiDigits.ToThai(to)}";
            if (p == page) html.Append("<strong>").Append(E(label)).Append("</strong> ");
            else html.Append(Anchor(links.PageAddress(p), label));
        }
        html.Append("</nav>\n");
    }

    static void AppendLine(StringBuilder html, CellLine line)
    {
        html.Append("<p>");
        if (line.Bold) html.Append("<strong>");
        if (line.Thumbnail is not null)
        {
            // No image library here: the thumbnail is the photo itself, scaled down by the browser (CSS above).
            if (line.Label is not null) html.Append(E(line.Label));
            html.Append("<a href=\"").Append(E(line.Link ?? line.Thumbnail)).Append("\"><img class=\"thumb\" loading=\"lazy\" src=\"")
                .Append(E(line.Thumbnail)).Append("\" alt=\"").Append(E(line.Text)).Append("\">").Append(E(line.Text)).Append("</a>");
        }
        else if (line.Link is not null && (IsWebAddress(line.Link) || IsOwnFile(line.Link)))
        {
            if (line.Label is not null) html.Append(E(line.Label));
            html.Append("<a href=\"").Append(E(line.Link)).Append("\" title=\"").Append(E(line.Link)).Append("\" rel=\"noopener noreferrer nofollow\">")
                .Append(E(line.Text)).Append("</a>");
        }
        else
            html.Append(E(line.Link is not null ? (line.Label ?? "") + line.Link : line.Printed).Replace("\n", "<br>", StringComparison.Ordinal));
        if (line.Bold) html.Append("</strong>");
        html.Append("</p>");
    }

    static void AppendSummary(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<SummaryRow> rows)
    {
        html.Append("<table class=\"summary\">\n<thead><tr>");
        foreach (var header in headers) html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append(row.Total ? "<tr class=\"total\">" : "<tr>");
            for (var i = 0; i < row.Cells.Count; i++)
                html.Append(i == 0 ? "<td>" : $"<td class=\"n\" data-label=\"{E(headers[i])}\">").Append(E(row.Cells[i])).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    static string Anchor(string href, string text) => $"<a href=\"{E(href)}\">{E(text)}</a> ";

    /// <summary>Only http(s) addresses become links: a "javascript:" evidence link is shown as text.</summary>
    static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <summary>The report's own evidence addresses, relative to the page ("6m/files/12/…").</summary>
    static bool IsOwnFile(string url) => !url.Contains(':') && url.Contains("/files/", StringComparison.Ordinal);

    static string E(string text) => Encoder.Encode(text);
}
