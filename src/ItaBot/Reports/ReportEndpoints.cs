using ItaBot.Data;
using ItaBot.Reports.Pdf;
using ItaBot.Thai;
using ItaBot.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ItaBot.Reports;

/// <summary>
/// The public report page and files at <c>/r/{token}/{year}/{round}[.pdf|.docx|.xlsx|.csv|.json]</c>, and the
/// approval memo at <c>/r/{token}/{year}/{round}-memo.docx</c>.
/// </summary>
public static class ReportEndpoints
{
    const string MemoSuffix = "-memo";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/r/{token}/{year}/{file}", GetReportAsync).AllowAnonymous();
        app.MapGet("/r/{token}/{year}/{round}/files/{id}/{name?}", GetEvidenceAsync).AllowAnonymous();
        return app;
    }

    static async Task<IResult> GetReportAsync(
        string token, string year, string file, HttpContext http,
        ItaBotDb db, RoundReportCompiler compiler, ReportDocuments documents, ReportPdfs pdfs, ReportUrls urls, TimeProvider time, CancellationToken ct)
    {
        var (roundText, format) = SplitFile(file);
        var memo = format == ReportFormat.Docx && roundText.EndsWith(MemoSuffix, StringComparison.Ordinal);
        if (memo) roundText = roundText[..^MemoSuffix.Length];
        if (!IsTokenShaped(token) || format is null
            || !ThaiDigits.TryParseInt(year, out var fiscalYear) || fiscalYear is < 2400 or > 2800
            || !RoundKey.TryParse(roundText, out var key))
            return ReportNotices.NotFound();

        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.PublicToken == token)
            .Select(o => new { o.Id })
            .SingleOrDefaultAsync(ct);
        if (organization is null) return ReportNotices.NotFound();

        var report = await compiler.CompileAsync(organization.Id, fiscalYear, key, ct);
        if (report is null) return ReportNotices.NotFound();

        var headers = http.Response.Headers;
        // An open round changes with every answer; browsers must check again instead of showing a stale copy.
        headers.CacheControl = "no-cache";
        // The token is the secret part of the address: do not hand it to the sites the evidence links lead to.
        headers["Referrer-Policy"] = "no-referrer";

        var baseName = report.Round.Key.ToString();
        var page = urls.For(report, http.Request)?.Page;
        if (memo)
        {
            var today = DateOnly.FromDateTime(Bangkok.ToBangkok(time.GetUtcNow().UtcDateTime));
            return Download(http, documents.RenderMemo(report, today), ReportFormat.Docx, ReportFormats.MemoDownloadName(report));
        }
        if (format == ReportFormat.Pdf)
        {
            var docx = documents.Render(report, ReportFormat.Docx, ReportDocuments.SiblingLinks(baseName, page));
            var outcome = await pdfs.GetAsync(report.Round.Id, docx, ct);
            return outcome.State switch
            {
                PdfState.Ready => Download(http, outcome.Pdf!, ReportFormat.Pdf, ReportFormats.DownloadName(report, ReportFormat.Pdf), inline: true),
                PdfState.Unavailable => ReportNotices.PdfUnavailable(baseName),
                PdfState.Preparing => ReportNotices.PdfPreparing(baseName, 5),
                PdfState.Busy => ReportNotices.PdfBusy(baseName, 30),
                _ => ReportNotices.PdfFailed(baseName, outcome.Problem ?? ""),
            };
        }

        var links = ReportDocuments.SiblingLinks(baseName, page, served: true, pdf: pdfs.IsAvailable);
        if (format == ReportFormat.Html)
        {
            // A large round's page is split (?page=2 …): a phone cannot open one page of thousands of measures.
            var pageNumber = 1;
            if (http.Request.Query.TryGetValue("page", out var asked)
                && (!int.TryParse(asked.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out pageNumber)
                    || pageNumber < 1 || pageNumber > HtmlReportRenderer.PageCount(report)))
                return ReportNotices.NotFound();
            // The page's one inline stylesheet, by its hash; nothing else.
            headers.ContentSecurityPolicy = SecurityHeaders.InlineStylePolicy(HtmlReportRenderer.Style);
            return Streamed(http, documents.WriteTemporary(report, ReportFormat.Html, links, pageNumber), ReportFormat.Html.ContentType());
        }
        var rendered = documents.WriteTemporary(report, format.Value, links);
        SetDisposition(http, ReportFormats.DownloadName(report, format.Value), report.Round, format.Value, inline: false);
        return Streamed(http, rendered, format.Value.ContentType());
    }

    /// <summary>A rendered file streamed out of its temporary file, which is deleted when the response is done.</summary>
    static IResult Streamed(HttpContext http, FileStream file, string contentType)
    {
        http.Response.RegisterForDisposeAsync(file);
        http.Response.Headers.ContentLength = file.Length;
        return Results.Stream(file, contentType);
    }

    static IResult Download(HttpContext http, byte[] bytes, ReportFormat format, string name, ReportRound? round = null, bool inline = false)
    {
        SetDisposition(http, name, round, format, inline);
        return Results.Bytes(bytes, format.ContentType());
    }

    static void SetDisposition(HttpContext http, string name, ReportRound? round, ReportFormat format, bool inline)
    {
        // A PDF opens in the browser, as assessors expect of a published document; the other files download.
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(name);
        // The plain filename is for old clients that ignore filename*; make it readable rather than underscores.
        disposition.FileName = round is null ? AsciiName(name) : ReportFormats.FileName(round, format);
        http.Response.Headers.ContentDisposition = disposition.ToString();
    }

    static string AsciiName(string name) =>
        string.Concat(name.Select(c => char.IsAscii(c) && !char.IsControl(c) && c != '"' ? c : '_'));

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
            return ReportNotices.NotFound();
        var organization = await db.Organizations.AsNoTracking().Where(o => o.PublicToken == token).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        if (organization is null || await compiler.FindRoundAsync(organization.Value, fiscalYear, key, ct) is not { } found) return ReportNotices.NotFound();

        var counted = Tracking.RoundWindows.Counted(db.StatusReports.AsNoTracking(), found, Tracking.RoundWindows.CutOffUtc(found, time.GetUtcNow().UtcDateTime));
        if (!await db.EvidenceFiles.AnyAsync(f => f.Id == fileId && counted.Any(s => s.Id == f.StatusReportId), ct)) return ReportNotices.NotFound();
        if (await evidence.OpenAsync(fileId, ct) is not var (info, content)) return ReportNotices.NotFound();

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
}
