using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

/// <summary>A large round's page is split into pages a phone can open, linked to each other, the summary on the last.</summary>
public sealed class HtmlReportPagesTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static readonly ReportFileLinks Links = ReportDocuments.SiblingLinks("6m", new Uri("https://ita.example.go.th/r/tok/2568/6m"), served: true);

    /// <summary>The scenario's measures repeated to <paramref name="count"/>, each with its own code.</summary>
    RoundReport Large(int count) => scenario.Report with
    {
        Measures = [.. Enumerable.Range(0, count).Select(i => scenario.Report.Measures[i % scenario.Report.Measures.Count] with { Code = $"X{i + 1}", Order = i + 1 })],
    };

    static List<string> Anchors(string html) => [.. Regex.Matches(html, "<tr class=\"measure\" id=\"m-(X\\d+)\">").Select(m => m.Groups[1].Value)];

    [Fact]
    public void ARoundOfTwoHundredAndFiftyMeasuresIsThreePagesOfAHundredLinkedToEachOther()
    {
        var report = Large(250);
        Assert.Equal(3, HtmlReportRenderer.PageCount(report));

        var pages = Enumerable.Range(1, 3).Select(p => HtmlReportRenderer.Render(report, Links, page: p)).ToList();

        Assert.Equal([.. Enumerable.Range(1, 100).Select(i => $"X{i}")], Anchors(pages[0]));
        Assert.Equal([.. Enumerable.Range(101, 100).Select(i => $"X{i}")], Anchors(pages[1]));
        Assert.Equal([.. Enumerable.Range(201, 50).Select(i => $"X{i}")], Anchors(pages[2]));
        Assert.Contains("หน้า ๑ จาก ๓", pages[0]);
        Assert.Contains("<a href=\"6m?page=2\">๑๐๑–๒๐๐</a>", pages[0]);
        Assert.Contains("<a href=\"6m?page=3\">๒๐๑–๒๕๐</a>", pages[0]);
        Assert.Contains("<a href=\"6m\">๑–๑๐๐</a>", pages[2]);
        Assert.Contains("(หน้า ๒)</title>", pages[1]);
        // The summary and the signature close the document, on its last page only; the others point there.
        Assert.All(pages.Take(2), p => Assert.DoesNotContain("รวมทั้งหน่วยงาน", p));
        Assert.All(pages.Take(2), p => Assert.Contains("<a href=\"6m?page=3\">สรุปผลการดำเนินการและผู้รายงาน อยู่ที่หน้าสุดท้าย</a>", p));
        Assert.Contains("รวมทั้งหน่วยงาน", pages[2]);
        Assert.Contains("ลงชื่อ", pages[2]);
        Assert.All(pages, p => Assert.EndsWith("</html>\n", p));
        Assert.Throws<ArgumentOutOfRangeException>(() => HtmlReportRenderer.Render(report, Links, page: 4));
    }

    [Fact]
    public void ARoundOfAHundredMeasuresOrFewerIsOnePageWithoutPageLinks()
    {
        var html = HtmlReportRenderer.Render(Large(100), Links);

        Assert.Equal(100, Anchors(html).Count);
        Assert.DoesNotContain("class=\"pages\"", html);
        Assert.Contains("รวมทั้งหน่วยงาน", html);
    }

    [Fact]
    public void ACutCellLeadsToThePageThatShowsItsMeasure()
    {
        var report = Large(150);
        Assert.Equal("https://ita.example.go.th/r/tok/2568/6m#m-X1", Links.FullText(report.Measures[0], 0));
        Assert.Equal("https://ita.example.go.th/r/tok/2568/6m?page=2#m-X150", Links.FullText(report.Measures[149], 149));
    }

    [Fact]
    public void SavedPagesLinkToEachOtherByFileName()
    {
        var saved = ReportDocuments.SiblingLinks("ita-report-2568-6m") with { PagesAreFiles = true };
        var html = HtmlReportRenderer.Render(Large(150), saved, page: 2);

        Assert.Contains("<a href=\"ita-report-2568-6m.html\">๑–๑๐๐</a>", html);
        Assert.Equal("ita-report-2568-6m-page2.html", saved.PageAddress(2));
    }

    [Fact]
    public void TheWordAndExcelFilesOfALargeRoundAreWrittenStraightIntoTheirPackages()
    {
        // The body and the sheet are streamed into the zip (StreamedPackage): the files still open with every part.
        var report = Large(300);
        using var docx = new MemoryStream();
        DocxReportRenderer.Render(report, docx, links: Links);
        using var xlsx = new MemoryStream();
        XlsxReportRenderer.Render(report, xlsx, Links);

        using (var word = WordprocessingDocument.Open(new MemoryStream(docx.ToArray()), false))
        {
            var text = word.MainDocumentPart!.Document.Body!.InnerText;
            // Three boxes a measure: every one of the 300 rows is there.
            Assert.Equal(900, text.Count(c => c.ToString() is ReportText.Checked or ReportText.Unchecked));
            Assert.NotNull(word.MainDocumentPart.StyleDefinitionsPart);
            Assert.Single(word.MainDocumentPart.FooterParts);
            Assert.Equal(word.MainDocumentPart.Document.Body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Hyperlink>().Count(), word.MainDocumentPart.HyperlinkRelationships.Count());
        }
        using var excel = SpreadsheetDocument.Open(new MemoryStream(xlsx.ToArray()), false);
        var sheet = excel.WorkbookPart!.WorksheetParts.First(p => p.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count() > 300).Worksheet;
        Assert.Equal(301, sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
        Assert.NotNull(sheet.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetViews>());
    }
}
