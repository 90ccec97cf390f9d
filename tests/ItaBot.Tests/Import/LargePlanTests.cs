using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Import;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>A province-sized plan: many measures are written in batches, so imports and re-imports never hit database limits.</summary>
public class LargePlanTests
{
    const string Org = "องค์การบริหารส่วนจังหวัดทดสอบ";

    static PlanFile JsonPlan(int count, string titlePrefix)
    {
        var measures = new JsonArray();
        for (var i = 1; i <= count; i++)
            measures.Add(new JsonObject
            {
                ["code"] = $"M{i}",
                ["title"] = $"{titlePrefix} {i}",
                ["issue"] = $"{titlePrefix} ประเด็น {i % 7}",
                ["steps"] = new JsonArray("รวบรวมข้อมูล", $"{titlePrefix} เผยแพร่"),
                ["units"] = new JsonArray(i % 3 == 0 ? "กองคลัง" : "สำนักปลัด", "กองช่าง"),
                ["periodText"] = titlePrefix == "มาตรการ" ? "ต.ค. ๖๗ - ก.ย. ๖๘" : "ต.ค. ๖๗ - มี.ค. ๖๘",
                ["followUp"] = $"{titlePrefix} รายงานผล",
            });
        return new PlanFile("big.json", Encoding.UTF8.GetBytes(new JsonObject { ["measures"] = measures }.ToJsonString()));
    }

    [Fact]
    public async Task TenThousandMeasuresImportAndReimportChangedWithoutHittingDatabaseLimits()
    {
        using var database = new TempDatabase();
        await ImportOkAsync(database, JsonPlan(10_000, "มาตรการ"), Org, 2568);

        await using (var db = database.NewContext())
        {
            var org = db.Organizations.Single();
            var round = new ItaBot.Tracking.Round
            {
                OrganizationId = org.Id, FiscalYear = 2568, Kind = ItaBot.Tracking.RoundKind.SixMonth,
                WindowStart = new DateOnly(2024, 10, 1), WindowEnd = new DateOnly(2025, 3, 31), DueDate = new DateOnly(2025, 4, 10),
            };
            foreach (var id in db.Measures.Select(m => m.Id).Where(id => id % 2 == 0).ToList())
                db.StatusReports.Add(new ItaBot.Tracking.StatusReport
                {
                    MeasureId = id, Round = round, Status = ItaBot.Tracking.MeasureStatus.InProgress,
                    ReportedAtUtc = new DateTime(2024, 11, 1, 0, 0, 0, DateTimeKind.Utc), Source = ItaBot.Tracking.ReportSource.Chat,
                });
            await db.SaveChangesAsync();
        }

        var again = await ImportOkAsync(database, JsonPlan(10_000, "มาตรการที่แก้ไข"), Org, 2568);
        var fewer = await ImportOkAsync(database, JsonPlan(4_000, "มาตรการที่แก้ไข"), Org, 2568);

        Assert.Equal(10_000, again.Counts.Updated);
        Assert.Equal((3_000, 3_000), (fewer.Counts.Removed.Count, fewer.Counts.Kept.Count));
        var measures = await MeasuresAsync(database, Org, 2568);
        Assert.Equal(7_000, measures.Count);
        Assert.Equal("มาตรการที่แก้ไข 4000", measures.Single(m => m.Code == "M4000").Title);
        Assert.Equal(["สำนักปลัด", "กองช่าง"], UnitsOf(measures[0]));
    }
}
