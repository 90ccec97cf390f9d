using System.Diagnostics;
using System.Globalization;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

/// <summary>
/// The DOCX opens in a real word processor: LibreOffice converts it to PDF, poppler renders the first page.
/// Needs Debian's libreoffice-writer-nogui, poppler-utils and fonts-thai-tlwg (.ci/run installs them).
/// </summary>
[Trait("Category", "LibreOffice")]
public sealed class LibreOfficeRenderingTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>, IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("itabot-lo-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheWordFileConvertsToAPdfWhoseFirstPageHasTheTitleAndTheTable()
    {
        var docx = Path.Combine(_dir, "ita-report-2568-6m.docx");
        await using (var file = File.Create(docx))
            DocxReportRenderer.Render(scenario.Report, file, new ReportsOptions { CoordinatorName = "นางสาวมาลี ใจดี", CoordinatorPosition = "นักวิเคราะห์นโยบายและแผน" });

        // A profile of its own, so a LibreOffice already running for someone else does not swallow the conversion.
        await RunAsync("soffice", $"-env:UserInstallation=file://{_dir}/profile", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", _dir, docx);
        var pdf = Path.Combine(_dir, "ita-report-2568-6m.pdf");
        Assert.True(File.Exists(pdf), "LibreOffice wrote no PDF");

        await RunAsync("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf, Path.Combine(_dir, "page"));
        var png = Directory.GetFiles(_dir, "page*.png").Single();
        Assert.True(new FileInfo(png).Length > 10_000, "the rendered page is nearly empty");
        var keep = Environment.GetEnvironmentVariable("ITABOT_KEEP_RENDERED_REPORT");
        if (!string.IsNullOrEmpty(keep)) { File.Copy(png, keep, overwrite: true); File.Copy(pdf, Path.ChangeExtension(keep, ".pdf"), overwrite: true); }

        var firstPage = Normalize(await RunAsync("pdftotext", "-f", "1", "-l", "1", pdf, "-"));
        Assert.Contains(Normalize(ReportText.Title(scenario.Report)), firstPage);
        // Narrow columns wrap the header cells, so each is checked by the part that lands on its first line.
        foreach (var header in new[] { "ประเด็น", "มาตรการ/", "ขั้นตอน/วิธีการ", "ผู้รับผิด", "ระยะ", "สรุปผล", "ผลการดำเนิน", "ปัญหา" })
            Assert.Contains(Normalize(header), firstPage);
        Assert.Contains("☐", firstPage);
        Assert.Contains(Normalize("จัดทำคู่มือ"), firstPage);

        var info = await RunAsync("pdfinfo", pdf);
        Assert.Matches(@"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info);
    }

    /// <summary>
    /// Text as pdftotext gives it back, compared without spaces and Thai marks above and below the line:
    /// PDF text puts spaces where a line wrapped and may store a tone mark before its vowel.
    /// </summary>
    static string Normalize(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)));

    static Task<string> RunAsync(string program, params string[] args) => Programs.RunAsync(program, args);
}
