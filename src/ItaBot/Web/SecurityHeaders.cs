using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ItaBot.Web;

/// <summary>
/// Headers every response carries, whatever answered it (report pages and files, the LINE webhook, JSON, errors):
/// no content-type sniffing, a content security policy, no framing by other sites, no referrer, and no
/// <c>Server</c> header naming the software.
/// </summary>
/// <remarks>
/// The default policy lets a server-rendered page use its own scripts, styles and images served from this site
/// ('self') and nothing from elsewhere; inline scripts and styles need a page's own policy (see
/// <see cref="InlineStylePolicy"/>). An endpoint that sets its own <c>Content-Security-Policy</c> keeps it, with
/// <c>frame-ancestors 'none'</c> added when it does not say who may frame it.
/// </remarks>
public static class SecurityHeaders
{
    public const string DefaultPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Kestrel stops writing its <c>Server: Kestrel</c> header.</summary>
    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        return builder;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(next => context =>
    {
        var response = context.Response;
        response.OnStarting(() =>
        {
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            var policy = headers.ContentSecurityPolicy.ToString();
            if (policy.Length == 0) headers.ContentSecurityPolicy = DefaultPolicy;
            else if (!policy.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase)) headers.ContentSecurityPolicy = policy + "; frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            if (headers.ContainsKey("Referrer-Policy") is false) headers["Referrer-Policy"] = "no-referrer";
            headers.Remove("Server");
            headers.Remove("X-Powered-By");
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>
    /// A policy for a self-contained page whose only resource is the one inline stylesheet given (by its hash):
    /// no scripts, no outside images or fonts, no forms.
    /// </summary>
    public static string InlineStylePolicy(params string[] styles) =>
        "default-src 'none'; style-src " + string.Join(' ', styles.Select(s => $"'sha256-{Hash(s)}'"))
        + "; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    static string Hash(string style) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
}
