using Microsoft.Extensions.Options;

namespace ItaBot.Reports;

public enum ReportFormat { Html, Docx, Xlsx, Csv, Json, Pdf }

/// <summary>File names, content types and rendering of every report format.</summary>
public static class ReportFormats
{
    public static readonly IReadOnlyList<ReportFormat> All = Enum.GetValues<ReportFormat>();

    /// <summary>The formats ItaBot renders itself; the PDF needs LibreOffice (see <see cref="Pdf.ReportPdfs"/>).</summary>
    public static readonly IReadOnlyList<ReportFormat> Rendered = [.. All.Where(f => f != ReportFormat.Pdf)];

    public static string Extension(this ReportFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(this ReportFormat format) => format switch
    {
        ReportFormat.Html => HtmlReportRenderer.ContentType,
        ReportFormat.Docx => DocxReportRenderer.ContentType,
        ReportFormat.Xlsx => XlsxReportRenderer.ContentType,
        ReportFormat.Csv => CsvReportRenderer.ContentType,
        ReportFormat.Json => JsonReportRenderer.ContentType,
        ReportFormat.Pdf => "application/pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool TryParseExtension(string extension, out ReportFormat format)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Extension(), extension, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }
        format = default;
        return false;
    }

    /// <summary>
    /// ASCII file name, the same on every system and in every shell: "ita-report-2568-6m.docx"
    /// (custom rounds: "ita-report-2568-round42.docx").
    /// </summary>
    public static string FileName(ReportRound round, ReportFormat format)
    {
        var key = round.Key.CustomRoundId is { } id ? $"round{id}" : round.Key.ToString();
        return $"ita-report-{round.FiscalYear}-{key}.{format.Extension()}";
    }

    /// <summary>The name a person sees when downloading: "รายงานผล ITA เทศบาลตำบลเมืองจันทร์ 2568 รอบ 6 เดือน.docx".</summary>
    public static string DownloadName(RoundReport report, ReportFormat format)
    {
        var round = Thai.ThaiDigits.ToArabic(Tracking.RoundNames.Name(report.Round.Kind, report.Round.WindowStart, report.Round.WindowEnd));
        var name = $"รายงานผล ITA {report.Organization.Name} {report.Round.FiscalYear} {round}";
        return $"{Safe(name)}.{format.Extension()}";
    }

    /// <summary>"บันทึกขออนุญาตเผยแพร่ ITA เทศบาลตำบลเมืองจันทร์ 2568 รอบ 6 เดือน.docx".</summary>
    public static string MemoDownloadName(RoundReport report) =>
        Safe(DownloadName(report, ReportFormat.Docx).Replace("รายงานผล ITA", "บันทึกขออนุญาตเผยแพร่ ITA", StringComparison.Ordinal));

    static string Safe(string name) => string.Concat(name.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c) ? '-' : c)).Trim();
}

/// <summary>Renders a compiled report in any format with the configured signature block.</summary>
public sealed class ReportDocuments(IOptions<ReportsOptions> options)
{
    /// <param name="page">The page of the report page (<see cref="HtmlReportRenderer.PageCount"/>); the other formats are whole.</param>
    public void Write(RoundReport report, ReportFormat format, Stream output, ReportFileLinks links, int page = 1)
    {
        switch (format)
        {
            case ReportFormat.Html: HtmlReportRenderer.Render(report, output, links, options.Value, page); break;
            case ReportFormat.Docx: DocxReportRenderer.Render(report, output, options.Value, links); break;
            case ReportFormat.Xlsx: XlsxReportRenderer.Render(report, output, links); break;
            case ReportFormat.Csv: CsvReportRenderer.Render(report, output, links); break;
            case ReportFormat.Json: JsonReportRenderer.Render(report, output, links); break;
            default: throw new ArgumentOutOfRangeException(nameof(format), format, "the PDF is made by LibreOffice (Pdf.ReportPdfs)");
        }
    }

    /// <summary>
    /// The file written to a temporary file that deletes itself when closed, positioned at its start, for the server
    /// to stream out: a large round's file is never held in memory whole, and the renderers (which write
    /// synchronously) never write to the response itself.
    /// </summary>
    public FileStream WriteTemporary(RoundReport report, ReportFormat format, ReportFileLinks links, int page = 1)
    {
        var file = new FileStream(
            Path.Combine(Path.GetTempPath(), $"itabot-report-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            Write(report, format, file, links, page);
            file.Flush();
            file.Position = 0;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The approval memo (บันทึกข้อความ) for the round, as a Word file.</summary>
    public byte[] RenderMemo(RoundReport report, DateOnly date)
    {
        using var buffer = new MemoryStream();
        MemoDocxRenderer.Render(report, buffer, options.Value, date);
        return buffer.ToArray();
    }

    public byte[] Render(RoundReport report, ReportFormat format, ReportFileLinks links)
    {
        using var buffer = new MemoryStream();
        Write(report, format, buffer, links);
        return buffer.ToArray();
    }

    /// <summary>Links from the HTML page to its sibling files, relative so they work wherever the page is served or saved.</summary>
    public static ReportFileLinks SiblingLinks(string baseName, Uri? page = null, bool served = false, bool pdf = true) =>
        new($"{baseName}.docx", $"{baseName}.xlsx", $"{baseName}.csv", $"{baseName}.json")
        {
            PageName = baseName,
            Page = page,
            PageRelativeFiles = served ? $"{baseName}/files/" : null,
            Pdf = pdf ? $"{baseName}.pdf" : null,
        };

    /// <summary>The memo's file name beside the report's: "6m-memo.docx", "ita-report-2568-6m-memo.docx".</summary>
    public static string MemoName(string baseName) => baseName + "-memo.docx";
}
