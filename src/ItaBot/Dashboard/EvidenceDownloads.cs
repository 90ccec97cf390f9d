using ItaBot.Tracking.Evidence;
using Microsoft.Net.Http.Headers;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/evidence/{id}/{name}</c>: any entry's evidence file, for signed-in administrators only (the measure
/// page's thumbnails and downloads). The public may reach a file only through the report of a round its entry
/// counts for (<c>/r/…/files/…</c>); this address serves the rest — an open round's, a later correction's — to
/// the people who check them.
/// </summary>
public static class EvidenceDownloads
{
    public const string Prefix = "/admin/evidence/";

    public static string PathOf(EvidenceFileInfo file) => $"{Prefix}{file.Id}/{Uri.EscapeDataString(file.FileName)}";

    public static void MapEvidenceDownloads(this WebApplication app) =>
        app.MapGet(Prefix + "{id:long}/{name?}", async (long id, HttpContext http, EvidenceFiles evidence, CancellationToken ct) =>
        {
            if (await evidence.OpenAsync(id, ct) is not var (info, content)) return Results.NotFound();
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            // Whatever a file holds, it never runs as a page of this site.
            headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            headers.CacheControl = "private, no-store";
            var disposition = new ContentDispositionHeaderValue(info.Kind == EvidenceKind.Image ? "inline" : "attachment");
            disposition.SetHttpFileName(info.FileName);
            headers.ContentDisposition = disposition.ToString();
            headers.ContentLength = info.Length;
            return Results.Stream(content, info.ContentType);
        }).RequireAuthorization(DashboardSetup.Policy);
}
