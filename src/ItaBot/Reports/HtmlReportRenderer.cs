using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ItaBot.Reports;

/// <summary>Where the page's download links point: sibling URLs on the web, sibling files from the CLI.</summary>
public sealed record ReportFileLinks(string Docx, string Xlsx, string Csv, string Json);

/// <summary>
/// The report as one self-contained page (no scripts, no outside resources) that the agency links
/// from its website and assessors open; it prints as A4 landscape with the table header on every page.
/// </summary>
public static class HtmlReportRenderer
{
    public const string ContentType = "text/html; charset=utf-8";

    // Keeps Thai readable in the source while still escaping markup characters.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    const string Style = """
        body { font-family: "TH Sarabun New", "TH SarabunPSK", "Sarabun", "Laksaman", "Noto Sans Thai", sans-serif; font-size: 18px; line-height: 1.35; margin: 1.5rem; color: #000; }
        h1 { font-size: 1.45em; text-align: center; margin: 0 0 1rem; }
        h2 { font-size: 1.25em; margin: 1.5rem 0 .5rem; }
        .intro { text-indent: 2.5em; text-align: justify; }
        .as-of { text-align: right; }
        .files { background: #f2f5fa; border: 1px solid #c8d3e6; padding: .5rem .75rem; margin-bottom: 1rem; }
        .files a { margin-right: 1rem; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
        th, td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        th { background: #d9d9d9; text-align: center; vertical-align: middle; }
        td p { margin: 0 0 .25em; }
        td.n { text-align: center; }
        table.measures th:nth-child(1) { width: 10%; } table.measures th:nth-child(2) { width: 13%; }
        table.measures th:nth-child(3) { width: 17%; } table.measures th:nth-child(4) { width: 9%; }
        table.measures th:nth-child(5) { width: 8%; } table.measures th:nth-child(6) { width: 13%; }
        table.measures th:nth-child(7) { width: 19%; } table.measures th:nth-child(8) { width: 11%; }
        table.summary { width: auto; min-width: 50%; }
        .signature { margin: 3rem 0 0 50%; text-align: center; }
        .signature p { margin: .25rem 0; }
        @page { size: A4 landscape; margin: 1.5cm; }
        @media print {
          body { margin: 0; font-size: 14pt; }
          .files { display: none; }
          thead { display: table-header-group; }
          tr { break-inside: auto; }
          a { color: inherit; }
          .signature { break-inside: avoid; }
        }
        """;

    public static void Render(RoundReport report, Stream output, ReportFileLinks links, ReportsOptions? options = null)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true);
        writer.Write(Render(report, links, options));
    }

    public static string Render(RoundReport report, ReportFileLinks links, ReportsOptions? options = null)
    {
        options ??= new ReportsOptions();
        var html = new StringBuilder(64 * 1024 + report.Measures.Count * 2048);
        var title = ReportText.Title(report);

        html.Append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");

        html.Append("<nav class=\"files\">ดาวน์โหลด: ")
            .Append(Anchor(links.Docx, "Word (.docx)")).Append(Anchor(links.Xlsx, "Excel (.xlsx)"))
            .Append(Anchor(links.Csv, "CSV")).Append(Anchor(links.Json, "JSON"))
            .Append("</nav>\n");

        html.Append("<h1>").Append(E(ReportText.Heading)).Append(' ').Append(E(ReportText.OfOrganization(report.Organization.Name)))
            .Append("<br>").Append(E($"{ReportText.FiscalYear(report.Round.FiscalYear)} {ReportText.RoundName(report.Round)} {ReportText.RoundSpan(report.Round)}"))
            .Append("</h1>\n");
        html.Append("<p class=\"intro\">").Append(E(ReportText.Intro(report))).Append("</p>\n");
        html.Append("<p class=\"as-of\">").Append(E(ReportText.AsOf(report))).Append("</p>\n");

        html.Append("<table class=\"measures\">\n<thead><tr>");
        foreach (var header in ReportText.ColumnHeaders) html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var measure in report.Measures)
        {
            html.Append("<tr id=\"").Append(E("m-" + measure.Code)).Append("\">");
            foreach (var cell in ReportTable.Row(measure, report.Round))
            {
                html.Append("<td>");
                foreach (var line in cell) AppendLine(html, line);
                html.Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");

        html.Append("<h2>สรุปผลการดำเนินการ</h2>\n");
        AppendTable(html, ReportTable.SummaryHeaders(report.Round), ReportTable.SummaryRows(report).Select(r => r.Cells));

        const string dots = "........................................";
        var name = string.IsNullOrWhiteSpace(options.CoordinatorName) ? dots : ReportText.Document(options.CoordinatorName.Trim());
        var position = string.IsNullOrWhiteSpace(options.CoordinatorPosition) ? dots : ReportText.Document(options.CoordinatorPosition.Trim());
        html.Append("<div class=\"signature\">")
            .Append("<p>ลงชื่อ ").Append(dots).Append(" ผู้รายงาน</p>")
            .Append("<p>( ").Append(E(name)).Append(" )</p>")
            .Append("<p>ตำแหน่ง ").Append(E(position)).Append("</p>")
            .Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    static void AppendLine(StringBuilder html, CellLine line)
    {
        html.Append("<p>");
        if (line.Bold) html.Append("<strong>");
        if (line.Link is not null && IsWebAddress(line.Link))
            html.Append("<a href=\"").Append(E(line.Link)).Append("\" rel=\"noopener noreferrer nofollow\">").Append(E(line.Text)).Append("</a>");
        else
            html.Append(E(line.Text).Replace("\n", "<br>", StringComparison.Ordinal));
        if (line.Bold) html.Append("</strong>");
        html.Append("</p>");
    }

    static void AppendTable(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<table class=\"summary\">\n<thead><tr>");
        foreach (var header in headers) html.Append("<th scope=\"col\">").Append(E(header)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                html.Append(i == 0 ? "<td>" : "<td class=\"n\">").Append(E(row[i])).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    static string Anchor(string href, string text) => $"<a href=\"{E(href)}\">{E(text)}</a>";

    /// <summary>Only http(s) addresses become links: a "javascript:" evidence link is shown as text.</summary>
    static bool IsWebAddress(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    static string E(string text) => Encoder.Encode(text);
}
