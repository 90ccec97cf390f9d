using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Postgres;

[Trait("Category", "Postgres")]
public sealed class PostgresSchemaTests
{
    [Fact]
    public async Task TheSameMigrationsBuildAWorkingSchemaOnPostgreSql()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using (var db = pg.NewContext()) await db.Database.MigrateAsync();
        await using (var db = pg.NewContext()) await db.Database.MigrateAsync(); // a second start changes nothing

        await using (var db = pg.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var org = await Seed.OrganizationAsync(db);
            var unit = new Unit { OrganizationId = org.Id, Name = "กองคลัง", Aliases = ["คลัง", "Finance"] };
            db.Units.Add(unit);
            var time = FakeTimeProvider.AtBangkok(2025, 1, 6);
            var round = (await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default))[0];
            var measure = await Seed.MeasureAsync(db, org, "M1", 2568, unit);
            db.StatusReports.Add(Seed.Report(measure, round, MeasureStatus.Done, time));
            await db.SaveChangesAsync();
        }

        await using (var db = pg.NewContext())
        {
            var round = await db.Rounds.FirstAsync(r => r.Kind == RoundKind.SixMonth);
            var latest = await MeasureStatuses.LatestInRoundAsync(db, round, default);
            Assert.Equal(MeasureStatus.Done, Assert.Single(latest.Values).Status);
            Assert.Equal(["คลัง", "Finance"], (await db.Units.SingleAsync()).Aliases);
            Assert.Equal(new DateOnly(2025, 4, 15), round.DueDate);
        }
    }
}
