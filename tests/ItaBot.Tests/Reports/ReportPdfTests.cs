using System.Net;
using ItaBot.Data;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The PDF address with a stand-in for LibreOffice: a small script that writes a PDF-looking file and counts its
/// runs, so conversion, caching, the time limit and the "being prepared" page are checked without LibreOffice
/// (the LibreOffice category converts for real).
/// </summary>
public sealed class ReportPdfTests : IDisposable
{
    const string Page = $"/r/{ReportScenario.Token}/2568/6m";
    readonly string _dir = Directory.CreateTempSubdirectory("itabot-fake-soffice-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    string FakeSoffice(int sleepSeconds = 0)
    {
        var script = Path.Combine(_dir, "soffice");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo run >> "{_dir}/runs"
            sleep {sleepSeconds}
            while [ $# -gt 1 ]; do
              if [ "$1" = "--outdir" ]; then out="$2"; fi
              shift
            done
            name=$(basename "$1" .docx)
            printf '%%PDF-1.4 fake %s\n' "$(wc -c < "$1")" > "$out/$name.pdf"
            """.Replace("\r\n", "\n"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    int Runs => File.Exists(Path.Combine(_dir, "runs")) ? File.ReadAllLines(Path.Combine(_dir, "runs")).Length : 0;

    static async Task<TestApp> StartAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await ReportScenario.SeedAsync(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
        return app;
    }

    [Fact]
    public async Task ThePdfIsMadeOnceAndServedAgainUntilTheReportChanges()
    {
        using var app = await StartAsync(new TestApp().With("Reports:Pdf:Soffice", FakeSoffice()));
        using var client = app.CreateClient();

        var first = await client.GetAsync($"{Page}.pdf");
        var again = await client.GetAsync($"{Page}.pdf");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", first.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("%PDF", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, Runs);

        // A new answer changes the report: the next request converts again.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var measure = db.Measures.Single(m => m.Code == "M3");
            db.StatusReports.Add(new StatusReport
            {
                MeasureId = measure.Id, RoundId = db.Rounds.Single().Id, Status = MeasureStatus.Done, Result = "ปรับปรุงช่องทางแล้ว",
                ReportedAtUtc = app.Time.GetUtcNow().UtcDateTime.AddMinutes(-1), Source = ReportSource.Chat,
            });
            await db.SaveChangesAsync();
        }
        var changed = await client.GetAsync($"{Page}.pdf");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(2, Runs);
    }

    [Fact]
    public async Task ARequestThatCannotWaitIsToldThePdfIsBeingPreparedAndGetsItLater()
    {
        using var app = await StartAsync(new TestApp().With("Reports:Pdf:Soffice", FakeSoffice()).With("Reports:Pdf:WaitSeconds", "0"));
        using var client = app.CreateClient();

        var first = await client.GetAsync($"{Page}.pdf");
        var html = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Contains("กำลังจัดทำไฟล์ PDF", html);
        Assert.Contains("<meta http-equiv=\"refresh\"", html);
        HttpResponseMessage later = first;
        for (var i = 0; i < 300 && later.StatusCode != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            later = await client.GetAsync($"{Page}.pdf");
        }
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("application/pdf", later.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task AConversionPastItsTimeLimitIsStoppedAndThePageSaysSo()
    {
        using var app = await StartAsync(new TestApp()
            .With("Reports:Pdf:Soffice", FakeSoffice(sleepSeconds: 60))
            .With("Reports:Pdf:TimeoutSeconds", "30").With("Reports:Pdf:WaitSeconds", "600"));
        using var client = app.CreateClient();

        var request = client.GetAsync($"{Page}.pdf");
        for (var i = 0; i < 300 && Runs == 0; i++) await Task.Delay(50);
        app.Time.Advance(TimeSpan.FromSeconds(31));
        var response = await request.WaitAsync(TimeSpan.FromMinutes(1));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("สร้างไฟล์ PDF ไม่สำเร็จ", html);
        Assert.Contains("30 seconds", html);
        Assert.Contains($"href=\"6m.docx\"", html);
    }

    [Fact]
    public async Task WithoutLibreOfficeThePdfPageSaysHowToInstallItAndTheOtherFilesStillWork()
    {
        using var app = await StartAsync(new TestApp().With("Reports:Pdf:Soffice", Path.Combine(_dir, "not-installed")));
        using var client = app.CreateClient();

        var pdf = await client.GetAsync($"{Page}.pdf");
        var html = await pdf.Content.ReadAsStringAsync();
        var page = await client.GetStringAsync(Page);
        var docx = await client.GetAsync($"{Page}.docx");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, pdf.StatusCode);
        Assert.Contains("apt-get install libreoffice-writer-nogui fonts-thai-tlwg", html);
        Assert.DoesNotContain(".pdf", page);
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
    }

    [Fact]
    public async Task TheApprovalMemoIsBesideTheReport()
    {
        using var app = await StartAsync(new TestApp()
            .With("Reports:Memo:To", "นายกเทศมนตรีตำบลเมืองจันทร์").With("Reports:Memo:Number", "ศก ๕๑๒๐๑/๑๒๓"));
        using var client = app.CreateClient();

        var response = await client.GetAsync($"{Page}-memo.docx");
        using var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("บันทึกขออนุญาตเผยแพร่ ITA เทศบาลตำบลเมืองจันทร์ 2568 รอบ 6 เดือน.docx", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Contains("บันทึกข้อความ", text);
        Assert.Contains("เรียน  นายกเทศมนตรีตำบลเมืองจันทร์", text);
        Assert.Contains("ศก ๕๑๒๐๑/๑๒๓", text);
        Assert.Contains("และขออนุญาตเผยแพร่บนเว็บไซต์ของหน่วยงาน", text);
        Assert.Contains("ดำเนินการแล้วเสร็จ", text);
    }
}
