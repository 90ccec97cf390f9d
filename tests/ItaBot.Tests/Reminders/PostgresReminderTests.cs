using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Hangfire;
using Hangfire.PostgreSql;
using ItaBot.Reminders.Jobs;

namespace ItaBot.Tests.Reminders;

/// <summary>Reminders on PostgreSQL, the scale-out database: the same claim SQL, and Hangfire's storage shared by every instance.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresReminderTests
{
    static DateTimeOffset MondayNine => new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task TwoInstancesRunningTheWaveOnPostgreSqlSendEachReminderOnce()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var recipients = new FakeRecipients();
        await using (var db = pg.NewContext())
        {
            await db.Database.MigrateAsync();
            for (var i = 1; i <= 3; i++) await RoundScenario.SeedAsync(db, recipients, name: $"อบต.ทดสอบ {i}");
        }
        var time = new FakeTimeProvider(MondayNine);
        using var one = new ReminderHarness(pg.ConnectionString, time, recipients, new FakeQuotas());
        using var two = new ReminderHarness(pg.ConnectionString, time, recipients, new FakeQuotas());

        var results = await Task.WhenAll(one.RunWaveAsync(), two.RunWaveAsync(), one.RunWaveAsync(), two.RunWaveAsync());
        var quota = await one.WithAsync(sp => ActivatorUtilities.CreateInstance<LineChannelQuotas>(sp).GetAsync(RoundScenario.Channel, default));

        await using var check = pg.NewContext();
        var keys = await check.ReminderDeliveries.Select(d => d.Key).ToListAsync();
        Assert.Equal(12, keys.Count);
        Assert.Equal(12, results.Sum(r => r.Enqueued));
        Assert.Equal(keys.Order(), (await check.LineOutbox.Select(m => m.DedupeKey!).ToListAsync()).Order());
        Assert.Equal(12 * 5, quota.Used);
    }

    [Fact]
    public async Task TwoAppsShareHangfiresSchemaInTheAppDatabaseAndEachReminderGoesOutOnce()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using var line = await FakeLineServer.StartAsync();
        var recipients = new FakeRecipients();
        RoundScenario scenario;
        await using (var db = pg.NewContext())
        {
            await db.Database.MigrateAsync();
            scenario = await RoundScenario.SeedAsync(db, recipients, chatId: LineIds.Group, adminChat: LineIds.Group("ผู้ดูแล"));
        }
        foreach (var chat in scenario.ChatIds.Values) line.AddGroup(chat, chat, memberCount: 4);

        var apps = new List<WebApplicationFactory<Program>>();
        try
        {
            var factories = new List<WebApplicationFactory<Program>>();
            for (var i = 0; i < 2; i++)
            {
                var app = new TestApp().WithLine(line).With("ConnectionStrings:Default", pg.ConnectionString)
                    .With("Reminders:SchedulerEnabled", "true").With("Reminders:JobsPollInterval", "00:00:00.2");
                app.Time.SetUtcNow(MondayNine);
                apps.Add(app);
                var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IReminderRecipients>(recipients))));
                apps.Add(factory);
                factories.Add(factory);
                _ = factory.Services;
            }
            var storage = factories[0].Services.GetRequiredService<JobStorage>();

            await HangfireRuns.WaitForAsync<ReminderWaveJob>(storage, 2);
            await line.WaitUntilAsync(l => l.Pushes.Count >= 4, TimeSpan.FromSeconds(60), "the weekly reminders");
            await Task.Delay(500);

            Assert.IsType<PostgreSqlStorage>(storage);
            Assert.Equal(2, storage.GetMonitoringApi().Servers().Count);
            Assert.Equal(4, line.Pushes.Count);
            Assert.Equal(4, line.Pushes.Select(p => p.To).Distinct().Count());
            Assert.Empty(line.ValidationErrors);
            // Hangfire's tables are in their own schema of the app's database; the app's tables stay in public.
            await using var check = pg.NewContext();
            var schemas = await check.Database.SqlQueryRaw<string>(
                "SELECT DISTINCT table_schema AS \"Value\" FROM information_schema.tables WHERE table_name IN ('job', 'reminder_deliveries')").ToListAsync();
            Assert.Equal(["hangfire", "public"], schemas.Order());
        }
        finally
        {
            foreach (var app in Enumerable.Reverse(apps)) await app.DisposeAsync();
        }
    }
}
