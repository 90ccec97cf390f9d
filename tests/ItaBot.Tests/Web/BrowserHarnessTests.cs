using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;

namespace ItaBot.Tests.Web;

[Trait("Category", "Browser")]
public sealed class BrowserHarnessTests
{
    // A phone context is mobile: a page without <meta name="viewport"> is laid out 980 px wide and shrunk, as on a
    // real phone, so page tests catch a missing viewport tag.
    [Fact]
    public async Task ChromiumOpensTheRunningAppAtPhoneWidth()
    {
        using var app = new TestApp();
        var address = LiveApp.Serve(app);
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Phone);

        var response = await page.GotoAsync(new Uri(address, "/health").ToString());

        Assert.True(response!.Ok, $"GET /health answered {response.Status}");
        Assert.Equal(BrowserSession.Phone.Width, page.ViewportSize!.Width);
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("body")));
        Assert.True(File.Exists(await BrowserSession.ScreenshotAsync(page, "harness-health-phone")));
    }
}
