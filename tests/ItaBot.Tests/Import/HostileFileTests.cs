using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>
/// Files made to exhaust a reader are refused with a message naming the limit, having read no more than the limit,
/// and nothing is imported. Peak memory per file is a benchmark figure (bench import); here it is the outcome.
/// </summary>
public class HostileFileTests
{
    const string Org = "เทศบาลตำบลทดสอบ";
    const long Big = 200L * 1024 * 1024;

    static async Task<ImportProblem> RefusedAsync(string name, byte[] content)
    {
        using var database = new TempDatabase();
        var result = await ImportAsync(database, new PlanFile(name, content), Org, 2568);
        Assert.False(result.Succeeded);
        Assert.Equal(0, await CountAsync<Organization>(database));
        return Assert.Single(result.Problems);
    }

    [Fact]
    public async Task AMergedRangeOverTwoBillionRowsIsClippedToTheRowsTheSheetHas()
    {
        var bomb = HostileFiles.MergedRangeBomb();
        Assert.True(bomb.Length < 3_000, $"the bomb is {bomb.Length} bytes");
        using var database = new TempDatabase();
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var result = await ImportOkAsync(database, new PlanFile("bomb.xlsx", bomb), Org, 2568);

        // Believed, the ranges are 2·10⁹ "same as above" cells; clipped, they are the sheet's own three rows.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 100 * 1024 * 1024);
        AssertMeasures(
        [
            new(null, "ประกาศเจตนารมณ์ไม่รับของขวัญ", ["ผู้บริหารลงนาม"], ["สำนักปลัด"], "2024-10", "2024-10"),
            new(null, "เผยแพร่แผนจัดซื้อจัดจ้าง", ["ลงเว็บไซต์"], ["กองคลัง"], "2024-12", "2024-12"),
        ], await MeasuresAsync(database, Org, 2568));
        Assert.Equal(2, result.Measures.Count);
    }

    [Fact]
    public async Task ADeflateBombInTheDocumentIsRefusedAtTheSizeOfAPart()
    {
        var bomb = HostileFiles.DeflateBombDocx(Big);
        Assert.True(bomb.Length < 1024 * 1024, $"the bomb is {bomb.Length} bytes");

        var problem = await RefusedAsync("bomb.docx", bomb);

        Assert.Contains("word/document.xml", problem.Message);
        Assert.Contains("ใหญ่เกิน ๒๐ MB เมื่อคลายการบีบอัด", problem.Message);
    }

    [Fact]
    public async Task ADeflateBombInASheetOrInThePackagesRelationshipsIsRefusedToo()
    {
        var sheet = await RefusedAsync("bomb.xlsx", HostileFiles.DeflateBombXlsx(Big));
        var relationships = await RefusedAsync("rels.docx", HostileFiles.DeflateBombInRelationships(Big));

        Assert.Contains("(ส่วน xl/worksheets/sheet1.xml) ใหญ่เกิน ๒๐ MB", sheet.Message);
        Assert.Contains("(ส่วน _rels/.rels) ใหญ่เกิน ๒๐ MB", relationships.Message);
    }

    [Fact]
    public async Task APackageOfAHundredThousandPartsIsRefusedBeforeAnyIsRead()
    {
        var problem = await RefusedAsync("entries.docx", HostileFiles.ManyEntries(100_000));

        Assert.Contains("เกินที่รับได้ (๑,๐๐๐ ส่วน)", problem.Message);
    }

    [Fact]
    public async Task DeepNestingAndEntityExpansionAreRefused()
    {
        var deep = await RefusedAsync("deep.docx", HostileFiles.DeepNesting(10_000));
        var laughs = await RefusedAsync("laughs.docx", HostileFiles.EntityExpansion());

        Assert.Contains("ซ้อนกันลึกเกิน ๒๕๖ ชั้น", deep.Message);
        Assert.Contains("DTD", laughs.Message);
    }

    [Fact]
    public async Task RowsColumnsAndStringsBeyondAnyPlanAreRefusedNamingTheLimit()
    {
        var rows = await RefusedAsync("rows.docx", HostileFiles.ManyRows(30_000));
        var wide = await RefusedAsync("wide.xlsx", HostileFiles.WideSheet());
        var strings = await RefusedAsync("strings.xlsx", HostileFiles.ManySharedStrings(600_000));
        var csv = await RefusedAsync("huge.csv", HostileFiles.HugeCsv(30_000));

        Assert.Contains("ตาราง 1 มีเกิน ๒๐,๐๐๐ แถว", rows.Message);
        Assert.Contains("เลยคอลัมน์ AX (คอลัมน์ที่ ๕๐)", wide.Message);
        Assert.Contains("มีข้อความเกิน ๕๐๐,๐๐๐ รายการ", strings.Message);
        Assert.Contains("ไฟล์ CSV มีเกิน ๒๐,๐๐๐ แถว", csv.Message);
    }

    [Fact]
    public async Task AFileOverTheSizeLimitIsRefusedWithoutOpeningIt()
    {
        var problem = await RefusedAsync("big.docx", HostileFiles.Oversized(21 * 1024 * 1024));

        Assert.Contains("ไฟล์ใหญ่เกิน ๒๐ MB", problem.Message);
    }

    [Fact]
    public async Task LimitsAreSettings()
    {
        using var database = new TempDatabase();
        await using var db = await database.MigratedContextAsync();
        var options = Microsoft.Extensions.Options.Options.Create(new ImportOptions { Limits = new ImportLimits { MaxRows = 2 } });
        var importer = new PlanImporter(db, Clock(), new PlanPreviewer(options));
        var csv = SheetFiles.Csv([["มาตรการ", "ผู้รับผิดชอบ"], ["ก", "สำนักปลัด"], ["ข", "กองคลัง"]]);

        var result = await importer.ImportAsync(new PlanFile("plan.csv", csv), Org, 2568, dryRun: true);

        Assert.Contains("เกิน ๒ แถว", Assert.Single(result.Problems).Message);
    }
}
