using ItaBot.Tests.Simulator;
using ItaBot.Tests.Support.Browser;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static ItaBot.Tests.Dashboard.DashboardBrowserTests;

namespace ItaBot.Tests.Dashboard;

/// <summary>
/// Every page someone trying ItaBot opens — the start page, the simulator, each dashboard page — at a phone's
/// width and a desk's, under the real security headers: nothing refused by the Content-Security-Policy, no script
/// error, nothing failing to load, nothing wider than a phone. Screenshots of each are kept as artifacts.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardPagesBrowserTests
{
    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task TheStartPageTheSimulatorAndEveryDashboardPageWorkUnderTheContentSecurityPolicy(string screen)
    {
        // The scheduler on, as when the app runs for real (tests turn it off), so the menu's /admin/jobs is there.
        using var sim = await SimulatorHarness.StartAsync(app => app.With("Reminders:SchedulerEnabled", "true"));
        await AddAdminAsync(sim.App.Services, "kanda");
        int measureId;
        await using (var db = sim.App.Database.NewContext())
            measureId = await db.Measures.OrderBy(m => m.Order).Select(m => m.Id).FirstAsync();
        await using var browser = await BrowserSession.StartAsync();
        var phone = screen == "phone";
        var page = await browser.NewPageAsync(phone ? BrowserSession.Phone : BrowserSession.Desktop);
        var problems = await PageProblems.WatchAsync(page);

        async Task LookAsync(string name, bool mayScrollSideways = false)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (phone && !mayScrollSideways) Assert.False(await BrowserSession.ScrollsSidewaysAsync(page), $"{name} scrolls sideways on a phone");
            await BrowserSession.ScreenshotAsync(page, $"tour-{name}-{screen}");
            Assert.True(problems.Seen.Count == 0, $"{name}: {string.Join(" | ", problems.Seen)}");
        }

        // The start page leads to the simulator, the dashboard and the demo reports.
        await page.GotoAsync(sim.Address.ToString());
        Assert.Equal(1, await page.Locator("a[href='/simulator']").CountAsync());
        Assert.Equal(1, await page.Locator("a[href='/admin']").CountAsync());
        Assert.True(await page.Locator("a[href^='/r/']").CountAsync() >= 2, "the start page lists no demo report");
        await LookAsync("start");

        // The simulator: a head asks for the status card (the page's script shows it without a reload).
        var group = sim.Group("กองคลัง");
        await page.GotoAsync(new Uri(sim.Address, $"/simulator?chat={group.ChatId}&as={group.Members[0].UserId}").ToString());
        await page.FillAsync("#text", "สถานะ");
        await page.ClickAsync("#say button[type=submit]");
        await page.Locator(".flex-message button", new() { HasTextString = "เสร็จแล้ว" }).First.WaitForAsync(new() { Timeout = 30_000 });
        await LookAsync("simulator");

        // Every dashboard page, signed in.
        await SignInAsync(page, sim.Address, "kanda", Password);
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await LookAsync("dashboard-overview");
        foreach (var (path, name) in new[]
        {
            ("/admin/import", "dashboard-import"), ("/admin/reports", "dashboard-reports"), ("/admin/reminders", "dashboard-reminders"),
            ("/admin/groups", "dashboard-groups"), ("/admin/people", "dashboard-people"), ($"/admin/measures/{measureId}", "dashboard-measure"),
        })
        {
            var response = await page.GotoAsync(new Uri(sim.Address, path).ToString());
            Assert.Equal(200, response!.Status);
            await LookAsync(name);
        }
        // Hangfire's own dashboard behind the same sign-in: its tables are wide, but it must run.
        foreach (var (path, name) in new[] { ("/admin/jobs", "dashboard-jobs"), ("/admin/jobs/recurring", "dashboard-jobs-recurring"), ("/admin/jobs/jobs/succeeded", "dashboard-jobs-succeeded") })
        {
            var jobs = await page.GotoAsync(new Uri(sim.Address, path).ToString());
            Assert.Equal(200, jobs!.Status);
            await LookAsync(name, mayScrollSideways: true);
        }

        // The watch itself works: a script written into the page is refused, and seen.
        await page.GotoAsync(new Uri(sim.Address, "/admin").ToString());
        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.body.appendChild(s); }");
        await page.WaitForFunctionAsync("() => true");
        for (var i = 0; i < 100 && !problems.CspViolations.Any(); i++) await Task.Delay(100);
        Assert.Contains(problems.CspViolations, v => v.Contains("script-src", StringComparison.Ordinal));
        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
    }
}
