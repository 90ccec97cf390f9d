using ItaBot.Data;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ItaBot.Tests.Data;

public sealed class SchemaTests
{
    [Fact]
    public async Task MigrationsBuildExactlyTheSchemaTheModelDescribes()
    {
        using var migrated = new TempDatabase();
        using var created = new TempDatabase();
        await using (var db = migrated.NewContext()) await db.Database.MigrateAsync();
        await using (var db = created.NewContext()) await db.Database.EnsureCreatedAsync();

        var fromMigrations = Describe(migrated.ConnectionString);
        var fromModel = Describe(created.ConnectionString);

        Assert.Equal(fromModel, fromMigrations);
    }

    [Fact]
    public async Task ADatabaseMadeByTheFirstSchemaVersionUpgradesWithItsDataIntact()
    {
        using var temp = new TempDatabase();
        await using (var db = temp.NewContext())
        {
            var migrator = db.GetService<IMigrator>();
            var first = db.Database.GetMigrations().First();
            await migrator.MigrateAsync(first);
            // Written as raw SQL: the first version's tables, not today's model, are what an old install has.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO organizations (Id, Name, PublicToken, CreatedAtUtc) VALUES (1, 'เทศบาลตำบลเมืองจันทร์', 'tok', '2024-10-01 00:00:00');
                INSERT INTO units (Id, OrganizationId, Name, Aliases) VALUES (1, 1, 'กองคลัง', '["คลัง"]');
                INSERT INTO measures (Id, OrganizationId, FiscalYear, Code, "Order", Issue, Title, Steps, PeriodStart, PeriodEnd, CreatedAtUtc, UpdatedAtUtc)
                  VALUES (1, 1, 2568, 'M1', 1, 'ประเด็น ๑', 'เปิดเผยแผนจัดซื้อจัดจ้าง', '["จัดทำแผน","เผยแพร่"]', '2024-10-01', '2025-09-01', '2024-10-01 00:00:00', '2024-10-01 00:00:00');
                INSERT INTO measure_units (MeasureId, UnitId, "Order") VALUES (1, 1, 0);
                INSERT INTO rounds (Id, OrganizationId, FiscalYear, Kind, WindowStart, WindowEnd, DueDate, State) VALUES (1, 1, 2568, 'SixMonth', '2024-10-01', '2025-03-31', '2025-04-15', 'Open');
                INSERT INTO status_reports (MeasureId, RoundId, Status, EvidenceUrls, ReportedAtUtc, Source, Result) VALUES (1, 1, 'Done', '["https://example.go.th/plan"]', '2025-03-01 03:00:00', 'Chat', 'เผยแพร่แล้ว');
                """);
        }

        await using (var db = temp.NewContext()) await db.Database.MigrateAsync();

        await using (var db = temp.NewContext())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var measure = await db.Measures.Include(m => m.Responsible).ThenInclude(r => r.Unit).SingleAsync();
            Assert.Equal("เปิดเผยแผนจัดซื้อจัดจ้าง", measure.Title);
            Assert.Equal(["จัดทำแผน", "เผยแพร่"], measure.Steps);
            Assert.Equal("กองคลัง", measure.Responsible.Single().Unit!.Name);
            var report = await db.StatusReports.SingleAsync();
            Assert.Equal(MeasureStatus.Done, report.Status);
            Assert.Equal(["https://example.go.th/plan"], report.EvidenceUrls);
            Assert.Equal(DateTimeKind.Utc, report.ReportedAtUtc.Kind);
            Assert.Equal(["คลัง"], (await db.Units.SingleAsync()).Aliases);
        }
    }

    /// <summary>Every table, column (type, nullability, key) and index, as SQLite reports them.</summary>
    static List<string> Describe(string connectionString)
    {
        var lines = new List<string>();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%' ORDER BY name");
        foreach (var table in tables)
        {
            foreach (var column in Query(connection, $"SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('{table}') ORDER BY name"))
                lines.Add($"{table}.{column}");
            foreach (var index in Query(connection, $"SELECT name || ' unique=' || \"unique\" FROM pragma_index_list('{table}') WHERE origin = 'c' ORDER BY name"))
                lines.Add($"{table} index {index} ({string.Join(",", Query(connection, $"SELECT name FROM pragma_index_info('{index.Split(' ')[0]}') ORDER BY seqno"))})");
            foreach (var fk in Query(connection, $"SELECT \"from\" || '->' || \"table\" || '.' || \"to\" || ' ' || on_delete FROM pragma_foreign_key_list('{table}') ORDER BY \"from\""))
                lines.Add($"{table} fk {fk}");
        }
        return lines;
    }

    static List<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }
}
