using ItaBot.Reports;
using DocumentFormat.OpenXml.Packaging;

namespace ItaBot.Tests.Reports;

public sealed class ReportCommandTests(ScenarioApp scenario) : IClassFixture<ScenarioApp>, IDisposable
{
    readonly string _out = Path.Combine(Path.GetTempPath(), $"itabot-report-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }

    async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await ReportCommand.RunAsync(scenario.App.Services, args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ReportWritesTheFiveFilesAndPrintsTheirPaths()
    {
        var (exit, stdout, stderr) = await RunAsync("--org", "เทศบาลตำบลเมืองจันทร์", "--year", "2568", "--round", "6m", "--out", _out);

        Assert.Equal(0, exit);
        var names = new[] { "html", "docx", "xlsx", "csv", "json" }.Select(e => $"ita-report-2568-6m.{e}").ToList();
        Assert.Equal(names.Select(n => Path.Combine(_out, n)), stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        Assert.All(names, n => Assert.True(new FileInfo(Path.Combine(_out, n)).Length > 0, n));
        Assert.Contains("<a href=\"ita-report-2568-6m.docx\">", File.ReadAllText(Path.Combine(_out, "ita-report-2568-6m.html")));
        using (var doc = WordprocessingDocument.Open(Path.Combine(_out, "ita-report-2568-6m.docx"), false))
            Assert.Contains("รอบ ๖ เดือน", doc.MainDocumentPart!.Document.Body!.InnerText);
        Assert.Contains("6 มาตรการ / measures", stderr);
    }

    [Fact]
    public async Task ThaiDigitsAndStraySpacesInArgumentsAreAccepted()
    {
        var (exit, _, _) = await RunAsync("--org", " เทศบาลตำบล เมืองจันทร์ ", "--year", "๒๕๖๘", "--round", "๖m", "--out", _out);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(_out, "ita-report-2568-6m.xlsx")));
    }

    [Fact]
    public async Task MissingArgumentsExitWithTwoAndNameThemInThaiAndEnglish()
    {
        var (exit, stdout, stderr) = await RunAsync("--org", "เทศบาลตำบลเมืองจันทร์", "--year", "2568");

        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("ขาดค่า --round, --out / missing --round, --out", stderr);
    }

    [Theory]
    [InlineData("2025", "6m", "ไม่ใช่ปีงบประมาณ พ.ศ.")]
    [InlineData("2568", "half", "ต้องเป็น 6m, 12m หรือรหัสรอบ")]
    public async Task ABadYearOrRoundExitsWithTwo(string year, string round, string message)
    {
        var (exit, _, stderr) = await RunAsync("--org", "เทศบาลตำบลเมืองจันทร์", "--year", year, "--round", round, "--out", _out);

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public async Task AnUnknownOrganizationExitsWithOneAndListsTheKnownOnes()
    {
        var (exit, _, stderr) = await RunAsync("--org", "อบต.ไม่มีจริง", "--year", "2568", "--round", "6m", "--out", _out);

        Assert.Equal(1, exit);
        Assert.Contains("ไม่พบหน่วยงาน \"อบต.ไม่มีจริง\" / organization not found", stderr);
        Assert.Contains("เทศบาลตำบลเมืองจันทร์", stderr);
        Assert.False(Directory.Exists(_out));
    }

    [Fact]
    public async Task ARoundThatWasNeverOpenedExitsWithOneAndListsTheRoundsThatExist()
    {
        var (exit, _, stderr) = await RunAsync("--org", "เทศบาลตำบลเมืองจันทร์", "--year", "2568", "--round", "12m", "--out", _out);

        Assert.Equal(1, exit);
        Assert.Contains("ไม่พบรอบ 12m ปีงบประมาณ 2568", stderr);
        Assert.Contains("6m (SixMonth, Open)", stderr);
    }
}
