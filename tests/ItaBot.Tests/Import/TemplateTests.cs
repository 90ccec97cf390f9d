using ItaBot.Import;
using ItaBot.Import.Tables;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>The templates shipped in templates/ import as their README says.</summary>
public class TemplateTests
{
    static readonly ExpectedMeasure[] Example =
    [
        new("(๑) การปฏิบัติหน้าที่", "จัดทำคู่มือการปฏิบัติงานและเผยแพร่ให้เจ้าหน้าที่ทราบและถือปฏิบัติ",
            ["จัดทำคู่มือการปฏิบัติงาน", "แจ้งเวียนให้บุคลากรทราบ", "เผยแพร่บนเว็บไซต์หน่วยงาน"], ["สำนักปลัด"], "2024-10", "2025-09"),
        new("(๑) การปฏิบัติหน้าที่", "ประกาศเจตนารมณ์ไม่รับของขวัญและของกำนัลทุกชนิด (No Gift Policy)",
            ["ผู้บริหารลงนามในประกาศ", "เผยแพร่ประกาศให้บุคลากรและประชาชนทราบ"], ["สำนักปลัด"], "2024-10", "2024-12"),
        new("(๒) การใช้งบประมาณ", "เผยแพร่แผนและผลการจัดซื้อจัดจ้างให้เป็นปัจจุบัน",
            ["จัดทำแผนการจัดซื้อจัดจ้าง", "รายงานผลการจัดซื้อจัดจ้างทุกเดือน"], ["กองคลัง", "กองช่าง"], "2024-10", "2025-09"),
        new("(๓) การป้องกันการทุจริต", "ทบทวนการประเมินความเสี่ยงการทุจริตและจัดทำมาตรการป้องกัน",
            ["วิเคราะห์ผลการประเมิน ITA และความเสี่ยงการทุจริต แล้วจัดทำมาตรการป้องกัน"], [ResponsibleUnits.AllUnitsName], "2024-10", "2025-09"),
    ];

    [Theory]
    [InlineData("plan-template.csv")]
    [InlineData("plan-template.xlsx")]
    public async Task TheShippedTemplateImportsItsExample(string name)
    {
        using var database = new TempDatabase();

        var result = await ImportOkAsync(database, await PlanFile.ReadAsync(TemplatePath(name)), "ตัวอย่าง", 2568);

        AssertMeasures(Example, await MeasuresAsync(database, "ตัวอย่าง", 2568));
        Assert.Equal("รายงานผลรอบ ๖ เดือน และ ๑๒ เดือน", (await MeasuresAsync(database, "ตัวอย่าง", 2568))[0].FollowUp);
        Assert.DoesNotContain(result.Warnings, w => w.Contains("คอลัมน์"));
    }

    /// <summary>
    /// The XLSX template is the CSV template plus a help sheet. Run with ITABOT_WRITE_TEMPLATES=1 to write it
    /// again after changing the CSV.
    /// </summary>
    [Fact]
    public void TheXlsxTemplateHoldsTheCsvTemplateAndAHelpSheet()
    {
        var csv = CsvTables.Read(File.ReadAllBytes(TemplatePath("plan-template.csv")), [], ImportLimits.Default);
        var csvRows = csv.Rows.Select(r => Enumerable.Range(0, csv.ColumnCount).Select(c => r.At(c)?.Text).ToArray()).ToList();
        var expected = SheetFiles.Xlsx(("แผน", csvRows), ("คำอธิบาย", HelpRows));
        if (Environment.GetEnvironmentVariable("ITABOT_WRITE_TEMPLATES") == "1")
            File.WriteAllBytes(TemplatePath("plan-template.xlsx"), expected);

        var shipped = XlsxTables.Read(File.ReadAllBytes(TemplatePath("plan-template.xlsx")), ImportLimits.Default);
        var wanted = XlsxTables.Read(expected, ImportLimits.Default);
        Assert.Equal(Texts(wanted), Texts(shipped));
    }

    static IEnumerable<string> Texts(IReadOnlyList<SourceTable> tables) =>
        tables.SelectMany(t => t.Rows.SelectMany(r => r.Cells.Select(c => $"{t.Name}!{XlsxTables.LetterOf(c.Column)}{r.Number}={c.Text}")));

    static readonly string?[][] HelpRows =
    [
        ["คอลัมน์", "ต้องกรอก", "ความหมาย", "ตัวอย่าง"],
        ["รหัส", "ไม่บังคับ", "รหัสที่ใช้เรียกมาตรการในแชท ถ้าเว้นว่างทั้งคอลัมน์ ระบบตั้งให้เป็น M1, M2… ตามลำดับแถว ถ้าต้องการแทรกมาตรการภายหลังโดยรหัสเดิมไม่เลื่อน ให้กรอกรหัสเอง", "M1"],
        ["ประเด็น/ตัวชี้วัด", "ไม่บังคับ", "ประเด็นหรือตัวชี้วัดจากผลการประเมิน ITA เว้นว่างได้เมื่อเป็นประเด็นเดียวกับแถวบน", "(๑) การปฏิบัติหน้าที่"],
        ["ข้อ OIT", "ไม่บังคับ", "ข้อคำถาม OIT ที่มาตรการนี้ตอบ ตามเกณฑ์ของปีนั้น", "O42"],
        ["มาตรการ/แนวทาง", "ต้องกรอก", "ชื่อมาตรการ/โครงการ/กิจกรรม หนึ่งแถวคือหนึ่งมาตรการ", "จัดทำคู่มือการปฏิบัติงาน"],
        ["ขั้นตอน/วิธีการ", "ไม่บังคับ", "ขั้นตอนละหนึ่งบรรทัด (Alt+Enter ใน Excel) หรือเขียนเลขกำกับ ๑. ๒. หรือ 1) 2) ในบรรทัดเดียว", "๑. จัดทำคู่มือ\n๒. เผยแพร่"],
        ["ผู้รับผิดชอบ", "ควรกรอก", "ชื่อกอง/สำนัก คั่นด้วยเว้นวรรค / , หรือขึ้นบรรทัดใหม่ งานหรือตำแหน่งที่เขียนคู่กับกอง/สำนัก นับเป็นของกอง/สำนักนั้น “ทุกสำนัก/กอง” หมายถึงทุกส่วนราชการ", "สำนักปลัด/งานธุรการ, กองคลัง"],
        ["ระยะเวลาดำเนินการ", "ไม่บังคับ", "เดือนและปี พ.ศ. แบบที่แผนเขียน", "ต.ค. ๖๗ - ก.ย. ๖๘"],
        ["การติดตามผล/การรายงานผล", "ไม่บังคับ", "วิธีติดตามหรือรายงานผล", "รายงานผลรอบ ๖ เดือน และ ๑๒ เดือน"],
    ];

    static string TemplatePath(string name) => Path.Combine(TestFiles.Folder("templates"), name);
}
