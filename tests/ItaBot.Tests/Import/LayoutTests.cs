using ItaBot.Import;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;
using static ItaBot.Tests.Import.PlanDocx;

namespace ItaBot.Tests.Import;

/// <summary>
/// Plans laid out the ways other agencies lay them out (column orders, words and structures taken from the header
/// corpus in tests/fixtures/import), built as Word files by code, each with the measures, units and periods a
/// coordinator would read in it.
/// </summary>
public class LayoutTests
{
    const string Org = "เทศบาลตำบลทดสอบ";
    const string WholeYearStart = "2024-10", WholeYearEnd = "2025-09";

    /// <summary>Imports the layout, and keeps the file in the artifacts folder so a person can open it in Word.</summary>
    static async Task<ImportResult> ImportDocxAsync(TempDatabase database, byte[] docx, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        var folder = Path.Combine(Support.Browser.BrowserSession.ArtifactsFolder, "import-layouts");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, name + ".docx"), docx);
        return await ImportOkAsync(database, new PlanFile(name + ".docx", docx), Org, 2568);
    }

    [Fact]
    public async Task ALeadingRowNumberColumnAndColumnsInAnotherOrderWithSpacersAndABudget()
    {
        using var database = new TempDatabase();
        var docx = Build(
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
            new Table(
                new Row("ลำดับ", "", "โครงการ/กิจกรรม", "หน่วยงานที่รับผิดชอบ", "ช่วงเวลาดำเนินการ", "วิธีดำเนินการ", "งบประมาณ (บาท)"),
                new Row("๑", "", "ประชุมชี้แจงแนวทางปฏิบัติเพื่อป้องกันการทุจริต", "สำนักปลัด คณะทำงานฯ", "ต.ค. – ธ.ค. ๖๗", "๑. จัดประชุม ๒. สรุปรายงานการประชุม", "๕,๐๐๐"),
                new Row("", "", "", "", "", "", ""),
                new Row("๒", "", "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์", "กองคลัง และนักวิชาการเงินและบัญชี", "ตลอดปีงบประมาณ", "๑. รวบรวมประกาศ", "-"),
                // No number and no title: the rest of measure ๒ (Word broke the row).
                new Row("", "", "", "", "", "๒. ลงเว็บไซต์ภายใน ๓ วัน", ""),
                new Row("๓", "", "ประกาศเจตนารมณ์ต่อต้านการทุจริต", "นักวิเคราะห์นโยบายและแผน", "ม.ค. ๖๘", "ผู้บริหารลงนามในประกาศ", ""),
                new Row("๔", "", "ทบทวนคู่มือการปฏิบัติงาน", "สำนักปลัด (นักวิเคราะห์นโยบายและแผน)", "เม.ย. - มิ.ย. ๖๘", "ทบทวนและแจ้งเวียน", "")));

        var result = await ImportDocxAsync(database, docx);

        AssertMeasures(
        [
            new(null, "ประชุมชี้แจงแนวทางปฏิบัติเพื่อป้องกันการทุจริต", ["จัดประชุม", "สรุปรายงานการประชุม"], ["สำนักปลัด"], "2024-10", "2024-12"),
            new(null, "เผยแพร่ข้อมูลการจัดซื้อจัดจ้างทางเว็บไซต์", ["รวบรวมประกาศ", "ลงเว็บไซต์ภายใน ๓ วัน"], ["กองคลัง"], WholeYearStart, WholeYearEnd),
            // The position alone belongs to สำนักปลัด: the plan writes it under สำนักปลัด in measure ๔.
            new(null, "ประกาศเจตนารมณ์ต่อต้านการทุจริต", ["ผู้บริหารลงนามในประกาศ"], ["สำนักปลัด"], "2025-01", "2025-01"),
            new(null, "ทบทวนคู่มือการปฏิบัติงาน", ["ทบทวนและแจ้งเวียน"], ["สำนักปลัด"], "2025-04", "2025-06"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal("๕,๐๐๐", result.Measures[0].Extra!["งบประมาณ (บาท)"]);
        // Kept with the measure in the database, as the plan wrote it; importing again changes nothing.
        var stored = (await MeasuresAsync(database, Org, 2568))[0];
        Assert.Equal(new Dictionary<string, string> { ["ลำดับ"] = "๑", ["งบประมาณ (บาท)"] = "๕,๐๐๐" }, stored.Extra);
        Assert.False((await ImportDocxAsync(database, docx)).Counts.ChangesAnything);
        Assert.Equal(["สำนักปลัด", "กองคลัง"], result.Counts.UnitsCreated);
        Assert.Contains(result.Warnings, w => w.Contains("คณะทำงานฯ → สำนักปลัด") && w.Contains("นักวิชาการเงินและบัญชี → กองคลัง"));
        Assert.Contains(result.Warnings, w => w.Contains("มาตรการ M3") && w.Contains("ตาราง 1 แถว 6 คอลัมน์ “หน่วยงานที่รับผิดชอบ”")
            && w.Contains("“นักวิเคราะห์นโยบายและแผน” นับเป็นของ สำนักปลัด") && w.Contains("M4"));
    }

    [Fact]
    public async Task HeaderCellsNamingTwoRolesFillBoth()
    {
        using var database = new TempDatabase();
        var docx = Build(new Table(
            new Row("ประเด็น/ตัวชี้วัด", "มาตรการและวิธีการดำเนินการ", "ผู้รับผิดชอบ", "ติดตามและรายงานผล ระยะเวลา"),
            new Row(Down("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร"),
                "พัฒนาช่องทางการสื่อสารกับประชาชน\n๑. เปิดบัญชีไลน์ทางการของหน่วยงาน\n๒. ตอบคำถามภายใน ๓ วันทำการ",
                "สำนักปลัด/งานประชาสัมพันธ์", "รายงานผู้บริหารทุกไตรมาส (ต.ค. ๖๗ – ก.ย. ๖๘)"),
            new Row(MergedUp, "จัดทำคู่มือการให้บริการประชาชน", "สำนักปลัด", "รายงานผลรอบ ๖ เดือน")));

        var result = await ImportDocxAsync(database, docx);

        var measures = await MeasuresAsync(database, Org, 2568);
        AssertMeasures(
        [
            new("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร", "พัฒนาช่องทางการสื่อสารกับประชาชน",
                ["เปิดบัญชีไลน์ทางการของหน่วยงาน", "ตอบคำถามภายใน ๓ วันทำการ"], ["สำนักปลัด"], WholeYearStart, WholeYearEnd),
            // The shared column says how results are reported but gives no period: none, with a warning, not an error.
            new("ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร", "จัดทำคู่มือการให้บริการประชาชน", [], ["สำนักปลัด"], null, null),
        ], measures);
        Assert.Equal("รายงานผู้บริหารทุกไตรมาส (ต.ค. ๖๗ – ก.ย. ๖๘)", measures[0].FollowUp);
        Assert.Equal("รายงานผลรอบ ๖ เดือน", measures[1].FollowUp);
        Assert.Contains(result.Warnings, w => w.Contains("“มาตรการและวิธีการดำเนินการ” ใช้เป็นทั้ง มาตรการ และ ขั้นตอน/วิธีการ"));
        Assert.Contains(result.Warnings, w => w.Contains("มาตรการ M2") && w.Contains("ไม่มีระยะเวลาที่อ่านได้"));
    }

    [Fact]
    public async Task WithoutAMeasureColumnTheTitleComesFromTheStepsColumnAndTheImportSaysSo()
    {
        using var database = new TempDatabase();
        var docx = Build(new Table(
            new Row("ข้อคำถามที่ต้องพัฒนา", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ห้วงเวลา"),
            new Row("i๑ การปฏิบัติงานเป็นไปตามขั้นตอนและระยะเวลา", "จัดทำแผนผังขั้นตอนการให้บริการติดไว้ที่จุดบริการ", "กองช่าง", "ต.ค. ๖๗"),
            new Row("", "ทบทวนระยะเวลาการอนุญาตก่อสร้าง\n1) รวบรวมข้อมูลคำขอย้อนหลัง\n2) ประกาศระยะเวลาที่ลดลง", "กองช่าง, กองคลัง", "พ.ย. ๖๗ - ม.ค. ๖๘")));

        var result = await ImportDocxAsync(database, docx);

        const string issue = "i๑ การปฏิบัติงานเป็นไปตามขั้นตอนและระยะเวลา";
        AssertMeasures(
        [
            new(issue, "จัดทำแผนผังขั้นตอนการให้บริการติดไว้ที่จุดบริการ", [], ["กองช่าง"], "2024-10", "2024-10"),
            new(issue, "ทบทวนระยะเวลาการอนุญาตก่อสร้าง", ["รวบรวมข้อมูลคำขอย้อนหลัง", "ประกาศระยะเวลาที่ลดลง"], ["กองช่าง", "กองคลัง"], "2024-11", "2025-01"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Contains(result.Warnings, w => w.Contains("ไม่มีคอลัมน์มาตรการ จึงใช้คอลัมน์ “วิธีการดำเนินการ” เป็นชื่อมาตรการ"));
    }

    [Fact]
    public async Task AHeaderOverTwoRowsWithMergedCellsAndIssueRowsAcrossTheTable()
    {
        using var database = new TempDatabase();
        var docx = Build(new Table(
            new Row(Down("ที่"), Down("มาตรการ"), Span("การดำเนินงาน", 2), Down("ผู้รับผิดชอบ")),
            new Row(MergedUp, MergedUp, "ขั้นตอน", "กำหนดแล้วเสร็จ", MergedUp),
            new Row(Span("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", 5)),
            new Row("๑", "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี", "๑. จัดทำแผน ๒. ลงเว็บไซต์", "ธ.ค. ๖๗", Down("กองคลัง")),
            new Row("๒", "รายงานผลการจัดซื้อจัดจ้างรายเดือน", "สรุปรายงานทุกเดือน", "ทุกเดือน ตลอดปีงบประมาณ", MergedUp),
            new Row(Span("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต", 5)),
            new Row("๓", "ประเมินความเสี่ยงการทุจริต", "ประชุมคณะทำงานประเมินความเสี่ยง", "มี.ค. ๖๘", "หน่วยตรวจสอบภายใน")));

        var result = await ImportDocxAsync(database, docx);

        AssertMeasures(
        [
            new("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "เผยแพร่แผนการใช้จ่ายงบประมาณประจำปี", ["จัดทำแผน", "ลงเว็บไซต์"], ["กองคลัง"], "2024-12", "2024-12"),
            new("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "รายงานผลการจัดซื้อจัดจ้างรายเดือน", ["สรุปรายงานทุกเดือน"], ["กองคลัง"], WholeYearStart, WholeYearEnd),
            new("ตัวชี้วัดที่ ๑๐ การป้องกันการทุจริต", "ประเมินความเสี่ยงการทุจริต", ["ประชุมคณะทำงานประเมินความเสี่ยง"], ["หน่วยตรวจสอบภายใน"], "2025-03", "2025-03"),
        ], await MeasuresAsync(database, Org, 2568));
        var table = Assert.Single(result.Tables!);
        Assert.Equal([1, 2], table.HeaderRows);
        Assert.Equal(["number", "title", "steps", "period", "responsible"],
            table.Header.Select(h => string.Join("+", h.Roles.Select(HeaderVocabulary.Id))));
        Assert.Equal("การดำเนินงาน กำหนดแล้วเสร็จ", table.Header[3].Text);
    }

    [Fact]
    public async Task AMeasuresTableInsideAFrameWithATextBoxAndAStepsTableInItsCells()
    {
        using var database = new TempDatabase();
        var steps = new Table(new Row("๑. ร่างระเบียบการยืมทรัพย์สิน"), new Row("๒. ประกาศใช้ระเบียบ"));
        var measures = new Table(
            new Row("ประเด็น", "มาตรการ", "ขั้นตอน", "", "ผู้รับผิดชอบ", "ระยะเวลา"),
            new Row("การใช้ทรัพย์สินของราชการ", TextBox("จัดทำระเบียบการยืมทรัพย์สินของราชการ"), new Cell(Nested: steps), "", "กองคลัง", "ต.ค. ๖๗ - มี.ค. ๖๘"),
            new Row("", "ตรวจสอบการใช้รถส่วนกลาง", "บันทึกการใช้รถทุกครั้ง", "", "สำนักปลัด", "ตลอดปีงบประมาณ"));
        // A one-cell table framing the page, as some agencies draw a border around the whole plan.
        var docx = Build(new Table(new Row(new Cell("มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปี ๒๕๖๘", Nested: measures))));

        var result = await ImportDocxAsync(database, docx);

        AssertMeasures(
        [
            new("การใช้ทรัพย์สินของราชการ", "จัดทำระเบียบการยืมทรัพย์สินของราชการ", ["ร่างระเบียบการยืมทรัพย์สิน", "ประกาศใช้ระเบียบ"], ["กองคลัง"], "2024-10", "2025-03"),
            new("การใช้ทรัพย์สินของราชการ", "ตรวจสอบการใช้รถส่วนกลาง", ["บันทึกการใช้รถทุกครั้ง"], ["สำนักปลัด"], WholeYearStart, WholeYearEnd),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal(
            [("1", TableVerdict.Skipped), ("1.1", TableVerdict.Read), ("1.1.1", TableVerdict.Skipped)],
            result.Tables!.Select(t => (t.Key, t.Verdict)));
        Assert.Contains("ซึ่งอ่านแล้ว", result.Tables![2].Reason);
    }

    [Fact]
    public async Task SeveralTablesWithTheirOwnHeadersAreEachReadAndOtherTablesAreSkippedWithTheReason()
    {
        using var database = new TempDatabase();
        var docx = Build(
            "๑. ผลการประเมิน ITA ปี ๒๕๖๗",
            new Table(new Row("ตัวชี้วัด", "คะแนน"), new Row("การเปิดเผยข้อมูล", "๖๙.๒๙"), new Row("การป้องกันการทุจริต", "๗๖.๖๗")),
            "๒. มาตรการตามตัวชี้วัดที่ ๙",
            new Table(
                new Row("มาตรการ", "ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา"),
                new Row("ปรับปรุงเว็บไซต์ให้เป็นปัจจุบัน", "ตรวจข้อมูลทุกเดือน", "สำนักปลัด", "ต.ค. ๖๗ - ก.ย. ๖๘")),
            // The same table on the next page, without its header.
            new Table(new Row("เผยแพร่รายงานการเงินประจำปี", "ลงเว็บไซต์", "กองคลัง", "ธ.ค. ๖๗")),
            "๓. มาตรการตามตัวชี้วัดที่ ๑๐",
            new Table(
                new Row("ลำดับ", "กิจกรรม", "หน่วยงานรับผิดชอบ", "ช่วงเวลา", "ตัวชี้วัดความสำเร็จ"),
                new Row("๑", "อบรมประมวลจริยธรรมให้พนักงาน", "สำนักปลัด", "ก.พ. ๖๘", "ร้อยละ ๘๐ ของพนักงานเข้าร่วม"),
                new Row("๒", "เปิดช่องทางแจ้งเบาะแสการทุจริต", "ทุกสำนัก/กอง", "ต.ค. ๖๗", "มีช่องทางอย่างน้อย ๒ ช่องทาง")),
            new Table(new Row("ข้อ", "ข้อมูล", "วิธีดำเนินการเพื่อรองรับการประเมิน", "ลิงก์"), new Row("O1", "โครงสร้าง", "เผยแพร่แผนผัง", "https://example.go.th")));

        var result = await ImportDocxAsync(database, docx);

        AssertMeasures(
        [
            new(null, "ปรับปรุงเว็บไซต์ให้เป็นปัจจุบัน", ["ตรวจข้อมูลทุกเดือน"], ["สำนักปลัด"], WholeYearStart, WholeYearEnd),
            new(null, "เผยแพร่รายงานการเงินประจำปี", ["ลงเว็บไซต์"], ["กองคลัง"], "2024-12", "2024-12"),
            new(null, "อบรมประมวลจริยธรรมให้พนักงาน", [], ["สำนักปลัด"], "2025-02", "2025-02"),
            new(null, "เปิดช่องทางแจ้งเบาะแสการทุจริต", [], [ResponsibleUnits.AllUnitsName], "2024-10", "2024-10"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal([TableVerdict.Skipped, TableVerdict.Read, TableVerdict.Continued, TableVerdict.Read, TableVerdict.Skipped],
            result.Tables!.Select(t => t.Verdict));
        Assert.Contains("คะแนน", result.Tables![0].Reason);
        Assert.Contains("ลิงก์", result.Tables![4].Reason);
        Assert.Equal("ร้อยละ ๘๐ ของพนักงานเข้าร่วม", result.Measures[2].Extra!["ตัวชี้วัดความสำเร็จ"]);
    }

    [Fact]
    public async Task AGanttChartOfMonthsGivesThePeriodFromTheFirstToTheLastMarkedMonth()
    {
        using var database = new TempDatabase();
        string[] months = ["ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย."];
        Cell[] Marks(int from, int to, bool shaded) =>
            Enumerable.Range(0, 12).Select(m => m >= from && m <= to ? (shaded ? Filled : new Cell("✓")) : new Cell()).ToArray();
        var docx = Build(new Table(
            new Row([Down("มาตรการ/โครงการ"), Down("ผู้รับผิดชอบ"), Span("ปีงบประมาณ พ.ศ. ๒๕๖๘", 12)]),
            new Row([MergedUp, MergedUp, .. months.Select(m => new Cell(m))]),
            new Row(["จัดทำแผนป้องกันการทุจริต", "สำนักปลัด", .. Marks(0, 2, shaded: false)]),
            new Row(["ฝึกอบรมคุณธรรมจริยธรรม", "กองการศึกษา", .. Marks(4, 8, shaded: true)])));

        await ImportDocxAsync(database, docx);

        AssertMeasures(
        [
            new(null, "จัดทำแผนป้องกันการทุจริต", [], ["สำนักปลัด"], "2024-10", "2024-12"),
            new(null, "ฝึกอบรมคุณธรรมจริยธรรม", [], ["กองการศึกษา"], "2025-02", "2025-06"),
        ], await MeasuresAsync(database, Org, 2568));
    }

    [Fact]
    public async Task AWorkbookWithTheMeasuresOnItsThirdSheetUnderTitleRows()
    {
        using var database = new TempDatabase();
        var xlsx = SheetFiles.Xlsx(
            ("คำชี้แจง", [["แผนนี้จัดทำตามผลการประเมิน ITA"]]),
            ("คะแนน", [["ตัวชี้วัด", "คะแนน"], ["การเปิดเผยข้อมูล", "69.29"]]),
            ("มาตรการ ๒๕๖๘",
            [
                ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส"],
                ["องค์การบริหารส่วนตำบลทดสอบ ปีงบประมาณ ๒๕๖๘"],
                [],
                ["ที่", "ประเด็นที่ต้องพัฒนา", "แนวทาง/มาตรการ", "ขั้นตอนการดำเนินงาน", "ผู้รับผิดชอบ", "กำหนดเวลา"],
                ["1", "การใช้งบประมาณ", "เปิดเผยการเบิกจ่ายงบประมาณ", "1. สรุปการเบิกจ่ายรายไตรมาส\n2. ประกาศบนเว็บไซต์", "กองคลัง", "ไตรมาส 1-4"],
                ["2", "", "ให้บุคลากรมีส่วนร่วมจัดทำงบประมาณ", "เปิดรับความเห็นก่อนจัดทำร่าง", "กองคลัง/กองช่าง", "มิ.ย. - ส.ค. 68"],
            ]));

        var result = await ImportOkAsync(database, new PlanFile("plan.xlsx", xlsx), Org, 2568);

        AssertMeasures(
        [
            new("การใช้งบประมาณ", "เปิดเผยการเบิกจ่ายงบประมาณ", ["สรุปการเบิกจ่ายรายไตรมาส", "ประกาศบนเว็บไซต์"], ["กองคลัง"], WholeYearStart, WholeYearEnd),
            new("การใช้งบประมาณ", "ให้บุคลากรมีส่วนร่วมจัดทำงบประมาณ", ["เปิดรับความเห็นก่อนจัดทำร่าง"], ["กองคลัง", "กองช่าง"], "2025-06", "2025-08"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal([TableVerdict.Skipped, TableVerdict.Skipped, TableVerdict.Read], result.Tables!.Select(t => t.Verdict));
        Assert.Equal([4], result.Tables![2].HeaderRows);
    }

    [Fact]
    public async Task EachSheetOfAWorkbookIsATableOfItsOwnNotAPageOfTheOneBefore()
    {
        using var database = new TempDatabase();
        string?[] header = ["ประเด็น", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"];
        var xlsx = SheetFiles.Xlsx(
            ("IIT", [header, ["การปฏิบัติหน้าที่", "จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ต.ค. 67"]]),
            ("OIT", [header, [null, "เผยแพร่ข้อมูลบนเว็บไซต์", "สำนักปลัด", "ต.ค. 67 - ก.ย. 68"]]));

        var result = await ImportOkAsync(database, new PlanFile("plan.xlsx", xlsx), Org, 2568);

        AssertMeasures(
        [
            new("การปฏิบัติหน้าที่", "จัดทำคู่มือการปฏิบัติงาน", [], ["สำนักปลัด"], "2024-10", "2024-10"),
            new(null, "เผยแพร่ข้อมูลบนเว็บไซต์", [], ["สำนักปลัด"], WholeYearStart, WholeYearEnd),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal([TableVerdict.Read, TableVerdict.Read], result.Tables!.Select(t => t.Verdict));
    }

    [Fact]
    public async Task ACaptionRowAcrossTheTableAboveTheHeaderIsNotPartOfIt()
    {
        using var database = new TempDatabase();
        var docx = Build(new Table(
            new Row(Span("มาตรการ ITA ปี ๒๕๖๘", 4)),
            new Row("ประเด็น", "มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"),
            new Row("การใช้อำนาจ", "ประกาศหลักเกณฑ์การประเมินผลการปฏิบัติงาน", "สำนักปลัด", "ต.ค. ๖๗")));

        var result = await ImportDocxAsync(database, docx);

        AssertMeasures(
            [new("การใช้อำนาจ", "ประกาศหลักเกณฑ์การประเมินผลการปฏิบัติงาน", [], ["สำนักปลัด"], "2024-10", "2024-10")],
            await MeasuresAsync(database, Org, 2568));
        Assert.Equal([2], Assert.Single(result.Tables!).HeaderRows);
    }
}
