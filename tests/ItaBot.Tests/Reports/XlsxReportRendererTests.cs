using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

public sealed class XlsxReportRendererTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static SpreadsheetDocument Open(RoundReport report)
    {
        var stream = new MemoryStream();
        XlsxReportRenderer.Render(report, stream);
        stream.Position = 0;
        return SpreadsheetDocument.Open(stream, false);
    }

    static Worksheet Sheet(SpreadsheetDocument doc, string name)
    {
        var workbook = doc.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    static string Value(Cell cell) => cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue!.Text;

    static List<string> Row(Worksheet sheet, uint row) =>
        sheet.GetFirstChild<SheetData>()!.Elements<Row>().Single(r => r.RowIndex! == row).Elements<Cell>().Select(Value).ToList();

    [Fact]
    public void TheWorkbookPassesTheOpenXmlValidator()
    {
        using var doc = Open(scenario.WithHostileMeasure());

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void TheReportSheetHasAThaiHeaderRowAndOneRowPerMeasure()
    {
        using var doc = Open(scenario.Report);

        var sheet = Sheet(doc, "รายงาน");
        var rows = sheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();

        Assert.Equal(["รายงาน", "สรุป"], doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        Assert.Equal(1 + scenario.Report.Measures.Count, rows.Count);
        Assert.Equal(
            ["ลำดับ", "รหัส", "ประเด็น/ตัวชี้วัด", "ข้อ OIT", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ",
             "สรุปผลการดำเนินการ", "เหตุที่ดำเนินการไม่ได้", "ผลการดำเนินการ", "ผลลัพธ์", "ปัญหาอุปสรรค / ข้อเสนอแนะ",
             "หลักฐาน", "หน่วยงานที่ยังไม่รายงาน", "รายงานล่าสุด", "จำนวนครั้งที่รายงาน"],
            Row(sheet, 1));
        Assert.Equal(
            ["1", "M1", "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส", "O36", "จัดทำคู่มือการปฏิบัติงาน",
             "๑. ผู้รับผิดชอบจัดทำคู่มือ\n๒. เผยแพร่บนเว็บไซต์หน่วยงาน", "สำนักปลัด\nกองคลัง\nกองช่าง", "ต.ค. ๖๗ – ก.ย. ๖๘",
             "ดำเนินการแล้วเสร็จ", "", "- ร่างคู่มือแล้ว (๕ พ.ย. ๖๗)\n- เผยแพร่คู่มือบนเว็บไซต์แล้ว 3 ฉบับ (๒๐ ก.พ. ๖๘)",
             "- บุคลากรรับทราบแนวทางเดียวกัน (๒๐ ก.พ. ๖๘)", "", "https://muangchan.go.th/manual-draft\nhttps://muangchan.go.th/manual", "",
             "๒๐ ก.พ. ๖๘", "3"],
            Row(sheet, 2));
        Assert.Equal("กองช่าง\nกองการศึกษา", Row(sheet, 4)[14]);
        Assert.Equal("ไม่ได้รับงบประมาณ – งบประมาณถูกตัดลด", Row(sheet, 3)[9]);
        Assert.DoesNotContain(sheet.Descendants<Cell>(), c => c.InnerText is "Done" or "InProgress" or "AwaitingReport");
    }

    [Fact]
    public void TheHeaderRowIsFrozenBoldAndColumnsAreSizedAndWrapped()
    {
        using var doc = Open(scenario.Report);

        var sheet = Sheet(doc, "รายงาน");
        var pane = sheet.GetFirstChild<SheetViews>()!.Descendants<Pane>().Single();
        var columns = sheet.GetFirstChild<Columns>()!.Elements<Column>().ToList();
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<Font>().ToList();
        var headerCell = sheet.Descendants<Cell>().First();
        var bodyCell = sheet.Descendants<Cell>().First(c => c.CellReference == "F2");

        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1D, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal(ReportColumns.All.Count(c => !c.CsvOnly), columns.Count);
        Assert.All(columns, c => Assert.True(c.CustomWidth!.Value && c.Width!.Value >= 6));
        Assert.NotNull(fonts[(int)formats[(int)headerCell.StyleIndex!.Value].FontId!.Value].GetFirstChild<Bold>());
        Assert.True(formats[(int)bodyCell.StyleIndex!.Value].Alignment!.WrapText!.Value);
    }

    [Fact]
    public void TheSummarySheetCountsStatusesAndUnitsAsNumbers()
    {
        using var doc = Open(scenario.Report);

        var sheet = Sheet(doc, "สรุป");

        Assert.StartsWith("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ของเทศบาลตำบลเมืองจันทร์", Row(sheet, 1)[0]);
        Assert.Equal(["สถานะ", "จำนวนมาตรการ", "ร้อยละ"], Row(sheet, 4));
        Assert.Equal(["ดำเนินการแล้วเสร็จ", "1", "16.7"], Row(sheet, 5));
        Assert.Equal(["รอรายงานผล", "1", "16.7"], Row(sheet, 9));
        Assert.Equal(["รวม", "6", "100"], Row(sheet, 10));
        Assert.Equal(["ผู้รับผิดชอบ", "จำนวนมาตรการ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างการดำเนินการ", "ยังไม่ได้ดำเนินการ", "ไม่สามารถดำเนินการได้", "รอรายงานผล", "ร้อยละที่แล้วเสร็จ"], Row(sheet, 12));
        Assert.Equal(["สำนักปลัด", "3", "1", "1", "1", "0", "0", "33.3"], Row(sheet, 13));
        Assert.Equal(CellValues.Number, sheet.Descendants<Cell>().Single(c => c.CellReference == "B5").DataType!.Value);
    }

    [Fact]
    public void RowsAreAsTallAsTheirWrappedTextAndTheSheetPrintsLandscapeOnePageWide()
    {
        var longer = scenario.Report with
        {
            Measures = [.. scenario.Report.Measures.Select((m, i) => i == 1 ? m with { Title = string.Concat(Enumerable.Repeat("เผยแพร่แผนการจัดซื้อจัดจ้างประจำปีบนเว็บไซต์หน่วยงาน ", 8)) } : m)],
        };
        using var doc = Open(longer);

        var sheet = Sheet(doc, "รายงาน");
        var rows = sheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
        var setup = sheet.GetFirstChild<PageSetup>()!;
        var names = doc.WorkbookPart!.Workbook.DefinedNames!.Elements<DefinedName>().ToDictionary(n => n.Name!.Value!, n => n.Text);

        Assert.All(rows, r => Assert.True(r.CustomHeight!.Value && r.Height!.Value >= 22));
        // Eight sentences in a 40-character column wrap over many lines; a one-line measure code row does not.
        Assert.True(rows[2].Height!.Value > 4 * rows[4].Height!.Value, $"{rows[2].Height!.Value} vs {rows[4].Height!.Value}");
        Assert.Equal(OrientationValues.Landscape, setup.Orientation!.Value);
        Assert.Equal(9U, setup.PaperSize!.Value);
        Assert.Equal(1U, setup.FitToWidth!.Value);
        Assert.Equal(0U, setup.FitToHeight!.Value);
        Assert.True(sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
        Assert.Equal("'รายงาน'!$1:$1", names["_xlnm.Print_Titles"]);
        Assert.StartsWith("'รายงาน'!$A$1:$", names["_xlnm.Print_Area"]);
    }

    [Fact]
    public void AClosedRoundNamesNoOneWhoStillOwesAnAnswer()
    {
        var closed = scenario.Report with { Round = scenario.Report.Round with { State = ItaBot.Tracking.RoundState.Closed } };
        using var doc = Open(closed);

        var sheet = Sheet(doc, "รายงาน");

        Assert.Equal("", Row(sheet, 4)[14]);
        Assert.Equal("ไม่มีรายงานผล", Row(Sheet(doc, "สรุป"), 9)[0]);
    }
}
