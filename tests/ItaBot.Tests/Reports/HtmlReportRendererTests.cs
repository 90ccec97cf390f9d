using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

public sealed class HtmlReportRendererTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static readonly ReportFileLinks Links = ReportDocuments.SiblingLinks("6m");

    [Fact]
    public void ThePageIsThaiPrintsA4LandscapeAndRepeatsTheTableHeader()
    {
        var html = HtmlReportRenderer.Render(scenario.Report, Links);

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"th\">", html);
        Assert.Contains("@page { size: A4 landscape;", html);
        Assert.Contains("thead { display: table-header-group; }", html);
        Assert.Contains("<title>รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ของเทศบาลตำบลเมืองจันทร์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ รอบ ๖ เดือน (ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)</title>", html);
        Assert.Contains("<th scope=\"col\">ผลการดำเนินการ / ผลลัพธ์ / ปัญหาอุปสรรค</th>", html);
        Assert.Contains("@media screen and (max-width: 699px)", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void ThePageLinksItsPdfWordExcelCsvAndJsonFiles()
    {
        var html = HtmlReportRenderer.Render(scenario.Report, Links);
        var withoutPdf = HtmlReportRenderer.Render(scenario.Report, ReportDocuments.SiblingLinks("6m", pdf: false));

        Assert.Contains("<a href=\"6m.pdf\">PDF</a>", html);
        Assert.DoesNotContain(".pdf", withoutPdf);
        Assert.Contains("<a href=\"6m.docx\">Word (.docx)</a> ", html);
        Assert.Contains("<a href=\"6m.xlsx\">Excel (.xlsx)</a>", html);
        Assert.Contains("<a href=\"6m.csv\">CSV</a>", html);
        Assert.Contains("<a href=\"6m.json\">JSON</a>", html);
    }

    [Fact]
    public void ThePageShowsStatusesResultsAndWhoHasNotAnswered()
    {
        var html = HtmlReportRenderer.Render(scenario.Report, Links);

        Assert.Contains("<tr class=\"measure\" id=\"m-M1\">", html);
        Assert.Contains("<p>☑ ดำเนินการแล้วเสร็จ</p>", html);
        Assert.Contains("<p>- เผยแพร่คู่มือบนเว็บไซต์แล้ว ๓ ฉบับ (๒๐ ก.พ. ๖๘)</p>", html);
        Assert.Contains("<a href=\"https://muangchan.go.th/manual\" title=\"https://muangchan.go.th/manual\" rel=\"noopener noreferrer nofollow\">muangchan.\u200Bgo.\u200Bth/\u200Bmanual</a>", html);
        Assert.Contains("<p>ยังไม่ได้รับรายงานผลจาก กองช่าง, กองการศึกษา</p>", html);
        Assert.Contains("<tr class=\"total\"><td>รวมทั้งหน่วยงาน</td><td class=\"n\" data-label=\"จำนวนมาตรการ\">๖</td>", html);
    }

    [Fact]
    public void MarkupTypedIntoAMeasureIsShownAsTextNeverRun()
    {
        var html = HtmlReportRenderer.Render(scenario.WithHostileMeasure(), Links, new ReportsOptions { CoordinatorName = "<img src=x onerror=alert(1)>" });

        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co", html);
        Assert.DoesNotContain("<b>ตัวหนา</b>", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.Contains("<p>หลักฐาน: javascript:alert(1)</p>", html);
        Assert.Contains("href=\"https://example.go.th/a?b=1&amp;c=2\"", html);
    }

    [Fact]
    public void AClosedRoundShowsNoChasingText()
    {
        var closed = scenario.Report with { Round = scenario.Report.Round with { State = ItaBot.Tracking.RoundState.Closed } };

        var html = HtmlReportRenderer.Render(closed, Links);

        Assert.Contains("<p>ไม่มีรายงานผลในรอบนี้</p>", html);
        Assert.DoesNotContain("ยังไม่ได้รับรายงาน", html);
        Assert.DoesNotContain("รอรายงาน", html);
    }
}
