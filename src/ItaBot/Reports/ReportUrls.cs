using System.Globalization;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports;

/// <summary>Absolute addresses of one round report: the page and its files.</summary>
public sealed record ReportLinks(Uri Page, Uri Docx, Uri Xlsx, Uri Csv, Uri Json, Uri Pdf, Uri Memo)
{
    public Uri For(ReportFormat format) => format switch
    {
        ReportFormat.Html => Page,
        ReportFormat.Docx => Docx,
        ReportFormat.Xlsx => Xlsx,
        ReportFormat.Csv => Csv,
        ReportFormat.Json => Json,
        ReportFormat.Pdf => Pdf,
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>
/// The public, stable and unguessable address of a round report: <c>/r/{organization token}/{year}/{round}</c>
/// for the page, with <c>.pdf</c>, <c>.docx</c>, <c>.xlsx</c>, <c>.csv</c>, <c>.json</c> for the files and
/// <c>-memo.docx</c> for the approval memo. This address is
/// what the agency puts on its website and what the assessors score, so it never changes for a round.
/// </summary>
public sealed class ReportUrls(IOptions<ReportsOptions> options)
{
    public static string PagePath(string token, int fiscalYear, RoundKey round) =>
        $"/r/{Uri.EscapeDataString(token)}/{fiscalYear.ToString(CultureInfo.InvariantCulture)}/{round}";

    public static ReportLinks Build(Uri baseUrl, string token, int fiscalYear, RoundKey round)
    {
        // A base with a path (https://host/itabot) keeps its path: links go under it.
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        var page = PagePath(token, fiscalYear, round).TrimStart('/');
        Uri At(string suffix) => new(root, page + suffix);
        return new ReportLinks(At(""), At(".docx"), At(".xlsx"), At(".csv"), At(".json"), At(".pdf"), At("-memo.docx"));
    }

    /// <summary>
    /// Links for chat and for the CLI: built from <c>Reports:PublicBaseUrl</c>, else from the request
    /// being answered; null when neither is known (LINE only accepts absolute addresses).
    /// </summary>
    public ReportLinks? For(RoundReport report, HttpRequest? request = null)
    {
        var baseUrl = options.Value.PublicBaseUrl
            ?? (request is not null ? BaseUrl(request) : null);
        return baseUrl is null ? null : Build(baseUrl, report.Organization.PublicToken, report.Round.FiscalYear, report.Round.Key);
    }

    /// <summary><c>Reports:PublicBaseUrl</c>, else the address the request came to.</summary>
    public Uri BaseUrl(HttpRequest request) =>
        options.Value.PublicBaseUrl ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
}
