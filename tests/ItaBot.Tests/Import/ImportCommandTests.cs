using System.Text.Json;
using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Import;

/// <summary>The `import` command end to end on the real app's services (no process is spawned).</summary>
public sealed class ImportCommandTests : IDisposable
{
    const string Org = "เทศบาลตำบลเมืองจันทร์";
    readonly ImportCommandHarness _h = new();

    public void Dispose() => _h.Dispose();

    string Write(string name, byte[] content) => _h.Write(name, content);

    string MuangChanDocx() => Write("plan-muangchan-2568.docx", DocxBuilder.FromExtractedText(DomainFiles.Read("plan-muangchan-2568.txt")));

    Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => _h.RunAsync(args);

    async Task<int> MeasureCountAsync()
    {
        await using var scope = _h.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().Measures.CountAsync();
    }

    [Fact]
    public async Task DryRunJsonPrintsTheParsedPlanAndChangesNothing()
    {
        var (exit, output, errors) = await RunAsync(MuangChanDocx(), "--org", Org, "--year", "2568", "--dry-run", "--json");

        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        using var json = JsonDocument.Parse(output);
        var measures = json.RootElement.GetProperty("measures");
        Assert.Equal(9, measures.GetArrayLength());
        var first = measures[0];
        Assert.Equal("M1", first.GetProperty("code").GetString());
        Assert.Equal("(๑) กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ", first.GetProperty("issue").GetString());
        Assert.StartsWith("จัดทำคู่มือหรือแนวทางการปฏิบัติงาน", first.GetProperty("title").GetString());
        Assert.Equal(1, first.GetProperty("steps").GetArrayLength());
        Assert.Equal(["สำนักปลัด"], first.GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("2024-10", first.GetProperty("period").GetProperty("start").GetString());
        Assert.Equal("2025-09", first.GetProperty("period").GetProperty("end").GetString());
        Assert.Equal(["สำนักปลัด", "หน่วยตรวจสอบภายใน"], measures[8].GetProperty("units").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("warnings").ValueKind);
        Assert.Equal(0, await MeasureCountAsync());
    }

    [Fact]
    public async Task ImportPrintsAThaiSummaryAndASecondImportChangesNothing()
    {
        var path = MuangChanDocx();

        var (exit, output, _) = await RunAsync(path, "--org", Org, "--year", "๒๕๖๘");
        var again = await RunAsync(path, "--org", Org, "--year", "2568");

        Assert.Equal(0, exit);
        Assert.Contains("มาตรการ 9 ข้อ: ใหม่ 9", output);
        Assert.Contains("ส่วนราชการใหม่ 3: สำนักปลัด, กองคลัง, หน่วยตรวจสอบภายใน", output);
        Assert.Equal(0, again.Exit);
        Assert.Contains("ไม่มีอะไรเปลี่ยน", again.Out);
        Assert.Equal(9, await MeasureCountAsync());
    }

    [Fact]
    public async Task ABadFileExitsWithOneAndNamesTheCellOnStandardError()
    {
        var path = Write("plan.csv", SheetFiles.Csv([["มาตรการ/แนวทาง", "ผู้รับผิดชอบ"], ["มาตรการหนึ่ง", "กองคลัง"], ["", "กองช่าง"]]));

        var (exit, output, errors) = await RunAsync(path, "--org", Org, "--year", "2568");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("plan.csv แถว 3 คอลัมน์ A “มาตรการ/แนวทาง”: แถวนี้ไม่มีชื่อมาตรการ", errors);
        Assert.Equal(0, await MeasureCountAsync());
    }

    [Fact]
    public async Task ARelativePathIsFoundInTheFolderTheCommandWasTypedIn()
    {
        MuangChanDocx();
        var shell = Environment.GetEnvironmentVariable("PWD");
        Environment.SetEnvironmentVariable("PWD", _h.Folder);
        try
        {
            var (exit, output, _) = await RunAsync("plan-muangchan-2568.docx", "--org", Org, "--year", "2568", "--dry-run");

            Assert.Equal(0, exit);
            Assert.Contains("ทดลองอ่านแผน plan-muangchan-2568.docx", output);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PWD", shell);
        }
    }

    [Fact]
    public async Task AMissingFileExitsWithOne()
    {
        var (exit, _, errors) = await RunAsync(Path.Combine(_h.Folder, "nothing.docx"), "--org", Org, "--year", "2568");

        Assert.Equal(1, exit);
        Assert.Contains("ไม่พบไฟล์", errors);
    }

    [Theory]
    [InlineData("--year", "2568")]
    [InlineData("--org", Org)]
    [InlineData("--org", Org, "--year", "2025")]
    public async Task WrongArgumentsExitWithTwoAndShowUsage(params string[] options)
    {
        var (exit, _, errors) = await RunAsync([MuangChanDocx(), .. options]);

        Assert.Equal(2, exit);
        Assert.Contains("ใช้: dotnet run --project src/ItaBot -- import", errors);
    }

    [Fact]
    public async Task TheCommandLineDispatchesImportToThisCommand()
    {
        var exit = await CommandLine.RunAsync(_h.App.Services, ["import", MuangChanDocx(), "--org", Org, "--year", "2568", "--json"]);

        Assert.Equal(0, exit);
        await using var scope = _h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        Assert.Equal(Org, (await db.Organizations.SingleAsync()).Name);
        Assert.Equal(9, await db.Measures.CountAsync(m => m.FiscalYear == 2568));
    }
}
