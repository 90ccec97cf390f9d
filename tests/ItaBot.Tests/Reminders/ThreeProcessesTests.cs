using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reminders.Jobs;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// Three copies of the built app, each a process of its own, on one PostgreSQL database, as behind a load balancer:
/// they share Hangfire's schema, each runs its start-up wave at about the same moment, and LINE receives each
/// reminder once. The groups are bound as the chat layer binds them; only the clock is the test's.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class ThreeProcessesTests
{
    const int Organizations = 3;
    static readonly string[] UnitNames = ["กองคลัง", "กองช่าง", "สำนักปลัด", "กองการศึกษา"];
    static DateTimeOffset MondayNine => new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task ThreeAppProcessesOnOnePostgreSqlSendEachReminderKeyOnce()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var line = await FakeLineServer.StartAsync();
        await using (var db = pg.NewContext())
        {
            await db.Database.MigrateAsync();
            for (var i = 1; i <= Organizations; i++) await SeedAsync(db, line, $"อบต.ทดสอบ {i}");
        }
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Default"] = pg.ConnectionString,
            ["Demo__Load"] = "false",
            ["Reminders__JobsPollInterval"] = "00:00:00.2",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in line.Settings()) environment[key.Replace(":", "__")] = value;

        var apps = new List<AppProcess>();
        try
        {
            apps.AddRange(await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => AppProcess.ServeAsync(environment, MondayNine))));
            var storage = JobsStorage.Create(pg.ConnectionString, new ReminderOptions());

            await HangfireRuns.WaitForAsync<ReminderWaveJob>(storage, 3);
            await line.WaitUntilAsync(l => l.Pushes.Count >= Organizations * UnitNames.Length, TimeSpan.FromSeconds(60), "every group's reminder");
            await Task.Delay(1000);

            Assert.Equal(3, apps.Select(a => a.Id).Distinct().Count());
            Assert.Equal(3, storage.GetMonitoringApi().Servers().Count);
            Assert.Equal(0, HangfireRuns.Failed<ReminderWaveJob>(storage));
            Assert.Equal(Organizations * UnitNames.Length, line.Pushes.Count);
            Assert.Equal(line.Pushes.Count, line.Pushes.Select(p => p.To).Distinct().Count());
            Assert.Empty(line.ValidationErrors);
            await using var check = pg.NewContext();
            var keys = await check.ReminderDeliveries.Select(d => d.Key).ToListAsync();
            Assert.Equal(Organizations * UnitNames.Length, keys.Count);
            Assert.All(keys, k => Assert.EndsWith(":weekly:2026-03-02", k));
            Assert.Equal(keys.Order(), (await check.LineOutbox.Select(m => m.DedupeKey!).ToListAsync()).Order());
        }
        catch (Exception e) when (apps.Count > 0)
        {
            throw new Exception($"{e.Message}\n--- the apps said:\n{string.Join("\n---\n", apps.Select(a => a.Output))}", e);
        }
        finally
        {
            foreach (var app in apps) await app.DisposeAsync();
        }
    }

    /// <summary>An organization in FY 2569 with a LINE group per unit bound to it, and an administrator group.</summary>
    static async Task SeedAsync(ItaBotDb db, FakeLineServer line, string name)
    {
        var org = await Seed.OrganizationAsync(db, name);
        var units = UnitNames.Select(u => new Unit { OrganizationId = org.Id, Name = u }).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        foreach (var (unit, i) in units.Select((u, i) => (u, i))) await Seed.MeasureAsync(db, org, $"M{i + 1}", 2569, unit);
        await Rounds.EnsureStandardRoundsAsync(db, org, 2569, FakeTimeProvider.AtBangkok(2025, 10, 1), default);
        var joined = new DateTime(2025, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var unit in units)
        {
            var chatId = LineIds.Group($"{name}/{unit.Name}");
            line.AddGroup(chatId, unit.Name, memberCount: 5);
            var chat = new LineChat { Channel = LineOptions.DefaultChannelName, ChatId = chatId, Kind = ChatKind.Group, OrganizationId = org.Id, JoinedAtUtc = joined };
            chat.Units.Add(new ChatUnit { UnitId = unit.Id, BoundAtUtc = joined });
            db.LineChats.Add(chat);
        }
        var admins = LineIds.Group($"{name}/ผู้ดูแล");
        line.AddGroup(admins, "ผู้ดูแล ITA", memberCount: 3);
        db.LineChats.Add(new LineChat { Channel = LineOptions.DefaultChannelName, ChatId = admins, Kind = ChatKind.Group, OrganizationId = org.Id, IsAdminChat = true, JoinedAtUtc = joined });
        await db.SaveChangesAsync();
    }
}
