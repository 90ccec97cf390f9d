using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static ItaBot.Tests.Dashboard.DashboardBrowserTests;
using static ItaBot.Tests.Import.PlanDocx;

namespace ItaBot.Tests.Dashboard;

/// <summary>
/// The coordinator imports a DOCX plan on the dashboard that the import cannot read alone — headers it is unsure
/// of, or a column it takes for the wrong one — sees every column's role, fixes them with the selects, looks
/// again and saves exactly what was shown.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ImportMappingBrowserTests
{
    const string Org = "องค์การบริหารส่วนตำบลทดสอบ";
    const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    static async Task<(TestApp App, Uri Address, IPage Page, PageProblems Problems, BrowserSession Browser)> OpenImportAsync(ViewportSize size)
    {
        var app = new TestApp();
        var address = LiveApp.Serve(app);
        await AddAdminAsync(app.Services, "kanda");
        var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(size);
        var problems = await PageProblems.WatchAsync(page);
        await SignInAsync(page, address, "kanda", Password);
        await page.WaitForURLAsync(url => url.EndsWith("/admin", StringComparison.Ordinal), new() { Timeout = 30_000 });
        await page.GotoAsync(new Uri(address, "/admin/import").ToString());
        return (app, address, page, problems, browser);
    }

    static async Task UploadAsync(IPage page, string name, byte[] docx)
    {
        await page.SetInputFilesAsync("input[name=Upload]", new FilePayload { Name = name, MimeType = DocxType, Buffer = docx });
        await page.FillAsync("input[name=OrganizationName]", Org);
        await page.FillAsync("input[name=FiscalYear]", "2568");
        await page.ClickAsync("form.upload button[type=submit]");
        await page.Locator("#tables").WaitForAsync(new() { Timeout = 30_000 });
    }

    [Fact]
    public async Task AnUnsureTableIsFixedByGivingItsColumnsTheirRolesThenSaved()
    {
        var (app, address, page, problems, browser) = await OpenImportAsync(BrowserSession.Desktop);
        using var _ = app;
        await using var __ = browser;
        // Headers that say little: "รายการกิจกรรม", "ผู้ดำเนินการ" and "เดือน" are hints, not the words plans use.
        await UploadAsync(page, "แผนปฏิบัติการ.docx", Build(new Table(
            new Row("ลำดับ", "รายการกิจกรรม", "ผู้ดำเนินการ", "หมายเหตุ", "เดือน"),
            new Row("๑", "จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ใช้งบปกติ", "ต.ค. ๖๗"),
            new Row("๒", "ประกาศมาตรการป้องกันการรับสินบน", "กองคลัง", "", "พ.ย. ๖๗"))));

        // Nothing can be saved yet: the table is shown as unsure, with its header cells and what each was read as.
        Assert.Contains("ไม่แน่ใจ", await page.InnerTextAsync(".table-found"), StringComparison.Ordinal);
        Assert.Contains("ยังนำเข้าไม่ได้", await page.InnerTextAsync("#preview"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("form.save").CountAsync());
        Assert.Equal(5, await page.Locator("table.columns tbody tr").CountAsync());
        await BrowserSession.ScreenshotAsync(page, "import-unsure-desktop");

        await page.SelectOptionAsync("select[name='Roles[2]']", "title");
        await page.SelectOptionAsync("select[name='Roles[3]']", "responsible");
        await page.SelectOptionAsync("select[name='Roles[5]']", "period");
        await page.CheckAsync(".table-found input[name=Tables]");
        await page.ClickAsync("button.remap");
        await page.Locator("form.save").WaitForAsync(new() { Timeout = 30_000 });
        var preview = await page.InnerTextAsync("#preview");
        Assert.Contains("จัดทำคู่มือการปฏิบัติงาน", preview, StringComparison.Ordinal);
        Assert.Contains("ประกาศมาตรการป้องกันการรับสินบน", preview, StringComparison.Ordinal);
        Assert.Contains("--map \"มาตรการ=2,ผู้รับผิดชอบ=3,ระยะเวลา=5\"", await page.InnerTextAsync("form.save"), StringComparison.Ordinal);
        Assert.Empty(await DbMeasuresAsync(app));
        await BrowserSession.ScreenshotAsync(page, "import-mapped-preview-desktop");

        await page.ClickAsync("form.save button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/import", StringComparison.Ordinal), new() { Timeout = 30_000 });
        Assert.Contains("นำเข้า แผนปฏิบัติการ.docx แล้ว", await page.InnerTextAsync(".flash"), StringComparison.Ordinal);
        var measures = await DbMeasuresAsync(app);
        Assert.Equal(
            [("จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", new DateOnly(2024, 10, 1)), ("ประกาศมาตรการป้องกันการรับสินบน", "กองคลัง", new DateOnly(2024, 11, 1))],
            measures.Select(m => (m.Title, m.Responsible.Single().Unit!.Name, m.PeriodStart!.Value)));
        await using (var db = app.Database.NewContext())
            Assert.Contains(await db.ChatAudit.Where(a => a.Action == "import").Select(a => a.Detail ?? "").ToListAsync(), d => d.Contains("--map", StringComparison.Ordinal) && d.Contains("แผนปฏิบัติการ.docx", StringComparison.Ordinal));
        Assert.True(problems.Seen.Count == 0, string.Join(" | ", problems.Seen));
    }

    [Fact]
    public async Task OnAPhoneAResponsibleColumnReadWronglyIsMovedToTheRightColumnBeforeSaving()
    {
        var (app, address, page, problems, browser) = await OpenImportAsync(BrowserSession.Phone);
        using var _ = app;
        await using var __ = browser;
        // Two "responsible" columns: the first names the official, the second the unit that reports.
        await UploadAsync(page, "แผน ITA 2568.docx", Build(new Table(
            new Row("มาตรการ", "ผู้รับผิดชอบหลัก", "ผู้รับผิดชอบร่วม", "ระยะเวลาดำเนินการ"),
            new Row("อบรมคุณธรรมจริยธรรมแก่บุคลากร", "ปลัดเทศบาล", "สำนักปลัด", "ม.ค. ๖๘ - มี.ค. ๖๘"),
            new Row("เผยแพร่แผนการจัดซื้อจัดจ้าง", "ผู้อำนวยการกองคลัง", "กองคลัง", "ต.ค. ๖๗"))));
        var first = await page.InnerTextAsync("#preview");
        Assert.Contains("ปลัดเทศบาล", first, StringComparison.Ordinal);
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(page), "the import preview scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(page, "import-wrong-column-phone");

        // Changing a column holds the save back until the preview is looked at again.
        await page.SelectOptionAsync("select[name='Roles[3]']", "responsible");
        Assert.True(await page.IsDisabledAsync("form.save button[type=submit]"));
        await page.ClickAsync("button.remap");
        await page.WaitForFunctionAsync("() => !document.querySelector('#preview').innerText.includes('ปลัดเทศบาล')", null, new() { Timeout = 30_000 });
        var fixedPreview = await page.InnerTextAsync("#preview");
        Assert.Contains("สำนักปลัด", fixedPreview, StringComparison.Ordinal);
        Assert.Contains("กองคลัง", fixedPreview, StringComparison.Ordinal);
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(page), "the mapped preview scrolls sideways on a phone");
        await BrowserSession.ScreenshotAsync(page, "import-fixed-column-phone");

        await page.ClickAsync("form.save button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/admin/import", StringComparison.Ordinal), new() { Timeout = 30_000 });
        var measures = await DbMeasuresAsync(app);
        Assert.Equal(["สำนักปลัด", "กองคลัง"], measures.Select(m => m.Responsible.Single().Unit!.Name));
        await using (var db = app.Database.NewContext())
            Assert.DoesNotContain(await db.Units.Select(u => u.Name).ToListAsync(), n => n is "ปลัดเทศบาล" or "ผู้อำนวยการกองคลัง");
        Assert.True(problems.Seen.Count == 0, string.Join(" | ", problems.Seen));
    }

    static async Task<List<ItaBot.Tracking.Measure>> DbMeasuresAsync(TestApp app)
    {
        await using var db = app.Database.NewContext();
        return await db.Measures.Include(m => m.Responsible).ThenInclude(r => r.Unit).OrderBy(m => m.Order).ToListAsync();
    }
}
