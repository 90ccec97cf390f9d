using System.Text;
using ItaBot.Data;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ItaBot.Reports;

/// <summary>The public report page and files at <c>/r/{token}/{year}/{round}[.docx|.xlsx|.csv|.json]</c>.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{token}/{year}/{file}", GetReportAsync).AllowAnonymous();
        app.MapGet("/r/{token}/{year}/{round}/files/{id}/{name?}", GetEvidenceAsync).AllowAnonymous();
        return app;
    }

    static async Task<IResult> GetReportAsync(
        string token, string year, string file, HttpContext http,
        ItaBotDb db, RoundReportCompiler compiler, ReportDocuments documents, ReportUrls urls, CancellationToken ct)
    {
        var (roundText, format) = SplitFile(file);
        if (!IsTokenShaped(token) || format is null
            || !ThaiDigits.TryParseInt(year, out var fiscalYear) || fiscalYear is < 2400 or > 2800
            || !RoundKey.TryParse(roundText, out var key))
            return NotFound();

        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.PublicToken == token)
            .Select(o => new { o.Id })
            .SingleOrDefaultAsync(ct);
        if (organization is null) return NotFound();

        var report = await compiler.CompileAsync(organization.Id, fiscalYear, key, ct);
        if (report is null) return NotFound();

        var headers = http.Response.Headers;
        // An open round changes with every answer; browsers must check again instead of showing a stale copy.
        headers.CacheControl = "no-cache";
        // The token is the secret part of the address: do not hand it to the sites the evidence links lead to.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";

        var baseName = report.Round.Key.ToString();
        var links = ReportDocuments.SiblingLinks(baseName, urls.For(report, http.Request)?.Page, served: true);
        var bytes = documents.Render(report, format.Value, links);
        if (format == ReportFormat.Html)
        {
            // Evidence thumbnails are the report's own files, served beside the page.
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
            return Results.Bytes(bytes, ReportFormat.Html.ContentType());
        }

        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(ReportFormats.DownloadName(report, format.Value));
        // The plain filename is for old clients that ignore filename*; make it readable rather than underscores.
        disposition.FileName = ReportFormats.FileName(report.Round, format.Value);
        headers.ContentDisposition = disposition.ToString();
        return Results.Bytes(bytes, format.Value.ContentType());
    }

    /// <summary>
    /// An evidence file, served only at the address of a report it is part of: the file's entry must count for
    /// that round (its window, up to its cut-off), so a file is never reachable through another round's address.
    /// Images show inline (thumbnails); documents download.
    /// </summary>
    static async Task<IResult> GetEvidenceAsync(
        string token, string year, string round, string id, HttpContext http,
        ItaBotDb db, RoundReportCompiler compiler, Tracking.Evidence.EvidenceFiles evidence, TimeProvider time, CancellationToken ct)
    {
        if (!IsTokenShaped(token) || !ThaiDigits.TryParseInt(year, out var fiscalYear) || fiscalYear is < 2400 or > 2800
            || !RoundKey.TryParse(round, out var key) || !long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fileId))
            return NotFound();
        var organization = await db.Organizations.AsNoTracking().Where(o => o.PublicToken == token).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        if (organization is null || await compiler.FindRoundAsync(organization.Value, fiscalYear, key, ct) is not { } found) return NotFound();

        var counted = Tracking.RoundWindows.Counted(db.StatusReports.AsNoTracking(), found, Tracking.RoundWindows.CutOffUtc(found, time.GetUtcNow().UtcDateTime));
        if (!await db.EvidenceFiles.AnyAsync(f => f.Id == fileId && counted.Any(s => s.Id == f.StatusReportId), ct)) return NotFound();
        if (await evidence.OpenAsync(fileId, ct) is not var (info, content)) return NotFound();

        var headers = http.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Whatever a file holds, it never runs as a page of this site.
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        headers.CacheControl = "private, max-age=86400";
        var disposition = new ContentDispositionHeaderValue(info.Kind == Tracking.Evidence.EvidenceKind.Image ? "inline" : "attachment");
        disposition.SetHttpFileName(info.FileName);
        headers.ContentDisposition = disposition.ToString();
        headers.ContentLength = info.Length;
        return Results.Stream(content, info.ContentType);
    }

    /// <summary>"6m" is the page; "6m.docx" a file of it. Round keys never contain a dot.</summary>
    static (string Round, ReportFormat? Format) SplitFile(string file)
    {
        var dot = file.LastIndexOf('.');
        if (dot < 0) return (file, ReportFormat.Html);
        return ReportFormats.TryParseExtension(file[(dot + 1)..], out var format) && format != ReportFormat.Html
            ? (file[..dot], format)
            : (file, null);
    }

    static bool IsTokenShaped(string token) =>
        token.Length is >= 16 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    static IResult NotFound() => Results.Content(NotFoundPage, "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);

    const string NotFoundPage = """
        <!DOCTYPE html>
        <html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>ไม่พบรายงาน</title></head>
        <body style="font-family: 'TH Sarabun New', 'Sarabun', sans-serif; font-size: 20px; margin: 2rem;">
        <h1>ไม่พบรายงานที่ขอ</h1>
        <p>ลิงก์อาจพิมพ์ไม่ครบ หรือยังไม่ได้เปิดรอบรายงานนี้ กรุณาขอลิงก์ใหม่จากผู้ประสานงาน ITA ของหน่วยงาน</p>
        <p lang="en">Report not found. The link may be incomplete, or this round has not been opened.</p>
        </body></html>
        """;
}
