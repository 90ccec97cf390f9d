using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// The real app: Quartz on the app's SQLite file with the fake clock, the wave, the outbox and its
/// sender, and a fake LINE server that checks every request against LINE's OpenAPI spec.
/// </summary>
public sealed class ReminderEndToEndTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();
    readonly List<IAsyncDisposable> _apps = [];
    FakeLineServer _line = null!;
    RoundScenario _scenario = null!;

    // Monday 2 Mar 2026, 09:00 Bangkok: the weekly reminder of FY 2569's 6-month round is due.
    static DateTimeOffset MondayNine => new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(7));

    public async Task InitializeAsync()
    {
        _line = await FakeLineServer.StartAsync();
        await using var db = await _database.MigratedContextAsync();
        _scenario = await RoundScenario.SeedAsync(db, _recipients, chatId: LineIds.Group, adminChat: LineIds.Group("ผู้ดูแล"));
        foreach (var (unit, chat) in _scenario.ChatIds) _line.AddGroup(chat, unit, memberCount: 6);
        _line.AddGroup(_scenario.Admin, "ผู้ดูแล ITA", memberCount: 3);
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        await _line.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>An instance of the app on the shared database, its scheduler on, its clock at <paramref name="now"/>.</summary>
    async Task<(TestApp App, WebApplicationFactory<Program> Factory)> StartAsync(DateTimeOffset now)
    {
        var app = new TestApp().WithLine(_line)
            .With("ConnectionStrings:Default", _database.ConnectionString)
            .With("Reminders:SchedulerEnabled", "true");
        app.Time.SetUtcNow(now);
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<IReminderRecipients>(_recipients))));
        _apps.Add(factory);
        _apps.Add(app);
        _ = factory.Services; // starts the host, and with it Quartz
        await Task.Yield();
        return (app, factory);
    }

    static async Task<IScheduler> SchedulerOf(WebApplicationFactory<Program> factory) =>
        await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = _database.NewContext();
        return await db.LineOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    async Task WaitForJobRunsAsync(WebApplicationFactory<Program> factory, int runs)
    {
        var scheduler = await SchedulerOf(factory);
        var deadline = DateTime.UtcNow + Wait;
        while ((await scheduler.GetMetadata()).JobsExecuted < runs)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Quartz ran {(await scheduler.GetMetadata()).JobsExecuted} jobs, not {runs}.");
            await Task.Delay(20);
        }
        // The job may count as executed when it starts; wait for it to finish its transaction.
        while ((await scheduler.GetMetadata()).LocalExecutingJobs > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("A reminder job did not finish.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task QuartzOnTheAppDatabaseRunsTheWaveOnTheInjectedClock()
    {
        var (_, factory) = await StartAsync(MondayNine);

        await WaitForJobRunsAsync(factory, 1);
        var scheduler = await SchedulerOf(factory);
        var meta = await scheduler.GetMetadata();
        Assert.Equal(SchedulerStatus.Running, meta.Status);
        Assert.True(meta.JobStorePersistent);
        Assert.False(meta.JobStoreClustered);
        Assert.True(await scheduler.Exists(ReminderWaveJob.Key));
        Assert.True(await scheduler.Exists(RoundsJob.Key));

        // The trigger was started and is repeated on the fake clock (2026), not the machine's.
        var wave = await scheduler.GetTrigger(new TriggerKey("reminder-wave", "reminders"));
        Assert.Equal(MondayNine.AddMinutes(15), wave!.NextFireTimeUtc);
        var daily = await scheduler.GetTrigger(new TriggerKey("rounds-daily", "reminders"));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.FromHours(7)), daily!.NextFireTimeUtc);
        // Its tables live in the app's own SQLite file.
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM QRTZ_TRIGGERS";
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task TheScheduledWaveRemindsEachGroupOnceThroughLine()
    {
        var (_, factory) = await StartAsync(MondayNine);

        await _line.WaitUntilAsync(l => l.Pushes.Count >= 4, Wait, "the weekly reminders");
        await WaitForJobRunsAsync(factory, 1);

        Assert.Empty(_line.ValidationErrors);
        foreach (var unit in _scenario.Units.Keys)
        {
            var text = Assert.Single(_line.TextsTo(_scenario.Chat(unit)));
            Assert.Contains($"{unit} ยังไม่รายงาน", text);
            Assert.Contains("ภายใน ๑๕ เม.ย. ๖๙", text);
        }
        var pushed = _line.MessagesTo(_scenario.Chat("กองคลัง")).Single();
        Assert.Equal("สถานะ", pushed["quickReply"]!["items"]![0]!["action"]!["text"]!.GetValue<string>());
        var outbox = await OutboxAsync();
        Assert.All(outbox, m => Assert.StartsWith($"remind:{_scenario.Org.Id}:", m.DedupeKey));
        Assert.Equal(4, outbox.Count);
        Assert.Equal(4 * 6, _line.TotalUsage);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabaseAndARestartSendEachReminderOnce()
    {
        var (_, first) = await StartAsync(MondayNine);
        var (_, second) = await StartAsync(MondayNine);
        await _line.WaitUntilAsync(l => l.Pushes.Count >= 4, Wait, "the weekly reminders");
        // On SQLite the two schedulers share one trigger table, so either may fire it; the other instance's
        // wave runs anyway, as it would if its scheduler had got there first.
        await using (var scope = second.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(default);
        await using (var scope = first.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(default);

        // A restart a quarter of an hour later: the new instance's scheduler fires its wave at once.
        await first.DisposeAsync();
        var (_, restarted) = await StartAsync(MondayNine.AddMinutes(15));
        await WaitForJobRunsAsync(restarted, 1);
        await Task.Delay(300);

        Assert.Equal(4, _line.Pushes.Count);
        Assert.Equal(4, _line.Pushes.Select(p => p.To).Distinct().Count());
        Assert.Equal(4, (await OutboxAsync()).Count);
        Assert.Empty(_line.ValidationErrors);
    }

    [Fact]
    public async Task WhenLineSaysTheQuotaIsNearlySpentTheAdministratorsGetOneSummary()
    {
        _line.MonthlyLimit = 300;
        _line.SetTotalUsage(250);
        var (_, factory) = await StartAsync(MondayNine);

        await _line.WaitUntilAsync(l => l.Pushes.Count >= 1, Wait, "the summary");
        await WaitForJobRunsAsync(factory, 1);
        await Task.Delay(300);

        var push = Assert.Single(_line.Pushes);
        Assert.Equal(_scenario.Admin, push.To);
        var text = FakeLineServer.Readable(push.Messages[0]);
        Assert.Contains("โควตาข้อความ LINE เดือนนี้ใกล้หมด (ใช้ไป ๒๕๐ จาก ๓๐๐)", text);
        Assert.Contains("• กองคลัง: M1, M2", text);
        Assert.Empty(_line.ValidationErrors);
    }
}
