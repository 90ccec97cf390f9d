using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;

namespace ItaBot.Web;

/// <summary>
/// Server-rendered pages (Razor Pages, anywhere in the project, each with its own <c>@page</c> route), the forms'
/// anti-forgery cookie, and the pages' own CSS and scripts, embedded in the assembly and served same-origin
/// from <c>/assets/</c> (nothing to build, nothing loaded from elsewhere).
/// </summary>
public static class WebSetup
{
    /// <summary>The anti-forgery cookie of every page and form (dashboard, simulator, report form).</summary>
    public const string AntiforgeryCookie = "ItaBot.Antiforgery";

    /// <summary>The hidden field that carries the anti-forgery token in every form.</summary>
    public const string AntiforgeryField = "__csrf";

    public static IHostApplicationBuilder AddWebPages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o => o.RootDirectory = "/")
            // The app has no MVC controllers; looking for them would load every type of the app (and Open XML, which
            // some of them name) at the first request, for nothing (start-up memory, bench … startup).
            .ConfigureApplicationPartManager(parts =>
            {
                foreach (var controllers in parts.FeatureProviders.OfType<ControllerFeatureProvider>().ToList())
                    parts.FeatureProviders.Remove(controllers);
            });
        // Thai written as Thai in the HTML, not as &#xE01; entities (still encoded where HTML needs it).
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // The anti-forgery tokens are signed with keys every instance shares (kept in the app's database).
        builder.Services.AddSharedDataProtection();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie = new LocalAwareCookieBuilder { Name = AntiforgeryCookie, HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true };
            o.FormFieldName = AntiforgeryField;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        return builder;
    }

    public static WebApplication MapWebPages(this WebApplication app)
    {
        app.MapGet("/assets/{name}", (string name, HttpContext http) =>
        {
            if (Assets.Find(name) is not { } asset) return Results.NotFound();
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.ETag = asset.ETag;
            if (http.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
            return Results.Bytes(asset.Bytes, asset.ContentType);
        });
        app.MapRazorPages();
        return app;
    }

    static class Assets
    {
        public sealed record Asset(byte[] Bytes, string ContentType, string ETag);

        static readonly Lazy<Dictionary<string, Asset>> All = new(() =>
        {
            var assembly = typeof(WebSetup).Assembly;
            var all = new Dictionary<string, Asset>(StringComparer.Ordinal);
            foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith("assets/", StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                var bytes = buffer.ToArray();
                var type = Path.GetExtension(resource) switch
                {
                    ".css" => "text/css; charset=utf-8",
                    ".js" => "text/javascript; charset=utf-8",
                    ".svg" => "image/svg+xml",
                    ".png" => "image/png",
                    _ => "application/octet-stream",
                };
                all[resource["assets/".Length..]] = new Asset(bytes, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
            }
            return all;
        });

        public static Asset? Find(string name) => All.Value.GetValueOrDefault(name);
    }
}

/// <summary>
/// Cookies marked Secure, except over plain http on this machine itself (a developer trying the bot at
/// http://localhost): browsers would drop a Secure cookie there, and nothing on loopback crosses a network.
/// </summary>
public sealed class LocalAwareCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = context.Request.IsHttps || !IsPlainLocal(context);
        return options;
    }

    static bool IsPlainLocal(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null) return false;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return System.Net.IPAddress.IsLoopback(remote) && context.Request.Host.Host is "localhost" or "127.0.0.1" or "[::1]" or "::1";
    }
}
