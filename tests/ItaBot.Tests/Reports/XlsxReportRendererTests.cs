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
             "สรุปผลการดำเนินการ", "รหัสสถานะ", "เหตุที่ดำเนินการไม่ได้", "ผลการดำเนินการ", "ผลลัพธ์", "ปัญหาอุปสรรค / ข้อเสนอแนะ",
             "หลักฐาน", "หน่วยงานที่ยังไม่รายงาน", "รายงานล่าสุด", "จำนวนครั้งที่รายงาน"],
            Row(sheet, 1));
        Assert.Equal(
            ["1", "M1", "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส", "O36", "จัดทำคู่มือการปฏิบัติงาน",
             "๑. ผู้รับผิดชอบจัดทำคู่มือ\n๒. เผยแพร่บนเว็บไซต์หน่วยงาน", "สำนักปลัด\nกองคลัง\nกองช่าง", "ต.ค. ๖๗ – ก.ย. ๖๘",
             "ดำเนินการแล้วเสร็จ", "Done", "", "2024-11-05: ร่างคู่มือแล้ว\n2025-02-20: เผยแพร่คู่มือบนเว็บไซต์แล้ว 3 ฉบับ",
             "2025-02-20: บุคลากรรับทราบแนวทางเดียวกัน", "", "https://muangchan.go.th/manual-draft\nhttps://muangchan.go.th/manual", "",
             "2025-02-20", "3"],
            Row(sheet, 2));
        Assert.Equal("กองช่าง\nกองการศึกษา", Row(sheet, 4)[15]);
        Assert.Equal("ไม่ได้รับงบประมาณ – งบประมาณถูกตัดลด", Row(sheet, 3)[10]);
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
        Assert.Equal(ReportColumns.All.Count, columns.Count);
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
        Assert.Equal(["สถานะ", "รหัสสถานะ", "จำนวนมาตรการ", "ร้อยละ"], Row(sheet, 4));
        Assert.Equal(["ดำเนินการแล้วเสร็จ", "Done", "1", "16.7"], Row(sheet, 5));
        Assert.Equal(["รอรายงานผล", "AwaitingReport", "1", "16.7"], Row(sheet, 9));
        Assert.Equal(["รวม", "", "6", "100"], Row(sheet, 10));
        Assert.Equal(["ผู้รับผิดชอบ", "จำนวนมาตรการ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างการดำเนินการ", "ยังไม่ได้ดำเนินการ", "ไม่สามารถดำเนินการได้", "รอรายงานผล", "ร้อยละที่แล้วเสร็จ"], Row(sheet, 12));
        Assert.Equal(["สำนักปลัด", "3", "1", "1", "1", "0", "0", "33.3"], Row(sheet, 13));
        Assert.Equal(CellValues.Number, sheet.Descendants<Cell>().Single(c => c.CellReference == "C5").DataType!.Value);
    }
}
