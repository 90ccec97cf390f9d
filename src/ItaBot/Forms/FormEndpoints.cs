using System.Security.Cryptography;
using ItaBot.Line;
using ItaBot.Thai;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ItaBot.Forms;

/// <summary>
/// <c>GET /f/{token}</c> shows the report form, <c>POST /f/{token}</c> previews or saves it; <c>/f</c> is the LIFF
/// endpoint (the SDK forwards to the form). The token is the link's secret: these routes never log it, tell the
/// browser not to pass it on (no referrer), and pages are never cached.
/// </summary>
public static class FormEndpoints
{
    public const string LiffSdk = "https://static.line-scdn.net/liff/edge/2/sdk.js";

    public static IEndpointRouteBuilder MapFormEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/f/form.js", () => Results.Text(FormScript.Source, "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet("/f", LiffEndpoint).AllowAnonymous();
        app.MapGet("/f/{token}", ShowAsync).AllowAnonymous();
        app.MapPost("/f/{token}", PostAsync).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    static async Task<IResult> ShowAsync(string token, HttpContext http, ReportForm form, IAntiforgery antiforgery, IOptions<LineOptions> line, CancellationToken ct)
    {
        Secure(http, line.Value.LiffId);
        var (target, refusal) = await form.OpenAsync(token, ct);
        if (target is null) return Page(FormPage.Refused(refusal!), refusal!.Status);
        return Page(FormPage.Render(target, NewState(http, antiforgery, _ => null, [], line.Value.LiffId)));
    }

    static async Task<IResult> PostAsync(
        string token, HttpContext http, ReportForm form, IAntiforgery antiforgery, IOptions<LineOptions> line, IOptions<FormsOptions> options,
        ILineIdentity identity, TimeProvider time, CancellationToken ct)
    {
        var liffId = line.Value.LiffId;
        Secure(http, liffId);
        var (target, refusal) = await form.OpenAsync(token, ct);
        if (target is null) return Page(FormPage.Refused(refusal!), refusal!.Status);
        // No antiforgery cookie means the post did not come from this form: refuse before reading a byte of it.
        if (!http.Request.Cookies.ContainsKey(Web.WebSetup.AntiforgeryCookie)) return Page(FormPage.Refused(Forged()), StatusCodes.Status400BadRequest);

        await using var upload = await FormUpload.ReadAsync(http.Request, options.Value.UploadTimeout, time, ct);
        if (upload.Refusal is not null)
            return Page(FormPage.Render(target, NewState(http, antiforgery, upload.Field, [upload.Refusal], liffId, filesDropped: true)), upload.RefusalStatus);

        http.Features.Set<IFormFeature>(new FormFeature(new FormCollection(upload.Fields)));
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Page(FormPage.Refused(Forged()), StatusCodes.Status400BadRequest);
        }

        if (liffId is not null)
        {
            var idToken = upload.Field(FormFields.IdToken);
            if (string.IsNullOrEmpty(idToken) && options.Value.RequireLineIdentity)
                return Page(FormPage.Refused(new FormRefusal(StatusCodes.Status403Forbidden, "ต้องเปิดผ่าน LINE",
                    "กรุณาเปิดลิงก์นี้จากแชท LINE (แอป LINE) แล้วส่งอีกครั้ง เพื่อยืนยันว่าเป็นผู้ที่ขอลิงก์")), StatusCodes.Status403Forbidden);
            if (!string.IsNullOrEmpty(idToken) && await identity.VerifyAsync(idToken, liffId, ct) is var opener && opener != target.Link.UserId)
                return Page(FormPage.Refused(new FormRefusal(StatusCodes.Status403Forbidden, "ลิงก์นี้ออกให้ผู้อื่น",
                    "บัญชี LINE ที่เปิดหน้านี้ไม่ใช่ผู้ที่ขอลิงก์ กรุณาให้ผู้รับผิดชอบกดปุ่ม \"รายงานรายละเอียด\" ในแชทด้วยตนเอง")), StatusCodes.Status403Forbidden);
        }

        var draft = FormDraft.Read(upload.Field);
        var errors = ReportForm.Check(target, draft).ToList();
        var fileNames = upload.Files.Select(f => f.FileName).ToList();
        var previewOnly = upload.Field(FormFields.Action) == "preview";
        if (previewOnly && http.Request.Headers.ContainsKey("X-Preview"))
            return Results.Content(FormPage.Preview(target, draft, fileNames, time.Today()), FormPage.ContentType);
        if (previewOnly || errors.Count > 0)
        {
            var preview = FormPage.Preview(target, draft, fileNames, time.Today());
            return Page(FormPage.Render(target, NewState(http, antiforgery, upload.Field, previewOnly ? [] : errors, liffId, preview, filesDropped: upload.Files.Count > 0)),
                errors.Count > 0 && !previewOnly ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
        }

        var key = upload.Field(FormFields.Submission);
        if (key is not { Length: >= 16 and <= 64 }) return Page(FormPage.Refused(Forged()), StatusCodes.Status400BadRequest);
        var saved = await form.SaveAsync(target, draft, upload.Files, key, ct);
        return Page(FormPage.Saved(target, liffId, again: !saved));
    }

    /// <summary>The LIFF app's endpoint: LINE opens it with the form's path in <c>liff.state</c>, and the SDK forwards there.</summary>
    static IResult LiffEndpoint(HttpContext http, IOptions<LineOptions> line)
    {
        if (line.Value.LiffId is not { } liffId) return Results.NotFound();
        Secure(http, liffId);
        return Page($"""
            <!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>กำลังเปิดแบบฟอร์ม…</title>
            <script src="{LiffSdk}" defer></script><script src="/f/form.js" defer></script></head>
            <body data-liff-id="{System.Net.WebUtility.HtmlEncode(liffId)}" style="font-family: sans-serif; margin: 2rem;"><p>กำลังเปิดแบบฟอร์มรายงาน…</p></body></html>
            """);
    }

    static FormState NewState(HttpContext http, IAntiforgery antiforgery, Func<string, string?> field, IReadOnlyList<string> errors, string? liffId,
        string? preview = null, bool filesDropped = false)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        // A key made when the page is drawn: the same page sent twice is saved once.
        var submission = field(FormFields.Submission) is { Length: >= 16 and <= 64 } kept ? kept : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return new FormState(field, errors, tokens.FormFieldName, tokens.RequestToken!, submission, liffId, preview, filesDropped);
    }

    static void Secure(HttpContext http, string? liffId)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        var line = liffId is null ? "" : " https://static.line-scdn.net";
        var connect = liffId is null ? "'self'" : "'self' https://*.line.me https://*.line-scdn.net";
        headers.ContentSecurityPolicy = $"default-src 'none'; script-src 'self'{line}; style-src 'unsafe-inline'; img-src 'self' data:; connect-src {connect}; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    static FormRefusal Forged() => new(StatusCodes.Status400BadRequest, "ส่งแบบฟอร์มไม่สำเร็จ",
        "หน้าแบบฟอร์มนี้เก่าเกินไปหรือไม่ได้มาจากลิงก์ของคุณ กรุณาเปิดลิงก์จากแชท LINE อีกครั้งแล้วกรอกใหม่");

    static IResult Page(string html, int status = StatusCodes.Status200OK) => Results.Content(html, FormPage.ContentType, System.Text.Encoding.UTF8, status);
}
