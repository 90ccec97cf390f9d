using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ItaBot.Tests.Reminders;

/// <summary>Reminders on PostgreSQL, the scale-out database: the same claim SQL, and Quartz as a cluster.</summary>
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
    public async Task QuartzRunsAsAClusterOnPostgreSqlAndEachReminderGoesOutOnce()
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
            for (var i = 0; i < 2; i++)
            {
                var app = new TestApp().WithLine(line).With("ConnectionStrings:Default", pg.ConnectionString).With("Reminders:SchedulerEnabled", "true");
                app.Time.SetUtcNow(MondayNine);
                apps.Add(app);
                apps.Add(app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<IReminderRecipients>(recipients)))));
            }
            var schedulers = new List<IScheduler>();
            foreach (var factory in apps.Where((_, i) => i % 2 == 1))
                schedulers.Add(await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler());

            await line.WaitUntilAsync(l => l.Pushes.Count >= 4, TimeSpan.FromSeconds(30), "the weekly reminders");
            await Task.Delay(500);

            foreach (var scheduler in schedulers)
            {
                var meta = await scheduler.GetMetadata();
                Assert.True(meta.JobStoreClustered);
                Assert.True(meta.JobStorePersistent);
            }
            Assert.NotEqual(await schedulers[0].GetSchedulerInstanceId(), await schedulers[1].GetSchedulerInstanceId());
            Assert.Equal(4, line.Pushes.Count);
            Assert.Equal(4, line.Pushes.Select(p => p.To).Distinct().Count());
            Assert.Empty(line.ValidationErrors);
        }
        finally
        {
            foreach (var app in Enumerable.Reverse(apps)) await app.DisposeAsync();
        }
    }
}
