using System.Text;
using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>Bad input gets a message naming file, table, row and column, and nothing is imported.</summary>
public class BadInputTests
{
    const string Org = "เทศบาลตำบลทดสอบ";

    static readonly string[] Header = ["ประเด็น", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"];

    static async Task<ImportProblem> OnlyProblemAsync(TempDatabase database, PlanFile file)
    {
        var result = await ImportAsync(database, file, Org, 2568);
        Assert.False(result.Succeeded);
        Assert.Equal(0, await CountAsync<Organization>(database));
        return Assert.Single(result.Problems);
    }

    [Fact]
    public async Task ARowWithNoTitleIsNamedByTableRowAndColumn()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables(
            [["คะแนน", "ตัวชี้วัด"], ["๘๐", "การเปิดเผยข้อมูล"]],
            [Header, ["ก", "มาตรการหนึ่ง", "ทำ", "สำนักปลัด", ""], ["ก", "", "ขั้นตอนที่ไม่มีมาตรการ", "กองคลัง", ""]]);

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.docx", docx));

        Assert.Equal(("plan.docx", "ตาราง 2", 3, "“มาตรการ/แนวทาง”"), (problem.File, problem.Table, problem.Row, problem.Column));
        Assert.Contains("ไม่มีชื่อมาตรการ", problem.Message);
        Assert.Equal("plan.docx ตาราง 2 แถว 3 คอลัมน์ “มาตรการ/แนวทาง”: แถวนี้ไม่มีชื่อมาตรการ (row has no measure title)", problem.ToString());
    }

    [Fact]
    public async Task AnUnreadablePeriodIsNamedByRowAndSpreadsheetColumn()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv([Header, ["ก", "มาตรการหนึ่ง", "ทำ", "สำนักปลัด", "ต.ค. ๖๗ - ก.ย. ๖๘"], ["ก", "มาตรการสอง", "ทำ", "กองคลัง", "เมื่อพร้อม"]]);

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.csv", csv));

        Assert.Equal((null, 3, "E “ระยะเวลาดำเนินการ”"), (problem.Table, problem.Row, problem.Column));
        Assert.Contains("“เมื่อพร้อม”", problem.Message);
    }

    [Fact]
    public async Task AnXlsxProblemNamesTheSheet()
    {
        using var database = new TempDatabase();
        var xlsx = SheetFiles.Xlsx(("แผน", [Header, ["ก", "", "ทำ", "สำนักปลัด", ""]]));

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.xlsx", xlsx));

        Assert.Equal(("ชีต “แผน”", 2, "B “มาตรการ/แนวทาง”"), (problem.Table, problem.Row, problem.Column));
    }

    [Theory]
    [InlineData("plan.pdf", "PDF")]
    [InlineData("plan.xls", ".xlsx")]
    [InlineData("plan.pages", "unknown format")]
    public async Task AFileThatIsNotAPlanFormatSaysWhatToUseInstead(string name, string expected)
    {
        using var database = new TempDatabase();

        var problem = await OnlyProblemAsync(database, new PlanFile(name, Encoding.UTF8.GetBytes("not a plan")));

        Assert.Equal(name, problem.File);
        Assert.Contains(expected, problem.ToString());
    }

    [Fact]
    public async Task ADocumentWithoutAMeasuresTableSaysSo()
    {
        using var database = new TempDatabase();
        var docx = DocxBuilder.FromTables([["แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"], ["IIT", "๑", "การปฏิบัติหน้าที่", "๘๘.๖๙"]]);

        var problem = await OnlyProblemAsync(database, new PlanFile("scores.docx", docx));

        Assert.Contains("no measures table found", problem.Message);
    }

    [Fact]
    public async Task AFileNamedDocxThatIsNotWordSaysItCannotBeOpened()
    {
        using var database = new TempDatabase();

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.docx", Encoding.UTF8.GetBytes("PK broken")));

        Assert.Contains("เปิดไฟล์ไม่ได้", problem.Message);
    }

    [Fact]
    public async Task ASentenceInTheResponsibleColumnIsNotTakenForAUnitName()
    {
        using var database = new TempDatabase();
        var sentence = "กองคลัง" + string.Concat(Enumerable.Repeat("ร่วมกับทุกภาคส่วนที่เกี่ยวข้องในการดำเนินงาน", 10));
        var csv = SheetFiles.Csv([Header, ["ก", "หนึ่ง", "ทำ", sentence, ""]]);

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.csv", csv));

        Assert.Equal((2, "D “ผู้รับผิดชอบ”"), (problem.Row, problem.Column));
    }

    [Fact]
    public async Task DuplicateCodesNameTheSecondRow()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv([["รหัส", "มาตรการ", "ผู้รับผิดชอบ"], ["A1", "หนึ่ง", "สำนักปลัด"], ["A1", "สอง", "กองคลัง"]]);

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.csv", csv));

        Assert.Equal((3, "A “รหัส”"), (problem.Row, problem.Column));
        Assert.Contains("แถว 2", problem.Message);
    }

    [Fact]
    public async Task BadJsonNamesTheMeasureAndField()
    {
        using var database = new TempDatabase();
        var json = """{"measures":[{"title":"หนึ่ง"},{"title":"สอง","period":{"start":"2025-13","end":"2025-09"}}]}""";

        var problem = await OnlyProblemAsync(database, new PlanFile("plan.json", Encoding.UTF8.GetBytes(json)));

        Assert.Equal(("measures[1]", "“period”"), (problem.Table, problem.Column));
    }

    [Fact]
    public async Task EveryProblemIsReportedAtOnceAndNothingIsImported()
    {
        using var database = new TempDatabase();
        var csv = SheetFiles.Csv([Header,
            ["ก", "หนึ่ง", "ทำ", "สำนักปลัด", "ต.ค. ๖๗"],
            ["ก", "", "ทำ", "กองคลัง", "ต.ค. ๖๗"],
            ["ก", "สาม", "ทำ", "กองช่าง", "ปีหน้า"]]);

        var result = await ImportAsync(database, new PlanFile("plan.csv", csv), Org, 2568);

        Assert.Equal([3, 4], result.Problems.Select(p => p.Row));
        Assert.Equal(0, await CountAsync<Organization>(database));
        Assert.Equal(0, await CountAsync<Unit>(database));
        Assert.Equal(0, await CountAsync<Measure>(database));
    }

    [Fact]
    public async Task AFailureWhileWritingLeavesNothingHalfImported()
    {
        using var database = new TempDatabase();
        await using (var db = await database.MigratedContextAsync())
        {
            // The database refuses the fifth measure, after the organization, units and four measures were sent.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse_m5 BEFORE INSERT ON measures WHEN NEW.Code = 'M5' BEGIN SELECT RAISE(ABORT, 'refused'); END;");
        }
        var rows = Enumerable.Range(1, 6).Select(i => new[] { "ก", $"มาตรการ {i}", "ทำ", $"กอง{i}", "ต.ค. ๖๗" }).ToArray();

        var result = await ImportAsync(database, new PlanFile("plan.csv", SheetFiles.Csv([Header, .. rows])), Org, 2568);

        Assert.False(result.Succeeded);
        Assert.Contains("ไม่ได้นำเข้าอะไรเลย", Assert.Single(result.Problems).Message);
        Assert.Equal(0, await CountAsync<Organization>(database));
        Assert.Equal(0, await CountAsync<Unit>(database));
        Assert.Equal(0, await CountAsync<Measure>(database));
    }

    [Fact]
    public async Task AGregorianYearIsRefused()
    {
        using var database = new TempDatabase();
        await using var db = await database.MigratedContextAsync();
        var csv = SheetFiles.Csv([Header, ["ก", "หนึ่ง", "ทำ", "สำนักปลัด", ""]]);

        var result = await new PlanImporter(db, Clock()).ImportAsync(new PlanFile("plan.csv", csv), Org, 2025, dryRun: false);

        Assert.Contains("พ.ศ.", Assert.Single(result.Problems).Message);
    }

    [Fact]
    public async Task ACsvSavedAsThaiWindowsEncodingStillReadsWithAWarning()
    {
        using var database = new TempDatabase();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = string.Join("\r\n", string.Join(",", Header), "ก,หนึ่ง,ทำ,สำนักปลัด,ต.ค. 67");
        var file = new PlanFile("plan.csv", Encoding.GetEncoding(874).GetBytes(text));

        var result = await ImportOkAsync(database, file, Org, 2568);

        Assert.Equal("หนึ่ง", Assert.Single(result.Measures).Title);
        Assert.Contains(result.Warnings, w => w.Contains("CSV UTF-8"));
    }
}
