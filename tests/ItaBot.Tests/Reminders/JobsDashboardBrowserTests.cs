using ItaBot.Reminders.Jobs;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

/// <summary>An administrator signs in on the dashboard's page and opens the scheduled jobs from its menu, as in a browser.</summary>
[Trait("Category", "Browser")]
public sealed class JobsDashboardBrowserTests
{
    [Fact]
    public async Task AnAdministratorOpensTheScheduledJobsFromTheDashboardMenu()
    {
        using var app = new TestApp().With("Reminders:SchedulerEnabled", "true");
        var address = LiveApp.Serve(app);
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ItaBot.Dashboard.AdminAccounts>().AddOrUpdateAsync("kanda", "correct horse battery", CancellationToken.None));
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Desktop);

        // Not signed in: the jobs page sends the visitor to the sign-in, and back after it.
        await page.GotoAsync(new Uri(address, JobsSetup.DashboardPath + "/recurring").ToString());
        Assert.Contains("/admin/signin", page.Url);
        await page.FillAsync("input[name=Name]", "kanda");
        await page.FillAsync("input[name=Password]", "correct horse battery");
        await page.ClickAsync("form:not(.demo) button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin/jobs/recurring", StringComparison.Ordinal));

        var text = await page.InnerTextAsync("body");
        Assert.Contains(ReminderWaveJob.Id, text);
        Assert.Contains(RoundsJob.Id, text);
        Assert.Contains("Asia/Bangkok", await page.ContentAsync());
        await BrowserSession.ScreenshotAsync(page, "jobs-dashboard-recurring-desktop");

        // The dashboard's own menu leads here too.
        await page.GotoAsync(new Uri(address, "/admin").ToString());
        await page.ClickAsync("a[href='/admin/jobs']");
        await page.WaitForURLAsync(url => url.EndsWith("/admin/jobs", StringComparison.Ordinal));
        Assert.True(File.Exists(await BrowserSession.ScreenshotAsync(page, "jobs-dashboard-home-desktop")));
    }
}
