using System.Diagnostics;
using ItaBot.Import;
using ItaBot.Tests.Support;
using Microsoft.Extensions.Options;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>
/// Word 97–2003 (.doc) and OpenDocument (.odt) plans, still common in Thai offices, go through LibreOffice
/// (Debian's libreoffice-writer-nogui, installed by .ci/run) and then import as their DOCX would.
/// </summary>
[Trait("Category", "LibreOffice")]
public sealed class OldWordFileTests : IDisposable
{
    const string Org = "เทศบาลตำบลเมืองจันทร์";
    readonly string _dir = Directory.CreateTempSubdirectory("itabot-doc-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Saves the DOCX in another format the way a person would, with LibreOffice itself.</summary>
    async Task<byte[]> SaveAsAsync(byte[] docx, string extension)
    {
        var input = Path.Combine(_dir, "plan.docx");
        await File.WriteAllBytesAsync(input, docx);
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"-env:UserInstallation=file://{_dir}/profile", "--headless", "--norestore", "--convert-to", extension, "--outdir", _dir, input })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
        return await File.ReadAllBytesAsync(Path.Combine(_dir, "plan." + extension));
    }

    static byte[] MuangChan() => DocxBuilder.FromExtractedText(DomainFiles.Read("plan-muangchan-2568.txt"));

    [Theory]
    [InlineData("doc")]
    [InlineData("odt")]
    public async Task AnOldWordOrOpenDocumentPlanImportsTheSameMeasuresAsItsDocx(string extension)
    {
        var docx = MuangChan();
        var converted = await SaveAsAsync(docx, extension);
        using var fromDocx = new TempDatabase();
        using var fromOther = new TempDatabase();

        await ImportOkAsync(fromDocx, new PlanFile("แผน2568.docx", docx), Org, 2568);
        var result = await ImportOkAsync(fromOther, new PlanFile($"แผน2568.{extension}", converted), Org, 2568);

        var expected = await MeasuresAsync(fromDocx, Org, 2568);
        var actual = await MeasuresAsync(fromOther, Org, 2568);
        Assert.Equal(9, actual.Count);
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
        Assert.Equal($"แผน2568.{extension}", result.File);
    }

    [Fact]
    public async Task ADocWithNoExtensionIsKnownByItsContent()
    {
        var doc = await SaveAsAsync(MuangChan(), "doc");
        using var database = new TempDatabase();

        await ImportOkAsync(database, new PlanFile("แผนมาตรการ", doc), Org, 2568);

        Assert.Equal(9, (await MeasuresAsync(database, Org, 2568)).Count);
    }

    [Fact]
    public async Task ConversionsTakeTurnsAndEachGetsItsOwnAnswer()
    {
        var doc = await SaveAsAsync(MuangChan(), "doc");
        var previewer = new PlanPreviewer(Options.Create(new ImportOptions()));

        var previews = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => previewer.PreviewAsync(new PlanFile("plan.doc", doc), 2568)));

        Assert.All(previews, p => Assert.Equal(9, p.Draft.Measures.Count));
    }

    [Fact]
    public async Task AConversionOverItsTimeLimitIsStoppedAndSaysSo()
    {
        var doc = await SaveAsAsync(MuangChan(), "doc");
        var previewer = new PlanPreviewer(Options.Create(new ImportOptions { Limits = new ImportLimits { ConversionTimeout = TimeSpan.FromMilliseconds(50) } }));

        var preview = await previewer.PreviewAsync(new PlanFile("plan.doc", doc), 2568);

        Assert.Contains("ไม่เสร็จภายใน", Assert.Single(preview.Draft.Problems).Message);
    }

    static string Describe(ItaBot.Tracking.Measure m) =>
        $"{m.Code}|{m.Issue}|{m.Title}|{string.Join(";", m.Steps)}|{string.Join(",", UnitsOf(m))}|{Month(m.PeriodStart)}-{Month(m.PeriodEnd)}";
}

/// <summary>Without LibreOffice the .doc path says what to install; it needs no LibreOffice to say so.</summary>
public class OldWordFileWithoutLibreOfficeTests
{
    [Theory]
    [InlineData("plan.doc")]
    [InlineData("plan.odt")]
    public async Task WithoutLibreOfficeTheMessageNamesTheDebianPackage(string name)
    {
        var previewer = new PlanPreviewer(Options.Create(new ImportOptions { LibreOffice = "/nonexistent/soffice" }));

        var preview = await previewer.PreviewAsync(new PlanFile(name, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), 2568);

        var problem = Assert.Single(preview.Draft.Problems);
        Assert.Contains("libreoffice-writer-nogui", problem.Message);
        Assert.Contains("บันทึกเป็น .docx", problem.Message);
        Assert.Equal(name, problem.File);
    }
}
