using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tracking;

namespace ItaBot.Tests.Reports;

/// <summary>A year of long answers: every cell each format writes stays within that format's limits, and a cut cell points at the full text.</summary>
public sealed class CellLimitTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static readonly Uri Page = new("https://ita.example.go.th/r/tok/2568/6m");
    static readonly ReportFileLinks Links = ReportDocuments.SiblingLinks("6m", Page, served: true);

    /// <summary>Ninety answers of 1,900 characters each, every one different: about 171,000 characters of results.</summary>
    RoundReport LongYear()
    {
        var entries = Enumerable.Range(1, 90)
            .Select(i => new ResultEntry(new DateOnly(2025, 1, 1).AddDays(i), $"ครั้งที่ {i}: " + string.Concat(Enumerable.Repeat("จัดประชุมชี้แจงมาตรการ 😀 ", 80)).TrimEnd()))
            .ToList();
        var m1 = scenario.Report.Measures[0] with { Results = entries, Problems = entries.Take(30).ToList() };
        return scenario.Report with { Measures = [m1, .. scenario.Report.Measures.Skip(1)] };
    }

    [Fact]
    public void EveryXlsxCellFitsExcelsLimitAndACutOneLinksToTheMeasuresRowOnThePage()
    {
        using var stream = new MemoryStream();
        XlsxReportRenderer.Render(LongYear(), stream, Links);
        stream.Position = 0;
        using var doc = SpreadsheetDocument.Open(stream, false);

        var cells = doc.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).ToList();
        Assert.All(cells, text => Assert.InRange(text.Length, 0, CellLimits.Xlsx));
        var results = cells.First(c => c.StartsWith("- ครั้งที่ 1:", StringComparison.Ordinal));
        Assert.EndsWith("…ดูเพิ่มเติม: https://ita.example.go.th/r/tok/2568/6m#m-M1", results);
        Assert.DoesNotContain('\uFFFD', results);
        Assert.False(char.IsHighSurrogate(results.Split('\n')[^2][^1]));
    }

    [Fact]
    public void EveryCsvFieldFitsAndACutOneSaysWhereTheRestIs()
    {
        using var stream = new MemoryStream();
        CsvReportRenderer.Render(LongYear(), stream, Links);

        var csv = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("…ดูเพิ่มเติม: https://ita.example.go.th/r/tok/2568/6m#m-M1", csv);
        Assert.True(csv.Length < 3 * CellLimits.Csv + 20_000);
    }

    [Fact]
    public void ADocxCellStopsAfterAFewPagesWithALinkToTheFullText()
    {
        using var stream = new MemoryStream();
        DocxReportRenderer.Render(LongYear(), stream, links: Links);
        stream.Position = 0;
        using var doc = WordprocessingDocument.Open(stream, false);

        var cells = doc.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => c.InnerText).ToList();
        Assert.All(cells, text => Assert.InRange(text.Length, 0, CellLimits.Docx + 20));
        Assert.Contains(cells, c => c.EndsWith(CellLimits.More, StringComparison.Ordinal));
        Assert.Contains("https://ita.example.go.th/r/tok/2568/6m#m-M1", doc.MainDocumentPart.HyperlinkRelationships.Select(r => r.Uri.AbsoluteUri));
    }

    [Fact]
    public void ThePageItselfShowsEveryAnswerInFullOnce()
    {
        var html = HtmlReportRenderer.Render(LongYear(), Links);

        // Results once each; the first thirty were also given as problems, so those appear once more in that cell.
        for (var i = 1; i <= 90; i++)
            Assert.Equal(i <= 30 ? 2 : 1, System.Text.RegularExpressions.Regex.Matches(html, $"ครั้งที่ {ItaBot.Thai.ThaiDigits.ToThai(i)}: ").Count);
        Assert.Contains("id=\"m-M1\"", html);
    }
}

/// <summary>Answers stored the old way (each carrying all the text so far) are listed once each in every format.</summary>
public sealed class RepeatedEntryTests : IDisposable
{
    readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task EightFollowUpAnswersAreEightEntriesNotEightGrowingCopies()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        var text = "";
        var answers = Enumerable.Range(1, 8).Select(i => $"ตอบครั้งที่ {i} " + new string('ข', 3000)).ToList();
        for (var i = 0; i < answers.Count; i++)
        {
            text = i == 0 ? answers[0] : text + "\n" + answers[i];
            scenario.Report("M3", scenario.SixMonthRound, ReportScenario.Utc(2025, 2, 1 + i, 3), MeasureStatus.InProgress, result: text);
        }
        await scenario.SaveAsync();

        var report = (await new RoundReportCompiler(_database.NewContext(), new FakeTimeProvider(ReportScenario.Now)).CompileAsync(scenario.SixMonthRoundId))!;

        var m3 = report.Measures.Single(m => m.Code == "M3");
        Assert.Equal(answers, m3.Results.Select(r => r.Text));
        var html = HtmlReportRenderer.Render(report, ReportDocuments.SiblingLinks("6m"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "ตอบครั้งที่ ๑ "), _ => true);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "ตอบครั้งที่ ๘ "), _ => true);
    }
}
