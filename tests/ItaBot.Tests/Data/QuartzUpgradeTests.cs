using ItaBot.Data;
using ItaBot.Reminders;
using ItaBot.Tests.Reminders;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Data;

/// <summary>
/// A database from before Hangfire: schema version 5 with the tables Quartz made for itself (tests/fixtures/quartz,
/// dumped from a real run of that version) and an organization's reminder policy, history, holiday and pause.
/// The upgrade drops Quartz's tables and nothing else: the next wave still follows the policy and the history.
/// </summary>
public sealed class QuartzUpgradeTests
{
    const string LastQuartzVersion = "20261121000005_ChatNames";
    // Tuesday 10 Mar 2026, 10:45 Bangkok: the organization's own weekly slot (Tuesday 10:30) went out a quarter of an hour ago.
    static FakeTimeProvider TuesdayAfterTheSlot => FakeTimeProvider.AtBangkok(2026, 3, 10, 10, 45);

    [Fact]
    public async Task ASqliteDatabaseWithQuartzTablesUpgradesWithItsReminderPoliciesAndHistory()
    {
        using var temp = new TempDatabase();
        await using (var db = temp.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastQuartzVersion);
            await db.Database.ExecuteSqlRawAsync(await QuartzTablesAsync("sqlite"));
            await db.Database.ExecuteSqlRawAsync(OldInstall(postgres: false));
        }
        Assert.Equal(15, await CountAsync(temp.NewContext(), "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'"));

        await using (var db = temp.NewContext()) await db.Database.MigrateAsync();

        Assert.Equal(0, await CountAsync(temp.NewContext(), "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE name LIKE 'QRTZ%'"));
        await AssertRemindersKeptAsync(temp.NewContext(), temp.ConnectionString.Replace("Pooling=False", "Pooling=True"));
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task APostgreSqlDatabaseWithQuartzTablesUpgradesWithItsReminderPoliciesAndHistory()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using (var db = pg.NewContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(LastQuartzVersion);
            await db.Database.ExecuteSqlRawAsync(await QuartzTablesAsync("postgres"));
            await db.Database.ExecuteSqlRawAsync(OldInstall(postgres: true));
        }
        const string quartzTables = "SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_name LIKE 'qrtz%'";
        Assert.Equal(15, await CountAsync(pg.NewContext(), quartzTables));

        await using (var db = pg.NewContext()) await db.Database.MigrateAsync();

        Assert.Equal(0, await CountAsync(pg.NewContext(), quartzTables));
        await AssertRemindersKeptAsync(pg.NewContext(), pg.ConnectionString);
    }

    static async Task AssertRemindersKeptAsync(ItaBotDb db, string connectionString)
    {
        await using (db)
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var policy = await db.ReminderPolicies.SingleAsync();
            Assert.Equal(DayOfWeek.Tuesday, policy.WeeklyDay);
            Assert.Equal(new TimeOnly(10, 30), policy.RemindAt);
            Assert.Equal([10, 5, 2], policy.DaysBefore);
            Assert.Equal((new TimeOnly(8, 0), new TimeOnly(16, 0), 70, "Uadmin0001"), (policy.WorkStart, policy.WorkEnd, policy.QuotaFallbackPercent, policy.UpdatedBy));
            var history = await db.ReminderDeliveries.OrderBy(d => d.Key).ToListAsync();
            Assert.Equal([Key(1), Key(2)], history.Select(d => d.Key));
            Assert.All(history, d => Assert.Equal(new DateTime(2026, 3, 10, 3, 30, 0, DateTimeKind.Utc), d.CreatedAtUtc));
            Assert.Equal("วันหยุดท้องถิ่น", (await db.OrganizationHolidays.SingleAsync()).Name);
            Assert.Equal(new DateOnly(2026, 3, 20), (await db.UnitPauses.SingleAsync()).Until);
        }

        // The upgraded database drives the next wave: the organization's own Tuesday slot went out already, so nothing
        // goes out again. Without that history the same wave sends it, by the kept policy and pause: กองช่าง is paused.
        var recipients = new FakeRecipients();
        recipients.Units.Add(new UnitChat(1, RoundScenario.Channel, "group-1", [1], 5));
        recipients.Units.Add(new UnitChat(1, RoundScenario.Channel, "group-2", [2], 5));
        using var harness = new ReminderHarness(connectionString, TuesdayAfterTheSlot, recipients, new FakeQuotas());
        var wave = await harness.RunWaveAsync();
        Assert.Empty(wave.Planned);
        Assert.Equal(0, wave.Enqueued);

        await harness.WithAsync(sp => sp.GetRequiredService<ItaBotDb>().ReminderDeliveries.ExecuteDeleteAsync());
        var withoutHistory = await harness.RunWaveAsync();
        var sent = Assert.Single(withoutHistory.Planned);
        Assert.Equal(("weekly:2026-03-10", "group-1"), (sent.Slot, sent.To));
    }

    /// <summary>A reminder key as it is today (per chat); <see cref="OldKey"/> as schema version 5 wrote it (per units).</summary>
    static string Key(int unit) => ReminderDelivery.KeyFor(1, $"group-{unit}", 1, "weekly:2026-03-10");

    static string OldKey(int unit) => $"remind:1:{unit}:1:weekly:2026-03-10";

    static Task<string> QuartzTablesAsync(string provider) =>
        File.ReadAllTextAsync(Path.Combine(TestFiles.Folder("fixtures", "quartz"), $"quartz-4.7.3-{provider}.sql"));

    /// <summary>Rows as schema version 5 stored them, written as raw SQL: that version's tables, not today's model.</summary>
    static string OldInstall(bool postgres)
    {
        string At(string utc) => postgres ? $"'{utc}+00'" : $"'{utc}'";
        return $"""
            INSERT INTO organizations ("Id", "Name", "PublicToken", "CreatedAtUtc") VALUES (1, 'เทศบาลตำบลเมืองจันทร์', 'tok', {At("2025-10-01 00:00:00")});
            INSERT INTO units ("Id", "OrganizationId", "Name", "Aliases") VALUES (1, 1, 'กองคลัง', '[]'), (2, 1, 'กองช่าง', '[]');
            INSERT INTO measures ("Id", "OrganizationId", "FiscalYear", "Code", "Order", "Title", "Steps", "CreatedAtUtc", "UpdatedAtUtc")
              VALUES (1, 1, 2569, 'M1', 1, 'เปิดเผยแผนจัดซื้อจัดจ้าง', '[]', {At("2025-10-01 00:00:00")}, {At("2025-10-01 00:00:00")}),
                     (2, 1, 2569, 'M2', 2, 'ประชุมประจำเดือน', '[]', {At("2025-10-01 00:00:00")}, {At("2025-10-01 00:00:00")});
            INSERT INTO measure_units ("MeasureId", "UnitId", "Order") VALUES (1, 1, 0), (2, 2, 0);
            INSERT INTO rounds ("Id", "OrganizationId", "FiscalYear", "Kind", "WindowStart", "WindowEnd", "DueDate", "State")
              VALUES (1, 1, 2569, 'SixMonth', '2025-10-01', '2026-03-31', '2026-04-15', 'Open');
            INSERT INTO reminder_policies ("OrganizationId", "WeeklyDay", "RemindAt", "DaysBefore", "OverdueDaily", "EscalateToAdmins", "WorkStart", "WorkEnd", "QuotaFallbackPercent", "UpdatedAtUtc", "UpdatedBy")
              VALUES (1, 'Tuesday', '10:30:00', '10,5,2', FALSE, TRUE, '08:00:00', '16:00:00', 70, {At("2026-02-20 02:00:00")}, 'Uadmin0001');
            INSERT INTO reminder_deliveries ("Key", "OrganizationId", "RoundId", "Slot", "Kind", "Channel", "To", "Units", "MeasureCount", "BilledEstimate", "CreatedAtUtc")
              VALUES ('{OldKey(1)}', 1, 1, 'weekly:2026-03-10', 'Unit', 'default', 'group-1', '1', 1, 5, {At("2026-03-10 03:30:00")}),
                     ('{OldKey(2)}', 1, 1, 'weekly:2026-03-10', 'Unit', 'default', 'group-2', '2', 1, 5, {At("2026-03-10 03:30:00")});
            INSERT INTO organization_holidays ("OrganizationId", "Date", "Name", "IsHoliday", "CreatedAtUtc") VALUES (1, '2026-03-13', 'วันหยุดท้องถิ่น', TRUE, {At("2026-02-20 02:00:00")});
            INSERT INTO unit_pauses ("UnitId", "OrganizationId", "Until", "CreatedAtUtc") VALUES (2, 1, '2026-03-20', {At("2026-02-20 02:00:00")});
            """;
    }

    static async Task<int> CountAsync(ItaBotDb db, string sql)
    {
        await using (db) return await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
    }
}
