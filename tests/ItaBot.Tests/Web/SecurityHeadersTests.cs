using System.Net;
using System.Text;
using ItaBot.Tests.Support;
using ItaBot.Web;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Web;

public sealed class SecurityHeadersTests
{
    static void AssertProtected(HttpResponseMessage response, string what)
    {
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Assert.True(headers.TryGetValue("X-Content-Type-Options", out var nosniff) && nosniff == "nosniff", $"{what}: no nosniff");
        Assert.True(headers.TryGetValue("Content-Security-Policy", out var csp), $"{what}: no CSP");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("DENY", headers["X-Frame-Options"]);
        Assert.True(headers.ContainsKey("Referrer-Policy"), $"{what}: no Referrer-Policy");
        Assert.False(headers.ContainsKey("Server"), $"{what}: names its server");
    }

    [Fact]
    public async Task EveryKindOfResponseCarriesTheSecurityHeaders()
    {
        using var app = new TestApp();
        using var client = app.CreateClient();

        AssertProtected(await client.GetAsync("/"), "home");
        AssertProtected(await client.GetAsync("/health"), "health");
        AssertProtected(await client.GetAsync("/no/such/page"), "404");
        AssertProtected(await client.GetAsync("/r/0f1e2d3c4b5a69788796a5b4c3d2e1f0/2568/6m"), "unknown report");
        AssertProtected(await client.PostAsync("/line/webhook", new StringContent("{\"events\":[]}", Encoding.UTF8, "application/json")), "LINE webhook");
    }

    [Fact]
    public async Task ServerRenderedPagesMayUseTheirOwnScriptsAndStylesFromThisSiteOnly()
    {
        using var app = new TestApp();
        using var client = app.CreateClient();

        var csp = (await client.GetAsync("/")).Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(SecurityHeaders.DefaultPolicy, csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task TheReportPageAllowsOnlyItsOwnInlineStylesheet()
    {
        using var app = new TestApp();
        using var client = app.CreateClient();
        await using (var scope = app.Services.CreateAsyncScope())
            await ItaBot.Tests.Reports.ReportScenario.SeedAsync(scope.ServiceProvider.GetRequiredService<ItaBot.Data.ItaBotDb>());

        var response = await client.GetAsync($"/r/{ItaBot.Tests.Reports.ReportScenario.Token}/2568/6m");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(ItaBot.Reports.HtmlReportRenderer.Style)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-" + hash + "'", csp);
        Assert.Contains("<style>" + ItaBot.Reports.HtmlReportRenderer.Style + "</style>", await response.Content.ReadAsStringAsync());
        AssertProtected(response, "report page");
    }
}
