using ItaBot.Tests.Support.Browser;
using ItaBot.Tests.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Forms;

[Trait("Category", "Browser")]
public sealed class ReportFormBrowserTests
{
    [Fact]
    public async Task OnAPhoneTheHeadPreviewsKeepsTheChosenPhotoSendsAndTheReportShowsItsThumbnail()
    {
        await using var h = await FormHarness.StartAsync(live: true);
        var token = await h.LinkAsync();
        var photo = Path.Combine(Path.GetTempPath(), $"กิจกรรม-{Guid.NewGuid():N}.jpg");
        await File.WriteAllBytesAsync(photo, EvidenceSamples.PhoneJpeg());
        await using var browser = await BrowserSession.StartAsync();
        var page = await browser.NewPageAsync(BrowserSession.Phone);

        await page.GotoAsync(new Uri(h.Address!, $"/f/{token}").ToString());
        Assert.False(await BrowserSession.ScrollsSidewaysAsync(page));
        Assert.False(await page.IsVisibleAsync("fieldset.reason"));
        await page.CheckAsync("#status-CannotProceed");
        Assert.True(await page.IsVisibleAsync("fieldset.reason"));
        await page.CheckAsync("#status-Done");
        await page.FillAsync("#result", "จัดอบรม \"คุณธรรม\" (รุ่นที่ ๑) 🙏");
        await page.FillAsync("#outcome", "ผู้เข้าร่วม ๔๕ คน");
        await page.SetInputFilesAsync("#files", photo);
        await BrowserSession.ScreenshotAsync(page, "form-phone-filled");

        await page.ClickAsync("button.preview");
        await page.WaitForSelectorAsync("#preview .preview-box", new() { Timeout = 30_000 });
        Assert.Contains("จัดอบรม", await page.InnerTextAsync("#preview"));
        Assert.Equal(1, await page.EvalOnSelectorAsync<int>("#files", "e => e.files.length"));
        await BrowserSession.ScreenshotAsync(page, "form-phone-preview");

        await page.ClickAsync("button.send");
        await page.WaitForSelectorAsync(".done", new() { Timeout = 30_000 });
        Assert.Contains("บันทึกรายงานแล้ว", await page.InnerTextAsync("body"));
        await BrowserSession.ScreenshotAsync(page, "form-phone-saved");

        await using (var db = h.Db()) Assert.Equal(1, await db.EvidenceFiles.CountAsync());
        await page.GotoAsync(new Uri(h.Address!, $"/r/{h.PublicToken}/2568/6m").ToString());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.thumb'); return i && i.complete && i.naturalWidth > 0; }", null, new() { Timeout = 30_000 });
        await BrowserSession.ScreenshotAsync(page, "report-phone-thumbnail");
        File.Delete(photo);
    }
}
