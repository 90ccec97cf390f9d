using System.Text.Json;
using ItaBot.Import;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Import.PlanDocx;

namespace ItaBot.Tests.Import;

/// <summary>
/// When the import is unsure it asks, and the person answers with the columns: <c>--dry-run --json</c> shows every
/// table, its header cells, the role of each and how sure it is; <c>--map</c> and <c>--table</c> decide.
/// </summary>
public sealed class MappingTests : IDisposable
{
    const string Org = "องค์การบริหารส่วนตำบลทดสอบ";
    readonly ImportCommandHarness _h = new();

    public void Dispose() => _h.Dispose();

    string Write(string name, byte[] content) => _h.Write(name, content);

    Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => _h.RunAsync(args);

    async Task<List<ItaBot.Tracking.Measure>> MeasuresAsync()
    {
        await using var scope = _h.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBot.Data.ItaBotDb>().Measures
            .Include(m => m.Responsible).ThenInclude(r => r.Unit).OrderBy(m => m.Order).ToListAsync();
    }

    // A plan whose headers say little: "ผู้ดำเนินการ" and "เดือน" are hints, not the words plans use.
    static byte[] VaguePlan() => Build(new Table(
        new Row("ลำดับ", "รายการกิจกรรม", "ผู้ดำเนินการ", "หมายเหตุ", "เดือน"),
        new Row("๑", "จัดทำคู่มือการปฏิบัติงาน", "สำนักปลัด", "ใช้งบปกติ", "ต.ค. ๖๗"),
        new Row("๒", "ประกาศมาตรการป้องกันการรับสินบน", "กองคลัง", "", "พ.ย. ๖๗")));

    [Fact]
    public async Task DryRunJsonShowsEachTableItsHeaderCellsTheirRolesAndHowSure()
    {
        var path = Write("plan.docx", Build(
            new Table(new Row("ตัวชี้วัด", "คะแนน"), new Row("การเปิดเผยข้อมูล", "๖๙.๒๙")),
            new Table(new Row("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "งบประมาณ"), new Row("เผยแพร่ข้อมูล", "สำนักปลัด", "ต.ค. ๖๗", "๑๐,๐๐๐"))));

        var (exit, output, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--dry-run", "--json");

        Assert.Equal((0, ""), (exit, errors));
        using var json = JsonDocument.Parse(output);
        var tables = json.RootElement.GetProperty("tables");
        Assert.Equal(2, tables.GetArrayLength());
        Assert.Equal("skipped", tables[0].GetProperty("verdict").GetString());
        Assert.Contains("คะแนน", tables[0].GetProperty("reason").GetString());
        Assert.Equal(["ตัวชี้วัด", "คะแนน"], tables[0].GetProperty("firstRow").EnumerateArray().Select(c => c.GetString()));
        var read = tables[1];
        Assert.Equal(("2", "read", 1), (read.GetProperty("table").GetString(), read.GetProperty("verdict").GetString(), read.GetProperty("measures").GetInt32()));
        Assert.True(read.GetProperty("confidence").GetDouble() >= 0.6);
        Assert.Equal([1], read.GetProperty("headerRows").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal(
            [(1, "มาตรการ", "title"), (2, "ผู้รับผิดชอบ", "responsible"), (3, "ระยะเวลาดำเนินการ", "period"), (4, "งบประมาณ", "budget")],
            read.GetProperty("header").EnumerateArray().Select(h =>
                (h.GetProperty("column").GetInt32(), h.GetProperty("text").GetString(), string.Join("+", h.GetProperty("roles").EnumerateArray().Select(r => r.GetString())))));
        Assert.Equal("๑๐,๐๐๐", json.RootElement.GetProperty("measures")[0].GetProperty("extra").GetProperty("งบประมาณ").GetString());
    }

    [Fact]
    public async Task AnUnsureTableIsNotImportedButAskedAboutWithTheMappingToConfirm()
    {
        var path = Write("vague.docx", VaguePlan());

        var (exit, output, errors) = await RunAsync(path, "--org", Org, "--year", "2568");

        Assert.Equal((1, ""), (exit, output));
        Assert.Contains("ไม่แน่ใจว่าตาราง 1 เป็นตารางมาตรการ", errors);
        Assert.Contains("--map \"", errors);
        Assert.Empty(await MeasuresAsync());
    }

    [Fact]
    public async Task TheMappingOverridesTheColumnsFoundAndTheTableIsImported()
    {
        var path = Write("vague.docx", VaguePlan());

        var (exit, output, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--map", "มาตรการ=2,ผู้รับผิดชอบ=3,ระยะเวลา=5", "--json");

        Assert.Equal((0, ""), (exit, errors));
        var measures = await MeasuresAsync();
        Assert.Equal(["จัดทำคู่มือการปฏิบัติงาน", "ประกาศมาตรการป้องกันการรับสินบน"], measures.Select(m => m.Title));
        Assert.Equal(["สำนักปลัด", "กองคลัง"], measures.Select(m => m.Responsible.Single().Unit!.Name));
        Assert.Equal([new DateOnly(2024, 10, 1), new DateOnly(2024, 11, 1)], measures.Select(m => m.PeriodStart!.Value));
        using var json = JsonDocument.Parse(output);
        var header = json.RootElement.GetProperty("tables")[0].GetProperty("header");
        Assert.True(header[1].GetProperty("mapped").GetBoolean());
        Assert.Equal(1.0, json.RootElement.GetProperty("tables")[0].GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task AMappingMovesARoleFromTheColumnThatNamedItAndCanLeaveAColumnOut()
    {
        // The plan has two responsible columns; the second, "ผู้รับผิดชอบร่วม", is the one the reminders should go to.
        var path = Write("plan.csv", SheetFiles.Csv(
        [
            ["มาตรการ", "ผู้รับผิดชอบหลัก", "ผู้รับผิดชอบร่วม", "ระยะเวลา", "ขั้นตอน"],
            ["อบรมคุณธรรม", "ปลัดเทศบาล", "สำนักปลัด", "ม.ค. ๖๘", "ทำทั้งหมด"],
        ]));

        var (exit, _, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--map", "ผู้รับผิดชอบ=C,ไม่ใช้=5");

        Assert.Equal((0, ""), (exit, errors));
        var measure = Assert.Single(await MeasuresAsync());
        Assert.Equal("สำนักปลัด", measure.Responsible.Single().Unit!.Name);
        Assert.Empty(measure.Steps);
    }

    [Fact]
    public async Task TheTableOptionReadsOnlyTheChosenTableEvenOneNotRecognised()
    {
        var path = Write("plan.docx", Build(
            new Table(new Row("มาตรการ", "ผู้รับผิดชอบ", "ระยะเวลา"), new Row("ก", "สำนักปลัด", "ต.ค. ๖๗")),
            new Table(new Row("เรื่อง", "ฝ่าย", "เมื่อ"), new Row("ตรวจรับพัสดุ", "กองคลัง", "ธ.ค. ๖๗"))));

        var (exit, _, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--table", "2", "--map", "มาตรการ=1,ผู้รับผิดชอบ=2,ระยะเวลา=3");

        Assert.Equal((0, ""), (exit, errors));
        var measure = Assert.Single(await MeasuresAsync());
        Assert.Equal(("ตรวจรับพัสดุ", "กองคลัง"), (measure.Title, measure.Responsible.Single().Unit!.Name));
    }

    [Theory]
    [InlineData("ผู้รับผิดชอบ:2", "บทบาท=คอลัมน์")]
    [InlineData("สีฟ้า=2", "ไม่รู้จักบทบาท “สีฟ้า”")]
    [InlineData("ผู้รับผิดชอบ=0", "คอลัมน์ “0” ไม่ถูกต้อง")]
    [InlineData("ผู้รับผิดชอบ=2,ผู้รับผิดชอบ=3", "หนึ่งบทบาทใช้ได้คอลัมน์เดียว")]
    public async Task AMappingThatCannotBeReadSaysWhichPartAndChangesNothing(string map, string expected)
    {
        var path = Write("vague.docx", VaguePlan());

        var (exit, _, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--map", map);

        Assert.Equal(2, exit);
        Assert.Contains(expected, errors);
    }

    [Fact]
    public async Task AMappingNamingAColumnTheTableDoesNotHaveIsAProblemNamingTheTable()
    {
        var path = Write("vague.docx", VaguePlan());

        var (exit, _, errors) = await RunAsync(path, "--org", Org, "--year", "2568", "--table", "1", "--map", "ผู้รับผิดชอบ=9");

        Assert.Equal(1, exit);
        Assert.Contains("ตาราง 1", errors);
        Assert.Contains("--map ระบุคอลัมน์ที่ 9 แต่ตาราง 1 มี 5 คอลัมน์", errors);
    }

    [Fact]
    public async Task ADocumentWithNoMeasuresTableListsEveryTableWithItsFirstRowAndWhy()
    {
        var path = Write("scores.docx", Build(
            "ผลคะแนน",
            new Table(new Row("แบบ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน"), new Row("IIT", "๑", "การปฏิบัติหน้าที่", "๘๘.๖๙")),
            new Table(new Row("ข้อ", "ข้อมูล", "วิธีดำเนินการเพื่อรองรับการประเมิน", "ลิงค์"), new Row("O1", "โครงสร้าง", "เผยแพร่", "https://x.go.th"))));

        var (exit, _, errors) = await RunAsync(path, "--org", Org, "--year", "2568");

        Assert.Equal(1, exit);
        Assert.Contains("ไม่พบตารางมาตรการ", errors);
        Assert.Contains("ตาราง 1 (แถวแรก: แบบ | ลำดับ | รายละเอียดตัวชี้วัด | คะแนน)", errors);
        Assert.Contains("ตาราง 2 (แถวแรก: ข้อ | ข้อมูล | วิธีดำเนินการเพื่อรองรับการประเมิน | ลิงค์)", errors);
        Assert.Contains("--table", errors);
    }

    [Fact]
    public async Task ThePreviewIsAServiceTakingAFileAndAMapping()
    {
        var previewer = _h.App.Services.GetRequiredService<PlanPreviewer>();
        var mapping = PlanMapping.Of(new Dictionary<int, IReadOnlyList<ColumnKind>>
        {
            [2] = [ColumnKind.Title], [3] = [ColumnKind.Responsible], [5] = [ColumnKind.Period], [4] = [],
        });

        var unsure = await previewer.PreviewAsync(new PlanFile("vague.docx", VaguePlan()), 2568);
        var mapped = await previewer.PreviewAsync(new PlanFile("vague.docx", VaguePlan()), 2568, mapping);

        Assert.Equal(TableVerdict.Uncertain, Assert.Single(unsure.Tables).Verdict);
        Assert.False(unsure.Draft.IsValid);
        Assert.Equal(TableVerdict.Read, Assert.Single(mapped.Tables).Verdict);
        Assert.Equal(2, mapped.Draft.Measures.Count);
        Assert.Empty(await MeasuresAsync());
    }
}
