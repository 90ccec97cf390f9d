using ItaBot.Import;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>Plans of other agencies: other column orders, extra columns, merged cells, codes, title rows.</summary>
public class OtherLayoutTests
{
    const string Org = "องค์การบริหารส่วนตำบลทดสอบ";

    [Fact]
    public async Task ColumnsInAnyOrderWithExtraColumnsImportByTheirHeaders()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables(
        [
            ["หน่วยงาน ที่รับผิดชอบ", "ระยะเวลา", "งบประมาณ (บาท)", "ที่", "โครงการ/กิจกรรม", "ตัวชี้วัด", "วิธีการ", "การติดตามผล"],
            ["กองช่าง", "ม.ค. - มี.ค. ๖๘", "๕,๐๐๐", "๑", "ปรับปรุงป้ายประกาศข้อมูลข่าวสาร", "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "1) สำรวจป้าย 2) ติดตั้งป้ายใหม่", "รายงานทุกไตรมาส"],
            ["ผู้อำนวยการกองการศึกษา", "ตุลาคม 2567 – กันยายน 2568", "-", "๒", "อบรมคุณธรรมให้ครู", "", "จัดอบรม", ""],
        ]);

        var result = await ImportOkAsync(database, new PlanFile("other.docx", docx), Org, 2568);

        var measures = await MeasuresAsync(database, Org, 2568);
        AssertMeasures(
        [
            new("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "ปรับปรุงป้ายประกาศข้อมูลข่าวสาร", ["สำรวจป้าย", "ติดตั้งป้ายใหม่"], ["กองช่าง"], "2025-01", "2025-03"),
            // An empty issue cell is "same issue as above".
            new("ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "อบรมคุณธรรมให้ครู", ["จัดอบรม"], ["กองการศึกษา"], "2024-10", "2025-09"),
        ], measures);
        Assert.Equal("รายงานทุกไตรมาส", measures[0].FollowUp);
        // The budget is kept with the measure as the plan wrote it, as is the row number.
        Assert.Equal(new Dictionary<string, string> { ["งบประมาณ (บาท)"] = "๕,๐๐๐", ["ที่"] = "๑" }, result.Measures[0].Extra);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("งบประมาณ"));
        Assert.DoesNotContain(result.Warnings, w => w.Contains("“ที่”"));
    }

    [Fact]
    public async Task VerticallyMergedCellsMeanSameAsAboveAndAMergedTitleContinuesTheMeasure()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables(
        [
            ["ประเด็น", "มาตรการ", "ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา"],
            ["การใช้ทรัพย์สินของราชการ", "จัดทำคู่มือการยืมพัสดุ", "๑. ร่างคู่มือ", "กองคลัง", "ต.ค. ๖๗ - ธ.ค. ๖๗"],
            [DocxBuilder.MergedAbove, DocxBuilder.MergedAbove, "๒. เผยแพร่คู่มือ", DocxBuilder.MergedAbove, DocxBuilder.MergedAbove],
            [DocxBuilder.MergedAbove, "ตรวจนับพัสดุประจำปี", "ตรวจนับ", DocxBuilder.MergedAbove, "ก.ย. ๖๘"],
        ]);

        await ImportOkAsync(database, new PlanFile("merged.docx", docx), Org, 2568);

        AssertMeasures(
        [
            new("การใช้ทรัพย์สินของราชการ", "จัดทำคู่มือการยืมพัสดุ", ["ร่างคู่มือ", "เผยแพร่คู่มือ"], ["กองคลัง"], "2024-10", "2024-12"),
            new("การใช้ทรัพย์สินของราชการ", "ตรวจนับพัสดุประจำปี", ["ตรวจนับ"], ["กองคลัง"], "2025-09", "2025-09"),
        ], await MeasuresAsync(database, Org, 2568));
    }

    [Fact]
    public async Task ATableGoingOnOverThePageWithoutRepeatingItsHeaderIsReadAsTheSameTable()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables(
            [
                ["ประเด็น", "มาตรการ", "ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา"],
                ["การเปิดเผยข้อมูล", "เผยแพร่ข้อมูลบนเว็บไซต์", "๑. รวบรวมข้อมูล", "สำนักปลัด", "ต.ค. ๖๗ - ก.ย. ๖๘"],
            ],
            [
                ["", "", "๒. ลงเว็บไซต์", "", ""],
                ["", "ตอบคำถามผ่าน Q&A", "ตอบภายใน ๓ วัน", "สำนักปลัด", "ต.ค. ๖๗ - ก.ย. ๖๘"],
            ]);

        var result = await ImportOkAsync(database, new PlanFile("two-pages.docx", docx), Org, 2568);

        AssertMeasures(
        [
            new("การเปิดเผยข้อมูล", "เผยแพร่ข้อมูลบนเว็บไซต์", ["รวบรวมข้อมูล", "ลงเว็บไซต์"], ["สำนักปลัด"], "2024-10", "2025-09"),
            new("การเปิดเผยข้อมูล", "ตอบคำถามผ่าน Q&A", ["ตอบภายใน ๓ วัน"], ["สำนักปลัด"], "2024-10", "2025-09"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Contains(result.Warnings, w => w.Contains("ตาราง 2") && w.Contains("no header"));
    }

    [Fact]
    public async Task WordNumberedListItemsAreStepsAndTheirWrappedLinesStayWithThem()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables(
        [
            ["มาตรการ", "ขั้นตอนการดำเนินการ", "ผู้รับผิดชอบ"],
            ["จัดทำแผนป้องกันการทุจริต", "#แต่งตั้งคณะทำงาน\n#ประชุมจัดทำแผน\nและเสนอผู้บริหารอนุมัติ\n#ประกาศใช้แผน", "สำนักปลัด"],
        ]);

        await ImportOkAsync(database, new PlanFile("list.docx", docx), Org, 2568);

        Assert.Equal(["แต่งตั้งคณะทำงาน", "ประชุมจัดทำแผน และเสนอผู้บริหารอนุมัติ", "ประกาศใช้แผน"],
            Assert.Single(await MeasuresAsync(database, Org, 2568)).Steps);
    }

    [Fact]
    public async Task ACodeColumnGivesTheMeasuresTheirCodesAndOitItemsAreKept()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv(
        [
            ["รหัส", "ข้อ OIT", "มาตรการ/แนวทาง", "ผู้รับผิดชอบ"],
            ["๑.๑", "O42", "รายงานผลการดำเนินการรอบ ๖ เดือน", "สำนักปลัด"],
            ["1.2", "O43", "รายงานผลการดำเนินการประจำปี", "สำนักปลัด"],
        ]);

        await ImportOkAsync(database, new PlanFile("codes.csv", csv), Org, 2568);

        var measures = await MeasuresAsync(database, Org, 2568);
        Assert.Equal(["1.1", "1.2"], measures.Select(m => m.Code));
        Assert.Equal(["O42", "O43"], measures.Select(m => m.OitItem));
        Assert.All(measures, m => Assert.Null(m.PeriodStart));
    }

    [Fact]
    public async Task ASpreadsheetWithTitleRowsAboveTheHeaderAndAHelpSheetImports()
    {
        using var database = new TempDatabase();
        var xlsx = SheetFiles.Xlsx(
            ("คำอธิบาย", [["กรอกแผนในชีตถัดไป"], ["ผู้รับผิดชอบ: ชื่อกองหรือสำนัก"]]),
            ("แผน ๒๕๖๘", [
                ["มาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"],
                [],
                ["ประเด็น/ตัวชี้วัด", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"],
                ["การป้องกันการทุจริต", "ประกาศเจตนารมณ์ No Gift Policy", "ผู้บริหารลงนามประกาศ\nเผยแพร่ประกาศ", "สำนักปลัด/งานนิติการ", "ต.ค. - ธ.ค. ๖๗"],
            ]));

        await ImportOkAsync(database, new PlanFile("plan.xlsx", xlsx), Org, 2568);

        AssertMeasures(
        [
            new("การป้องกันการทุจริต", "ประกาศเจตนารมณ์ No Gift Policy", ["ผู้บริหารลงนามประกาศ", "เผยแพร่ประกาศ"], ["สำนักปลัด"], "2024-10", "2024-12"),
        ], await MeasuresAsync(database, Org, 2568));
    }
}
