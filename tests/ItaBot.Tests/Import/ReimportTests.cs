using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

public class ReimportTests
{
    const string Org = "เทศบาลตำบลทดสอบ";

    static readonly string[] Header = ["ประเด็น", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"];

    static PlanFile Plan(params string[][] rows) => new("plan.csv", SheetFiles.Csv([Header, .. rows]));

    static readonly string[] First = ["การเปิดเผยข้อมูล", "เผยแพร่ข้อมูลบนเว็บไซต์", "1. รวบรวม\n2. เผยแพร่", "สำนักปลัด", "ต.ค. ๖๗ - ก.ย. ๖๘"];
    static readonly string[] Second = ["", "จัดทำคู่มือการยืมพัสดุ", "ร่างคู่มือ", "กองคลัง", "ต.ค. ๖๗ - ธ.ค. ๖๗"];
    static readonly string[] Third = ["การป้องกันการทุจริต", "ประกาศ No Gift Policy", "ลงนามประกาศ", "สำนักปลัด", "ต.ค. ๖๗"];

    [Fact]
    public async Task ImportingTheSamePlanAgainChangesNothing()
    {
        using var database = new TempDatabase();
        var time = Clock();
        await ImportOkAsync(database, Plan(First, Second, Third), Org, 2568, time);
        var before = await MeasuresAsync(database, Org, 2568);
        time.Advance(TimeSpan.FromDays(3));

        var again = await ImportOkAsync(database, Plan(First, Second, Third), Org, 2568, time);

        Assert.False(again.Counts.ChangesAnything);
        Assert.Equal((0, 0, 3), (again.Counts.Created, again.Counts.Updated, again.Counts.Unchanged));
        var after = await MeasuresAsync(database, Org, 2568);
        Assert.Equal(before.Select(m => (m.Id, m.UpdatedAtUtc)), after.Select(m => (m.Id, m.UpdatedAtUtc)));
        Assert.Equal(1, await CountAsync<Organization>(database));
        Assert.Equal(2, await CountAsync<Unit>(database));
        Assert.Equal(3, await CountAsync<MeasureUnit>(database));
    }

    [Fact]
    public async Task AChangedPlanUpdatesMeasuresInPlaceAndKeepsTheirStatusHistory()
    {
        using var database = new TempDatabase();
        var time = Clock();
        await ImportOkAsync(database, Plan(First, Second, Third), Org, 2568, time);
        var m2 = (await MeasuresAsync(database, Org, 2568))[1];
        await ReportAsync(database, m2.Id, time);

        time.Advance(TimeSpan.FromDays(10));
        string[] secondChanged = ["", "จัดทำคู่มือการยืมและคืนพัสดุ", "ร่างคู่มือ\nเผยแพร่คู่มือ", "กองคลัง/งานพัสดุ กองช่าง", "ต.ค. ๖๗ - มี.ค. ๖๘"];
        var result = await ImportOkAsync(database, Plan(First, secondChanged, Third), Org, 2568, time);

        Assert.Equal((0, 1, 2), (result.Counts.Created, result.Counts.Updated, result.Counts.Unchanged));
        Assert.Equal(["กองช่าง"], result.Counts.UnitsCreated);
        var updated = (await MeasuresAsync(database, Org, 2568))[1];
        Assert.Equal(m2.Id, updated.Id);
        Assert.Equal("จัดทำคู่มือการยืมและคืนพัสดุ", updated.Title);
        Assert.Equal(["ร่างคู่มือ", "เผยแพร่คู่มือ"], updated.Steps);
        Assert.Equal(["กองคลัง", "กองช่าง"], UnitsOf(updated));
        Assert.Equal(new DateOnly(2025, 3, 1), updated.PeriodEnd);
        Assert.Equal(time.GetUtcNow().UtcDateTime, updated.UpdatedAtUtc);
        await using var db = database.NewContext();
        var history = await db.StatusReports.Where(s => s.MeasureId == m2.Id).ToListAsync();
        Assert.Equal(MeasureStatus.InProgress, Assert.Single(history).Status);
        Assert.Contains(result.Warnings, w => w.Contains("M2") && w.Contains("เปลี่ยนชื่อ"));
    }

    [Fact]
    public async Task AMeasureDroppedFromThePlanGoesUnlessItAlreadyHasReports()
    {
        using var database = new TempDatabase();
        var time = Clock();
        string[] fourth = ["", "อบรมคุณธรรม", "จัดอบรม", "สำนักปลัด", "ก.พ. ๖๘"];
        await ImportOkAsync(database, Plan(First, Second, Third, fourth), Org, 2568, time);
        var reported = (await MeasuresAsync(database, Org, 2568))[2];
        await ReportAsync(database, reported.Id, time);

        var result = await ImportOkAsync(database, Plan(First, Second), Org, 2568, time);

        Assert.Equal(["M4"], result.Counts.Removed);
        Assert.Equal(["M3"], result.Counts.Kept);
        Assert.Equal(["M1", "M2", "M3"], (await MeasuresAsync(database, Org, 2568)).Select(m => m.Code));
        Assert.Contains(result.Warnings, w => w.Contains("M3") && w.Contains("ยังเก็บไว้"));
    }

    [Fact]
    public async Task UnitsAreMatchedByNameOrAliasAndNewOnesAreCreated()
    {
        using var database = new TempDatabase();
        await using (var db = await database.MigratedContextAsync())
        {
            db.Organizations.Add(new Organization
            {
                Name = Org,
                Units = [new Unit { Name = "สำนักปลัดเทศบาล", Aliases = ["ปลัด"] }, new Unit { Name = "กองคลัง", Aliases = ["งานพัสดุ"] }],
            });
            await db.SaveChangesAsync();
        }

        var result = await ImportOkAsync(database, Plan(
            ["ก", "ก1", "", "สำนักปลัด/งานธุรการ", ""],
            ["ก", "ก2", "", "งานพัสดุ", ""],
            ["ก", "ก3", "", "กอง คลัง, กองสาธารณสุขและสิ่งแวดล้อม", ""]), Org, 2568);

        var measures = await MeasuresAsync(database, Org, 2568);
        Assert.Equal(["สำนักปลัดเทศบาล"], UnitsOf(measures[0]));
        Assert.Equal(["กองคลัง"], UnitsOf(measures[1]));
        Assert.Equal(["กองคลัง", "กองสาธารณสุขและสิ่งแวดล้อม"], UnitsOf(measures[2]));
        Assert.Equal(["กองสาธารณสุขและสิ่งแวดล้อม"], result.Counts.UnitsCreated);
    }

    [Fact]
    public async Task ASectionTheOrganizationTracksAsItsOwnUnitIsNotRolledUp()
    {
        using var database = new TempDatabase();
        await using (var db = await database.MigratedContextAsync())
        {
            db.Organizations.Add(new Organization { Name = Org, Units = [new Unit { Name = "สำนักปลัด" }, new Unit { Name = "งานนิติการ" }] });
            await db.SaveChangesAsync();
        }

        await ImportOkAsync(database, Plan(["ก", "ก1", "", "สำนักปลัด - งานนิติการ", ""]), Org, 2568);

        Assert.Equal(["งานนิติการ"], UnitsOf(Assert.Single(await MeasuresAsync(database, Org, 2568))));
    }

    [Fact]
    public async Task EveryUnitPhrasesBecomeOneAllUnitsUnitThatKeepsTheOtherSpellingsAsAliases()
    {
        using var database = new TempDatabase();

        await ImportOkAsync(database, Plan(["ก", "ก1", "", "ทุกสำนัก/กอง", ""], ["ก", "ก2", "", "ทุกกอง", ""]), Org, 2568);

        await using var db = database.NewContext();
        var unit = Assert.Single(db.Units);
        Assert.Equal(ResponsibleUnits.AllUnitsName, unit.Name);
        Assert.True(unit.IsCalled("ทุกสำนัก/กอง"));
        Assert.Equal(2, await db.MeasureUnits.CountAsync(mu => mu.UnitId == unit.Id));
    }

    static async Task ReportAsync(TempDatabase database, int measureId, TimeProvider time)
    {
        await using var db = database.NewContext();
        var measure = await db.Measures.SingleAsync(m => m.Id == measureId);
        var round = new Round
        {
            OrganizationId = measure.OrganizationId, FiscalYear = 2568, Kind = RoundKind.SixMonth,
            WindowStart = new DateOnly(2024, 10, 1), WindowEnd = new DateOnly(2025, 3, 31), DueDate = new DateOnly(2025, 4, 10),
        };
        db.StatusReports.Add(new StatusReport
        {
            MeasureId = measureId, Round = round, Status = MeasureStatus.InProgress, ReportedAtUtc = time.GetUtcNow().UtcDateTime, Source = ReportSource.Chat,
        });
        await db.SaveChangesAsync();
    }
}
