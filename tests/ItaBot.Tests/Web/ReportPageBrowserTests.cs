using ItaBot.Data;
using ItaBot.Tests.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Web;

/// <summary>The public report page in Chromium, as a phone opens it from LINE and as a desk screen shows it.</summary>
[Trait("Category", "Browser")]
public sealed class ReportPageBrowserTests
{
    const string Page = $"/r/{ReportScenario.Token}/2568/6m";

    static async Task<(TestApp App, Uri Address)> StartAsync()
    {
        var app = new TestApp();
        var address = LiveApp.Serve(app);
        await using var scope = app.Services.CreateAsyncScope();
        await ReportScenario.SeedAsync(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
        return (app, address);
    }

    [Fact]
    public async Task OnAPhoneEachMeasureIsACardReadableWithoutScrollingSideways()
    {
        var (app, address) = await StartAsync();
        using (app)
        {
            await using var browser = await BrowserSession.StartAsync();
            var page = await browser.NewPageAsync(BrowserSession.Phone);

            var response = await page.GotoAsync(new Uri(address, Page).ToString());
            var shot = await BrowserSession.ScreenshotAsync(page, "report-phone-390");

            Assert.True(response!.Ok, $"the page answered {response.Status}");
            Assert.False(await BrowserSession.ScrollsSidewaysAsync(page), "the page is wider than the phone");
            var cards = page.Locator("tr.measure");
            Assert.Equal(6, await cards.CountAsync());
            for (var i = 0; i < 6; i++)
            {
                var card = cards.Nth(i);
                Assert.True(await card.IsVisibleAsync());
                var box = (await card.BoundingBoxAsync())!;
                // A card uses the phone's width (a table squeezed to 390 px gave a few letters per line).
                Assert.True(box.Width > 300 && box.X >= 0 && box.X + box.Width <= BrowserSession.Phone.Width + 1, $"card {i}: {box.X}+{box.Width}");
                Assert.Contains("☐", await card.InnerTextAsync());
            }
            Assert.Contains("☑ ดำเนินการแล้วเสร็จ", await page.Locator("#m-M1").InnerTextAsync());
            Assert.True(File.Exists(shot));
        }
    }

    [Fact]
    public async Task OnADeskScreenTheMeasuresAreTheAgenciesTable()
    {
        var (app, address) = await StartAsync();
        using (app)
        {
            await using var browser = await BrowserSession.StartAsync();
            var page = await browser.NewPageAsync(BrowserSession.Desktop);

            await page.GotoAsync(new Uri(address, Page).ToString());
            await BrowserSession.ScreenshotAsync(page, "report-desktop-1400");

            Assert.False(await BrowserSession.ScrollsSidewaysAsync(page));
            Assert.True(await page.Locator("table.measures thead").IsVisibleAsync());
            Assert.Equal(7, await page.Locator("table.measures thead th").CountAsync());
            var rows = page.Locator("tr.measure");
            Assert.Equal(6, await rows.CountAsync());
            for (var i = 0; i < 6; i++) Assert.True(await rows.Nth(i).IsVisibleAsync());
        }
    }

    [Fact]
    public async Task TheRealServerNamesNoSoftwareAndSendsTheSecurityHeaders()
    {
        var (app, address) = await StartAsync();
        using (app)
        {
            using var client = new HttpClient { BaseAddress = address };

            foreach (var path in new[] { Page, "/health", "/r/nothing-here" })
            {
                var response = await client.GetAsync(path);
                Assert.False(response.Headers.Contains("Server"), $"{path} sends Server: {string.Join(",", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
                Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            }
        }
    }
}
