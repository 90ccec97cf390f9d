using System.Diagnostics;
using ItaBot.Dashboard;
using ItaBot.Simulator;
using ItaBot.Tests.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ItaBot.Tests.Dashboard;

[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests
{
    internal const string Password = "correct horse battery";

    internal static async Task AddAdminAsync(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<AdminAccounts>().AddOrUpdateAsync(name, Password, CancellationToken.None));
    }

    internal static async Task SignInAsync(IPage page, Uri address, string name, string password)
    {
        await page.GotoAsync(new Uri(address, "/admin/signin").ToString());
        await page.FillAsync("input[name=Name]", name);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("form:not(.demo) button[type=submit]");
    }

    [Fact]
    public async Task AHeadMarksAMeasureDoneInTheSimulatorAndTheDashboardShowsIt()
    {
        using var sim = await SimulatorHarness.StartAsync();
        await AddAdminAsync(sim.App.Services, "kanda");
        await using var browser = await BrowserSession.StartAsync();
        var phone = await browser.NewPageAsync(BrowserSession.Phone);
        var errors = new List<string>();
        // Script errors and failed loads (a CSP refusal shows up as either) fail the test; the browser's own favicon probe does not.
        phone.Console += (_, m) => { if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) errors.Add(m.Text); };
        phone.Response += (_, r) => { if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal)) errors.Add($"{r.Status} {r.Url}"); };

        var group = sim.Group("กองคลัง");
        var head = group.Members[0];
        var timer = Stopwatch.StartNew();
        await phone.GotoAsync(new Uri(sim.Address, $"/simulator?chat={group.ChatId}&as={head.UserId}").ToString());
        await phone.FillAsync("#text", "สถานะ");
        await phone.ClickAsync("#say button[type=submit]");
        var doneButton = phone.Locator(".flex-message button", new() { HasTextString = "เสร็จแล้ว" }).First;
        await doneButton.WaitForAsync(new() { Timeout = 30_000 });
        Console.WriteLine($"simulator open to first answer: {timer.ElapsedMilliseconds} ms");
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(phone), "the simulator scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(phone, "simulator-status-card-phone");

        await doneButton.ClickAsync();
        await phone.Locator(".row.bot").Filter(new() { HasTextString = "ดำเนินการแล้วเสร็จ" }).First.WaitForAsync(new() { Timeout = 30_000 });
        // The photo of the activity, sent in the group right after the status: the bot attaches it as evidence.
        await phone.SetInputFilesAsync("input[type=file]", new FilePayload { Name = "ประชุม.jpg", MimeType = "image/jpeg", Buffer = Tracking.EvidenceSamples.PhoneJpeg() });
        await phone.ClickAsync("button[value=image]");
        await phone.Locator("img.sent-photo").First.WaitForAsync(new() { Timeout = 30_000 });
        await phone.Locator(".row.bot").Filter(new() { HasTextString = "เป็นหลักฐานของ" }).First.WaitForAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(phone, "simulator-done-and-photo-phone");

        // The administrator asks for the summary in the one-to-one chat.
        var coordinator = sim.CoordinatorChat;
        var before = (await sim.BotMessagesAsync(coordinator.ChatId)).Count;
        await phone.GotoAsync(new Uri(sim.Address, $"/simulator?chat={coordinator.ChatId}&as={coordinator.Members[0].UserId}").ToString());
        await phone.FillAsync("#text", "สรุป");
        await phone.ClickAsync("#say button[type=submit]");
        await sim.WaitForBotAsync(coordinator.ChatId, _ => true, count: before + 1);
        await phone.Locator(".row.bot").Nth(before).WaitForAsync(new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(phone, "simulator-admin-summary-phone");
        Assert.Empty(errors);

        // The dashboard shows the change, who made it and when.
        var desk = await browser.NewPageAsync(BrowserSession.Phone);
        await SignInAsync(desk, sim.Address, "kanda", Password);
        await desk.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        var answered = await desk.InnerTextAsync("#answered");
        Assert.Equal("๑", answered);
        var latest = await desk.InnerTextAsync(".latest");
        Assert.Contains(head.Name, latest, StringComparison.Ordinal);
        Assert.Contains("ดำเนินการแล้วเสร็จ", latest, StringComparison.Ordinal);
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(desk), "the overview scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(desk, "dashboard-overview-phone");

        await desk.ClickAsync(".latest a");
        await desk.Locator(".history .entry").First.WaitForAsync();
        Assert.Contains(head.Name, await desk.InnerTextAsync(".history"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(desk, "dashboard-measure-phone");

        // The entry's photo, sent in chat, is on the measure page.
        await desk.WaitForFunctionAsync("() => { const i = document.querySelector('.evidence-files img.thumb'); return i && i.complete && i.naturalWidth > 0; }", null, new() { Timeout = 30_000 });
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(desk), "the measure page scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(desk, "dashboard-measure-photo-phone");
        // The photo's address is for administrators only.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = sim.Address };
        var src = await desk.GetAttributeAsync(".evidence-files img.thumb", "src");
        using var refused = await anonymous.GetAsync(src);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/admin/signin", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ARegistrationApprovedOnTheDashboardIsToldToThePersonInLineOnce()
    {
        using var sim = await SimulatorHarness.StartAsync();
        await AddAdminAsync(sim.App.Services, "kanda");
        var group = sim.Group("กองคลัง");
        var officer = group.Members[1];
        var before = (await sim.BotMessagesAsync(group.ChatId)).Count;
        await sim.Platform.SayAsync(group, officer, "ลงทะเบียน กองคลัง ผู้แทน", CancellationToken.None);
        await sim.WaitForBotAsync(group.ChatId, _ => true, count: before + 1);

        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Phone);
        await SignInAsync(page, sim.Address, "kanda", Password);
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await page.GotoAsync(new Uri(sim.Address, "/admin/people").ToString());
        Assert.Contains(officer.Name, await page.InnerTextAsync("section.card"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "dashboard-people-pending-phone");
        // A second tab still showing the request, as when two administrators look at once.
        var stale = await page.Context.NewPageAsync();
        await stale.GotoAsync(page.Url);
        await page.ClickAsync("form[action*='handler=Approve'] button");
        await page.Locator(".flash").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("แจ้งผู้ขอทาง LINE แล้ว", await page.InnerTextAsync(".flash"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "dashboard-people-approved-phone");

        // The officer hears it in their one-to-one chat with the bot, through the outbox and the Messaging API.
        static bool Approval(System.Text.Json.Nodes.JsonObject m) => SimulatorHarness.FakeLineText(m).Contains("อนุมัติให้คุณรายงานมาตรการของกองคลัง", StringComparison.Ordinal);
        await sim.WaitForBotAsync(officer.UserId, Approval);
        await page.GotoAsync(new Uri(sim.Address, $"/simulator?chat={officer.UserId}&as={officer.UserId}").ToString());
        Assert.Contains("อนุมัติให้คุณรายงาน", await page.InnerTextAsync("#messages"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "simulator-approval-told-phone");

        // Deciding again from the stale tab changes nothing and tells nobody twice.
        await stale.ClickAsync("form[action*='handler=Approve'] button");
        await stale.Locator(".flash").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("อนุมัติไว้แล้ว", await stale.InnerTextAsync(".flash"), StringComparison.Ordinal);
        await using (var db = sim.App.Database.NewContext())
        {
            var person = await db.UnitPeople.SingleAsync(p => p.UserId == officer.UserId);
            Assert.Equal(ItaBot.Chat.RegistrationState.Approved, person.State);
            Assert.Equal("kanda", person.DecidedByName);
            // Queued with the decision's transaction: one push to the officer, however often the button was pressed.
            Assert.Equal(1, await db.LineOutbox.CountAsync(m => m.To == officer.UserId && m.DedupeKey!.StartsWith("registration:")));
        }
        Assert.Single(await sim.BotMessagesAsync(officer.UserId), Approval);
    }

    [Fact]
    public async Task RepeatedWrongPasswordsLockTheNameOutEvenForTheRightPassword()
    {
        using var app = new TestApp();
        var address = LiveApp.Serve(app);
        await AddAdminAsync(app.Services, "somchai");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Phone);

        for (var i = 0; i < SignInGuard.MaxFailures; i++)
        {
            await SignInAsync(page, address, "somchai", "wrong password " + i);
            await page.Locator("#problem").WaitForAsync();
        }
        Assert.Contains("ล็อก", await page.InnerTextAsync("#problem"), StringComparison.Ordinal);

        await SignInAsync(page, address, "somchai", Password);
        await page.Locator("#problem").WaitForAsync();
        Assert.Contains("ล็อก", await page.InnerTextAsync("#problem"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "dashboard-signin-locked-phone");

        // After the lockout the right password works again.
        app.Time.Advance(SignInGuard.Lockout + TimeSpan.FromMinutes(1));
        await SignInAsync(page, address, "somchai", Password);
        try
        {
            // Committed is enough: the dashboard's own loading (its quota card) must not decide whether sign-in worked.
            await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("text=ออกจากระบบ").WaitForAsync();
        }
        catch (TimeoutException)
        {
            await BrowserSession.ScreenshotAsync(page, "dashboard-signin-after-lockout-failed");
            var problem = await page.Locator("#problem").CountAsync() > 0 ? await page.InnerTextAsync("#problem") : "(no message)";
            Assert.Fail($"The right password after the lockout did not open the dashboard: at {page.Url}, saying {problem}");
        }
    }

    [Fact]
    public async Task APlanUploadedAsDocxIsPreviewedThenSaved()
    {
        using var app = new TestApp();
        var address = LiveApp.Serve(app);
        await AddAdminAsync(app.Services, "kanda");
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Desktop);
        await SignInAsync(page, address, "kanda", Password);
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal));

        var docx = Import.DocxBuilder.FromTables(
        [
            ["ที่", "มาตรการ", "ขั้นตอนการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"],
            ["1", "เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี", "จัดทำแผน\nเผยแพร่บนเว็บไซต์", "กองคลัง", "ต.ค. 67 - ธ.ค. 67"],
            ["2", "ประชุมชี้แจงแนวทางป้องกันการทุจริต", "จัดประชุม", "สำนักปลัด", "ม.ค. 68 - มี.ค. 68"],
        ]);
        await page.GotoAsync(new Uri(address, "/admin/import").ToString());
        await page.SetInputFilesAsync("input[name=Upload]", new FilePayload { Name = "แผน2568.docx", MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Buffer = docx });
        await page.FillAsync("input[name=OrganizationName]", "เทศบาลตำบลทดสอบ");
        await page.FillAsync("input[name=FiscalYear]", "2568");
        await page.ClickAsync("form[enctype] button[type=submit]");
        await page.Locator("#preview").WaitForAsync();
        var preview = await page.InnerTextAsync("#preview");
        Assert.Contains("เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี", preview, StringComparison.Ordinal);
        Assert.Contains("กองคลัง", preview, StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "dashboard-import-preview-desktop");

        await page.ClickAsync("#preview form button[type=submit]");
        await page.Locator(".flash").WaitForAsync();
        Assert.Contains("นำเข้า", await page.InnerTextAsync(".flash"), StringComparison.Ordinal);
        await BrowserSession.ScreenshotAsync(page, "dashboard-after-import-desktop");
    }

    /// <summary>A 1×1 PNG: what the photo is does not matter, that it travels through LINE's content API does.</summary>
}
