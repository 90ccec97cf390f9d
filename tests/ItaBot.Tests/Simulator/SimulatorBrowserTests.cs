using ItaBot.Tests.Dashboard;
using ItaBot.Tests.Support.Browser;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Simulator;

/// <summary>The simulator's "advance time" as someone trying ItaBot on a phone uses it: tap +30 days until the round closes.</summary>
[Trait("Category", "Browser")]
public sealed class SimulatorBrowserTests
{
    [Fact]
    public async Task TappingPlusThirtyDaysPastTheDueDateAndGraceClosesTheRoundAndTheSimulatorSaysSo()
    {
        using var sim = await SimulatorHarness.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Phone);
        var problems = await PageProblems.WatchAsync(page);
        var admin = sim.CoordinatorChat;
        await page.GotoAsync(new Uri(sim.Address, $"/simulator?chat={admin.ChatId}&as={admin.Members[0].UserId}").ToString());

        // 3 Mar 2025 + 30 days: the 6-month round (due 15 Apr) is still open; + 30 more: past its 15 days of grace.
        await page.ClickAsync("form.advance button[value='30d']");
        await page.Locator(".note", new() { HasTextString = "เลื่อนเวลาไปถึง" }).First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(0, await page.Locator(".note", new() { HasTextString = "ปิดรอบ" }).CountAsync());
        await page.ClickAsync("form.advance button[value='30d']");
        var closed = page.Locator(".note", new() { HasTextString = "ปิดรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘" });
        await closed.First.WaitForAsync(new() { Timeout = 60_000 });
        Assert.Contains("๒ พ.ค. ๖๘", await page.InnerTextAsync("#clock"), StringComparison.Ordinal);
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(page), "the simulator scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(page, "simulator-round-closed-phone");

        await using (var db = sim.App.Database.NewContext())
            Assert.Equal(RoundState.Closed, (await db.Rounds.SingleAsync(r => r.Kind == RoundKind.SixMonth && r.FiscalYear == 2568)).State);
        Assert.True(problems.Seen.Count == 0, string.Join(" | ", problems.Seen));
    }
}
