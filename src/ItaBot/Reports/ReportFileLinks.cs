namespace ItaBot.Reports;

/// <summary>
/// Where a rendered report points: its sibling files (relative, so a saved page keeps working), the page's
/// absolute address when known (a cut cell's "…ดูเพิ่มเติม" and evidence links in downloaded files need it), and
/// evidence files, which are only ever served at the report's own address (<c>{page}/files/{id}/{name}</c>).
/// </summary>
public sealed record ReportFileLinks(string Docx, string Xlsx, string Csv, string Json)
{
    /// <summary>The PDF beside the page ("6m.pdf"); null where none can be made (no LibreOffice, or the CLI was not asked for one).</summary>
    public string? Pdf { get; init; }

    /// <summary>The report page's absolute address; null when unknown (the CLI without <c>Reports:PublicBaseUrl</c>).</summary>
    public Uri? Page { get; init; }

    /// <summary>Evidence address prefix relative to the page itself ("6m/files/"), for the page served on the web.</summary>
    public string? PageRelativeFiles { get; init; }

    /// <summary>An evidence file's address: relative on the served page, absolute in documents; null when no address is known.</summary>
    public string? EvidenceFile(EvidenceFileLine file, bool onPage = false)
    {
        var tail = $"{file.Id}/{Uri.EscapeDataString(file.FileName)}";
        if (onPage && PageRelativeFiles is not null) return PageRelativeFiles + tail;
        return Page is null ? null : $"{Page.AbsoluteUri.TrimEnd('/')}/files/{tail}";
    }

    /// <summary>The report page's own name, relative ("6m"), for links between the pages of a large round.</summary>
    public string PageName { get; init; } = "6m";

    /// <summary>The pages are saved files beside each other (the CLI), not pages the server serves.</summary>
    public bool PagesAreFiles { get; init; }

    /// <summary>Page <paramref name="page"/> of the report page, relative to it: served "6m", "6m?page=2"; saved "….html", "…-page2.html".</summary>
    public string PageAddress(int page) => PagesAreFiles
        ? (page <= 1 ? $"{PageName}.html" : $"{PageName}-page{page}.html")
        : (page <= 1 ? PageName : $"{PageName}?page={page}");

    /// <summary>
    /// The row of the measure at <paramref name="index"/> on the report page, where its full text is (null when the
    /// page's address is unknown); a large round's page is split (<see cref="HtmlReportRenderer.PageOf"/>).
    /// </summary>
    public string? FullText(MeasureLine measure, int index)
    {
        if (Page is null) return null;
        var page = HtmlReportRenderer.PageOf(index);
        return $"{Page.AbsoluteUri}{(page > 1 ? $"?page={page}" : "")}#{ReportTable.Anchor(measure)}";
    }
}
