using Hangfire;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Reminders.Jobs;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// The real app: Hangfire on its own SQLite file beside the app's, running the wave from the app's services on
/// the fake clock, the outbox and its sender, and a fake LINE server that checks every request against LINE's
/// OpenAPI spec. Hangfire's own timing is the machine's; what is due is decided by the injected clock (2026 here).
/// </summary>
public sealed class ReminderEndToEndTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
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
    async Task<WebApplicationFactory<Program>> StartAsync(DateTimeOffset now)
    {
        var app = new TestApp().WithLine(_line)
            .With("ConnectionStrings:Default", _database.ConnectionString)
            .With("Reminders:SchedulerEnabled", "true")
            .With("Reminders:JobsPollInterval", "00:00:00.2");
        app.Time.SetUtcNow(now);
        var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
            services.Replace(ServiceDescriptor.Singleton<IReminderRecipients>(_recipients))));
        _apps.Add(factory);
        _apps.Add(app);
        _ = factory.Services; // starts the host, and with it Hangfire's server
        await Task.Yield();
        return factory;
    }

    static JobStorage StorageOf(WebApplicationFactory<Program> factory) => factory.Services.GetRequiredService<JobStorage>();

    async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = _database.NewContext();
        return await db.LineOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task HangfireRegistersBothJobsOnBangkokTimeInAFileOfItsOwnAndRunsTheWaveAtStart()
    {
        var factory = await StartAsync(MondayNine);
        var storage = StorageOf(factory);

        await HangfireRuns.WaitForAsync<ReminderWaveJob>(storage, 1);

        var recurring = HangfireRuns.Recurring(storage).ToDictionary(r => r.Id);
        Assert.Equal("*/15 * * * *", recurring[ReminderWaveJob.Id].Cron);
        Assert.Equal("0 6 * * *", recurring[RoundsJob.Id].Cron);
        Assert.All(recurring.Values, r => Assert.Equal("Asia/Bangkok", r.TimeZoneId));
        Assert.Equal(typeof(RoundsJob), recurring[RoundsJob.Id].Job.Type);
        Assert.Equal(0, HangfireRuns.Failed<ReminderWaveJob>(storage));
        // The wave decided by the injected clock: the reminders are 2026's weekly slot, not today's date on this machine.
        var outbox = await OutboxAsync();
        Assert.Equal(4, outbox.Count);
        Assert.All(outbox, m => Assert.EndsWith(":weekly:2026-03-02", m.DedupeKey));

        // Hangfire's tables are in their own file beside the app's; the app's file has none of them, and no Quartz.
        var jobsFile = JobsStorage.SqlitePathBeside(_database.ConnectionString);
        Assert.Equal(Path.GetDirectoryName(_database.Path), Path.GetDirectoryName(jobsFile));
        Assert.True(File.Exists(jobsFile));
        Assert.Contains("Job", Tables(jobsFile));
        var appTables = Tables(_database.Path);
        Assert.Contains("reminder_deliveries", appTables);
        Assert.DoesNotContain(appTables, t => t is "Job" or "Hash" or "Set" or "State" or "JobQueue" || t.StartsWith("QRTZ", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheScheduledWaveRemindsEachGroupOnceThroughLine()
    {
        var factory = await StartAsync(MondayNine);

        await _line.WaitUntilAsync(l => l.Pushes.Count >= 4, Wait, "the weekly reminders");
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(StorageOf(factory), 1);

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
        var first = await StartAsync(MondayNine);
        var second = await StartAsync(MondayNine);
        var storage = StorageOf(second);
        // Each instance's start runs a wave; both go through the one Hangfire file, picked up by either server.
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(storage, 2);
        await _line.WaitUntilAsync(l => l.Pushes.Count >= 4, Wait, "the weekly reminders");
        // And the wave once more in each instance at once, as a scheduled run beside a late start-up run would.
        await Task.WhenAll(RunWaveIn(first), RunWaveIn(second));

        // A restart a quarter of an hour later: the new instance runs its wave at start, and it finds nothing new.
        await first.DisposeAsync();
        var restarted = await StartAsync(MondayNine.AddMinutes(15));
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(StorageOf(restarted), 3);
        await Task.Delay(300);

        Assert.Equal(4, _line.Pushes.Count);
        Assert.Equal(4, _line.Pushes.Select(p => p.To).Distinct().Count());
        Assert.Equal(4, (await OutboxAsync()).Count);
        Assert.Equal(0, HangfireRuns.Failed<ReminderWaveJob>(storage));
        Assert.Empty(_line.ValidationErrors);
    }

    [Fact]
    public async Task AfterAWeekDownTheRestartedAppSendsOneCatchUpPerGroup()
    {
        // Friday 27 Mar 2026: the weekly reminder of Monday 23 Mar went out; then the app is down until Thursday 9 Apr.
        var before = await StartAsync(new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.FromHours(7)));
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(StorageOf(before), 1);
        await _line.WaitUntilAsync(l => l.Pushes.Count >= 4, Wait, "the reminders before the downtime");
        await before.DisposeAsync();

        var after = await StartAsync(new DateTimeOffset(2026, 4, 9, 10, 0, 0, TimeSpan.FromHours(7)));
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(StorageOf(after), 2);
        await _line.WaitUntilAsync(l => l.Pushes.Count >= 8, Wait, "the catch-up");
        await Task.Delay(300);

        // Weekly 30 Mar, 14 days before, weekly 6 Apr and 7 days before were missed: one message per group, the latest.
        Assert.Equal(8, _line.Pushes.Count);
        foreach (var unit in _scenario.Units.Keys) Assert.Equal(2, _line.TextsTo(_scenario.Chat(unit)).Count);
        var catchUp = (await OutboxAsync()).Skip(4).ToList();
        Assert.All(catchUp, m => Assert.EndsWith(":due-7:2026-04-08", m.DedupeKey));
    }

    [Fact]
    public async Task WhenLineSaysTheQuotaIsNearlySpentTheAdministratorsGetOneSummary()
    {
        _line.MonthlyLimit = 300;
        _line.SetTotalUsage(250);
        var factory = await StartAsync(MondayNine);

        await _line.WaitUntilAsync(l => l.Pushes.Count >= 1, Wait, "the summary");
        await HangfireRuns.WaitForAsync<ReminderWaveJob>(StorageOf(factory), 1);
        await Task.Delay(300);

        var push = Assert.Single(_line.Pushes);
        Assert.Equal(_scenario.Admin, push.To);
        var text = FakeLineServer.Readable(push.Messages[0]);
        Assert.Contains("โควตาข้อความ LINE เดือนนี้ใกล้หมด (ใช้ไป ๒๕๐ จาก ๓๐๐)", text);
        Assert.Contains("• กองคลัง: M1, M2", text);
        Assert.Empty(_line.ValidationErrors);
    }

    static async Task RunWaveIn(WebApplicationFactory<Program> factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(default);
    }

    static List<string> Tables(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }
}
