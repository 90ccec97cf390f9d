using Microsoft.AspNetCore.Mvc.Testing;
using System.Net;
using ItaBot.Forms;
using ItaBot.Tests.Tracking;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Forms;

public sealed class ReportFormTests
{
    const string Reason = "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี";
    const string Result = "จัดอบรม \"คุณธรรมในการทำงาน\" (รุ่นที่ ๑) ผู้เข้าร่วม 45 คน 🙏 ดูภาพที่ https://www.muangchan.go.th/news/12?id=3&x=(1)";
    const string Outcome = "บุคลากรร้อยละ ๙๐ ผ่านแบบทดสอบ (ก่อนอบรม ๖๐%)";
    const string Problems = "ห้องประชุมเล็ก — ควรจัด ๒ รอบ 'ครึ่งวัน'";

    static Dictionary<string, string> Done(string? result = Result) => new()
    {
        ["status"] = "Done", ["result"] = result ?? "", ["outcome"] = Outcome, ["problems"] = Problems,
        ["links"] = "https://www.muangchan.go.th/news/12\nhttps://www.muangchan.go.th/ita/o36.pdf", ["action"] = "send",
    };

    [Fact]
    public async Task AHeadSendsTextsLinksPhotosAndAPdfAndEveryPublicFileShowsThemAsTypedOnce()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();

        var (response, html) = await h.PostAsync(token, Done(), [("IMG_2041.JPG", EvidenceSamples.PhoneJpeg()), ("ประกาศ.pdf", EvidenceSamples.Pdf)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("บันทึกรายงานแล้ว", html);
        await using var db = h.Db();
        var entry = await db.StatusReports.SingleAsync();
        Assert.Equal((MeasureStatus.Done, ReportSource.Form, FormHarness.HeadId, FormHarness.GroupId), (entry.Status, entry.Source, entry.ReporterLineUserId, entry.ChatId));
        Assert.Equal((Result, Outcome, Problems), (entry.Result, entry.Outcome, entry.Problems));
        Assert.Equal(["https://www.muangchan.go.th/news/12", "https://www.muangchan.go.th/ita/o36.pdf"], entry.EvidenceUrls);
        var files = await db.EvidenceFiles.OrderBy(f => f.Id).ToListAsync();
        Assert.Equal([("IMG_2041.JPG", "image/jpeg"), ("ประกาศ.pdf", "application/pdf")], files.Select(f => (f.FileName, f.ContentType)));
        var push = await db.LineOutbox.SingleAsync();
        Assert.Equal(FormHarness.GroupId, push.To);
        var sent = System.Text.Json.JsonDocument.Parse(push.MessagesJson).RootElement[0].GetProperty("text").GetString();
        Assert.Equal("📝 สมชาย รายงาน M1 ผ่านแบบฟอร์มแล้ว: ดำเนินการแล้วเสร็จ · แนบ ๒ ไฟล์", sent);

        // The public page: the entry once, a thumbnail served from the report's own address, no staff name or time.
        var page = await h.Client.GetStringAsync($"/r/{h.PublicToken}/2568/6m");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "คุณธรรมในการทำงาน"));
        Assert.Contains("<img class=\"thumb\"", page);
        Assert.DoesNotContain("สมชาย", page);
        Assert.DoesNotContain(FormHarness.HeadId, page);
        var photoUrl = $"/r/{h.PublicToken}/2568/6m/files/{files[0].Id}/IMG_2041.JPG";
        Assert.Contains($"6m/files/{files[0].Id}/IMG_2041.JPG", page);
        var photo = await h.Client.GetAsync(photoUrl);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType!.MediaType);
        var served = await photo.Content.ReadAsByteArrayAsync();
        Assert.False(EvidenceSamples.Contains(served, EvidenceSamples.GpsMarker));
        Assert.Equal(files[0].Length, served.Length);
        var pdf = await h.Client.GetAsync($"/r/{h.PublicToken}/2568/6m/files/{files[1].Id}/x");
        Assert.Equal(EvidenceSamples.Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);

        // The machine-readable file keeps every character as typed.
        var json = System.Text.Json.JsonDocument.Parse(await h.Client.GetStringAsync($"/r/{h.PublicToken}/2568/6m.json")).RootElement.GetProperty("measures")[0];
        Assert.Equal(Result, json.GetProperty("results")[0].GetProperty("text").GetString());
        Assert.Equal(Outcome, json.GetProperty("outcomes")[0].GetProperty("text").GetString());
        Assert.Equal(Problems, json.GetProperty("problems")[0].GetProperty("text").GetString());
        Assert.Equal("ประกาศ.pdf", json.GetProperty("evidenceFiles")[1].GetProperty("name").GetString());
        Assert.StartsWith("https://localhost/r/", json.GetProperty("evidenceFiles")[1].GetProperty("url").GetString());
        var rawJson = await h.Client.GetStringAsync($"/r/{h.PublicToken}/2568/6m.json");
        Assert.DoesNotContain("สมชาย", rawJson);
        Assert.DoesNotContain("T02:", rawJson.Split("\"measures\"")[1]);
    }

    [Fact]
    public async Task CannotProceedStoresTheReasonCodeBesideTheTextAsTyped()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, _) = await h.PostAsync(await h.LinkAsync(), new Dictionary<string, string>
        {
            ["status"] = "CannotProceed", ["reason"] = "NoBudget", ["reason_text"] = "  " + Reason + "\u202E ", ["action"] = "send",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = h.Db();
        var entry = await db.StatusReports.SingleAsync();
        Assert.Equal((CannotProceedReason.NoBudget, Reason), (entry.Reason, entry.ReasonText));
        var docx = await h.Client.GetByteArrayAsync($"/r/{h.PublicToken}/2568/6m.docx");
        using var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Contains("ไม่ได้รับงบประมาณ – " + Reason, document.MainDocumentPart!.Document.Body!.InnerText);
    }

    [Fact]
    public async Task CannotProceedWithoutAReasonIsRefusedAndWhatWasTypedStaysOnThePage()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, html) = await h.PostAsync(await h.LinkAsync(), new Dictionary<string, string>
        {
            ["status"] = "CannotProceed", ["result"] = "รอ (งบกลางปี)", ["action"] = "send",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("ต้องเลือกเหตุผลด้วย", html);
        Assert.Contains("รอ (งบกลางปี)</textarea>", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task TextOverTheLimitIsRefusedNamingTheFieldAndNothingIsSaved()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, html) = await h.PostAsync(await h.LinkAsync(), Done(new string('ก', EntryText.MaxLength + 1)), [("ภาพ.jpg", EvidenceSamples.Jpeg)]);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("ช่อง &quot;ผลการดำเนินการ&quot;: ข้อความยาวเกินที่บันทึกได้ (๒,๐๐๑ ตัวอักษร", html);
        Assert.Contains("กรุณาเลือกไฟล์อีกครั้ง", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task AFileOverTenMegabytesIsRefusedNamingItAndNothingIsSaved()
    {
        await using var h = await FormHarness.StartAsync();
        var big = new byte[EvidenceLimits.MaxFileBytes + 1];
        EvidenceSamples.Jpeg.CopyTo(big, 0);

        var (response, html) = await h.PostAsync(await h.LinkAsync(), Done(), [("ภาพ.jpg", EvidenceSamples.Jpeg), ("วิดีโอ.jpg", big)]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ไฟล์ &quot;วิดีโอ.jpg&quot; ใหญ่เกิน ๑๐ MB", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task ARequestDeclaredLargerThanTenFilesIsRefusedBeforeItIsRead()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, html) = await h.PostAsync(await h.LinkAsync(), Done(), adjust: r => r.Content!.Headers.ContentLength = FormUpload.MaxRequestBytes + 1);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("ข้อมูลที่ส่งมาใหญ่เกิน", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task AVideoUploadedInTheFormIsKeptWithoutWhereItWasShotAndADamagedOneIsRefused()
    {
        await using var h = await FormHarness.StartAsync();

        var (damaged, refusal) = await h.PostAsync(await h.LinkAsync(), Done(), [("อบรม.mp4", VideoSamples.Phone()[..^60])]);
        var (response, _) = await h.PostAsync(await h.LinkAsync(), Done(), [("IMG_0412.MOV", VideoSamples.Phone("qt  "))]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, damaged.StatusCode);
        Assert.Contains("ลบข้อมูลตำแหน่งที่ถ่ายออกไม่ได้", refusal);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        await using var db = h.Db();
        var file = await db.EvidenceFiles.SingleAsync();
        Assert.Equal(("video/quicktime", ItaBot.Tracking.Evidence.EvidenceKind.Video, "IMG_0412.MOV"), (file.ContentType, file.Kind, file.FileName));
        var stored = (await db.EvidenceChunks.Where(c => c.BlobKey == file.StorageKey).OrderBy(c => c.Seq).ToListAsync()).SelectMany(c => c.Data).ToArray();
        Assert.All(VideoSamples.Secrets, secret => Assert.False(VideoSamples.Contains(stored, secret), secret));
    }

    [Fact]
    public async Task AFileWhoseContentIsNotAnAcceptedTypeIsRefusedWhateverItsName()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, html) = await h.PostAsync(await h.LinkAsync(), Done(), [("ภาพ.jpg", EvidenceSamples.Jpeg), ("รูป.jpg", "MZ\u0090 not a photo"u8.ToArray())]);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("ไฟล์ &quot;รูป.jpg&quot; ไม่ใช่ไฟล์ที่รับได้", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task ElevenFilesAreRefused()
    {
        await using var h = await FormHarness.StartAsync();

        var (response, html) = await h.PostAsync(await h.LinkAsync(), Done(), Enumerable.Range(1, 11).Select(i => ($"p{i}.png", EvidenceSamples.Png)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("แนบไฟล์ได้ไม่เกิน ๑๐ ไฟล์ต่อหนึ่งรายงาน", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task APostWithoutTheFormsAntiforgeryTokenSavesNothing()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();

        var forged = await h.PostAsync(token, Done(), antiforgery: "forged", submission: "0123456789abcdef0123456789abcdef");
        using var stranger = h.App.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = FormHarness.Https });
        using var content = new MultipartFormDataContent { { new StringContent("Done"), "status" }, { new StringContent("send"), "action" } };
        var noCookie = await stranger.PostAsync($"/f/{token}", content);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Response.StatusCode);
        Assert.Contains("ส่งแบบฟอร์มไม่สำเร็จ", forged.Html);
        Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task PressingSendTwiceRecordsTheEntryOnce()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();
        var page = await h.OpenAsync(token);

        await h.PostAsync(token, Done(), [("ภาพ.png", EvidenceSamples.Png)], page.Antiforgery, page.Submission);
        var (again, html) = await h.PostAsync(token, Done(), [("ภาพ.png", EvidenceSamples.Png)], page.Antiforgery, page.Submission);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("รายงานนี้บันทึกไว้แล้ว", html);
        var (entries, files, _, pushes) = await h.CountsAsync();
        Assert.Equal((1, 1, 1), (entries, files, pushes));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedInThaiAndSavesNothing()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();
        var page = await h.OpenAsync(token);
        h.App.Time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        var get = await h.Client.GetAsync($"/f/{token}");
        var post = await h.PostAsync(token, Done(), antiforgery: page.Antiforgery, submission: page.Submission);

        Assert.Equal(HttpStatusCode.Gone, get.StatusCode);
        Assert.Contains("ลิงก์หมดอายุแล้ว", await get.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Gone, post.Response.StatusCode);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task AnAlteredLinkIsRefused()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();
        var altered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        var response = await h.Client.GetAsync($"/f/{altered}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ลิงก์ไม่ถูกต้อง", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SomeoneNoLongerAllowedToReportOnTheMeasureCannotUseTheirLink()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();
        var page = await h.OpenAsync(token);
        await using (var db = h.Db())
        {
            // The group was unbound from กองคลัง after the link was issued.
            db.ChatUnits.RemoveRange(db.ChatUnits);
            await db.SaveChangesAsync();
        }

        var (response, html) = await h.PostAsync(token, Done(), antiforgery: page.Antiforgery, submission: page.Submission);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("เฉพาะสมาชิกกลุ่มของกองคลัง", html);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task AMeasureDoneInTheRoundKeepsItsStatusButTakesMoreResults()
    {
        await using var h = await FormHarness.StartAsync();
        await h.PostAsync(await h.LinkAsync(), Done());

        var (refused, html) = await h.PostAsync(await h.LinkAsync(), new Dictionary<string, string> { ["status"] = "InProgress", ["action"] = "send" });
        var (added, _) = await h.PostAsync(await h.LinkAsync(), new Dictionary<string, string> { ["status"] = "Done", ["result"] = "เผยแพร่เพิ่มเติม", ["action"] = "send" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("สถานะจึงคงไว้", html);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Equal(2, (await h.CountsAsync()).Entries);
    }

    [Fact]
    public async Task ThePreviewShowsTheEntryAsTheReportWillWithoutSavingIt()
    {
        await using var h = await FormHarness.StartAsync();
        var token = await h.LinkAsync();

        var (page, html) = await h.PostAsync(token, new Dictionary<string, string>(Done()) { ["action"] = "preview" }, [("ประกาศ.pdf", EvidenceSamples.Pdf)]);
        var (fragment, part) = await h.PostAsync(token, new Dictionary<string, string>(Done()) { ["action"] = "preview" }, adjust: r => r.Headers.Add("X-Preview", "1"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("ตัวอย่างรายการนี้ในรายงาน", html);
        Assert.Contains("☑ ดำเนินการแล้วเสร็จ", html);
        Assert.Contains("ผลลัพธ์: บุคลากรร้อยละ ๙๐ ผ่านแบบทดสอบ (ก่อนอบรม ๖๐%)", html);
        Assert.Contains("PDF: ประกาศ.pdf", html);
        Assert.DoesNotContain("<form", part);
        Assert.Contains("ตัวอย่างรายการนี้ในรายงาน", part);
        Assert.Equal((0, 0, 0, 0), await h.CountsAsync());
    }

    [Fact]
    public async Task TheFormPageWorksWithoutScriptAndKeepsTheLinkOutOfReferrers()
    {
        await using var h = await FormHarness.StartAsync();
        var response = await h.Client.GetAsync($"/f/{await h.LinkAsync()}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("<form method=\"post\" enctype=\"multipart/form-data\"", html);
        Assert.Contains("name=\"files\" multiple", html);
        Assert.Contains("ลิงก์นี้ออกให้ สมชาย เท่านั้น", html);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task InsideLiffTheOpenerMustBeThePersonTheLinkWasIssuedTo()
    {
        await using var h = await FormHarness.StartAsync(app => app.With("Line:LiffId", "1650000000-abcdEFGH"));
        h.App.WithWebHostBuilder(_ => { });
        var identity = new FakeLineIdentity();
        var client = h.App.WithWebHostBuilder(b => b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<ILineIdentity>(identity)))).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = FormHarness.Https });
        var token = await h.LinkAsync();
        var form = await client.GetStringAsync($"/f/{token}");
        Assert.Contains("data-liff-id=\"1650000000-abcdEFGH\"", form);

        async Task<HttpResponseMessage> SendAsync(string idToken)
        {
            var page = await client.GetStringAsync($"/f/{token}");
            using var content = new MultipartFormDataContent
            {
                { new StringContent(FormHarness.Hidden(page, "__csrf")), "__csrf" }, { new StringContent(FormHarness.Hidden(page, "submission")), "submission" },
                { new StringContent(idToken), "line_id_token" }, { new StringContent("Done"), "status" }, { new StringContent("send"), "action" },
            };
            return await client.PostAsync($"/f/{token}", content);
        }

        var someoneElse = await SendAsync("token-of-stranger");
        var theHead = await SendAsync("token-of-head");

        Assert.Equal(HttpStatusCode.Forbidden, someoneElse.StatusCode);
        Assert.Contains("ลิงก์นี้ออกให้ผู้อื่น", await someoneElse.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, theHead.StatusCode);
        Assert.Equal(["1650000000-abcdEFGH", "1650000000-abcdEFGH"], identity.LiffIds);
        Assert.Equal(1, (await h.CountsAsync()).Entries);
    }

    sealed class FakeLineIdentity : ILineIdentity
    {
        public List<string> LiffIds { get; } = [];

        public Task<string?> VerifyAsync(string idToken, string liffId, CancellationToken ct)
        {
            LiffIds.Add(liffId);
            return Task.FromResult<string?>(idToken switch
            {
                "token-of-head" => FormHarness.HeadId,
                "token-of-stranger" => FormHarness.StrangerId,
                _ => null,
            });
        }
    }
}
