using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ItaBot.Tests.Faults;

/// <summary>
/// kill -9 of the real app process in the middle of work, then a restart on the same database: what was queued
/// goes out once, what was being handled is handled once. Real time: the child process runs on the system clock.
/// </summary>
[Trait("Category", "Faults")]
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);
    static readonly string AdminId = LineIds.User("ผู้ดูแลระบบ");

    readonly TempDatabase _database = new();
    FakeLineServer _line = null!;
    WebhookSigner _signer = null!;
    string Database => _database.Path;

    public async Task InitializeAsync()
    {
        _line = await FakeLineServer.StartAsync();
        _signer = _line.CreateSigner();
    }

    public async Task DisposeAsync()
    {
        await _line.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    async Task<T> InDbAsync<T>(Func<ItaBotDb, Task<T>> query)
    {
        await using var db = _database.NewContext();
        return await query(db);
    }

    /// <summary>An agency with <paramref name="units"/> units of one measure each, in the fiscal year of today's (real) date.</summary>
    async Task<List<string>> SeedAsync(int units)
    {
        await using var db = await _database.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var year = ThaiCalendar.FiscalYearOf(TimeProvider.System.Today());
        var names = new List<string>();
        for (var i = 1; i <= units; i++)
        {
            var unit = new Unit { OrganizationId = org.Id, Name = $"หน่วยงานที่ {i}" };
            db.Units.Add(unit);
            await db.SaveChangesAsync();
            await Seed.MeasureAsync(db, org, $"M{i}", year, unit);
            names.Add(unit.Name);
        }
        await Rounds.EnsureStandardRoundsAsync(db, org, year, TimeProvider.System, default, keepOpen: true);
        return names;
    }

    async Task UntilAsync(Func<bool> condition, string what, AppProcess? app = null)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.\n{app?.Output}");
            await Task.Delay(50);
        }
    }

    async Task UntilDbAsync(Func<ItaBotDb, Task<bool>> condition, string what, AppProcess app)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await InDbAsync(condition))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.\n{app.Output}");
            await Task.Delay(100);
        }
    }

    static async Task PostAsync(AppProcess app, SignedWebhook webhook)
    {
        using var http = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.SendAsync(webhook.CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();
    }

    async Task<JsonObject> SayAsync(AppProcess app, WebhookSource source, string text)
    {
        var message = _signer.TextMessage(source, text);
        await PostAsync(app, _signer.Sign(message));
        return message;
    }

    /// <summary>The app on the test's database, its LINE channel the fake; dead instances' leases run out in seconds.</summary>
    Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Default"] = $"Data Source={Database}",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Demo__Load"] = "false",
            ["Simulator__Enabled"] = "false",
            ["Reminders__SchedulerEnabled"] = "false",
            ["Line__ChannelSecret"] = _line.ChannelSecret,
            ["Line__ChannelAccessToken"] = _line.AccessToken,
            ["Line__ApiBaseUrl"] = _line.BaseUrl.ToString(),
            ["Line__DataApiBaseUrl"] = _line.DataBaseUrl.ToString(),
            ["Line__Inbox__Lease"] = "00:00:03",
            ["Line__Outbox__Lease"] = "00:00:03",
            ["Line__Inbox__PollInterval"] = "00:00:01",
            ["Line__Outbox__PollInterval"] = "00:00:01",
            ["Line__Outbox__RequestTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return AppProcess.ServeAsync(environment, workingDirectory: Path.GetDirectoryName(Database));
    }

    /// <summary>The administrator binds one group per unit, through chat, and each group hears back.</summary>
    async Task<List<string>> BindAsync(AppProcess app, IReadOnlyList<string> units)
    {
        var groups = new List<string>();
        foreach (var unit in units)
        {
            var group = LineIds.Group("กลุ่ม" + unit);
            _line.AddGroup(group, "กลุ่ม" + unit, memberCount: 4);
            await SayAsync(app, WebhookSource.Group(group, AdminId), $"ผูกกลุ่ม {unit}");
            groups.Add(group);
        }
        await UntilAsync(() => groups.All(g => _line.TextsTo(g).Count > 0), "every group to hear its binding", app);
        return groups;
    }

    Dictionary<string, string> Settings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string> { ["Admin__LineUserIds__0"] = AdminId };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    [Fact]
    public async Task KilledInTheMiddleOfAReminderWaveAndRestartedEveryGroupIsRemindedOnce()
    {
        var units = await SeedAsync(30);
        // Slow sending, so the kill lands with part of the wave delivered, part claimed and in flight, part waiting.
        var settings = Settings(("Line__Outbox__RequestsPerSecond", "4"));
        await using var first = await StartAsync(settings);
        var groups = await BindAsync(first, units);

        var remindNow = await SayAsync(first, WebhookSource.User(AdminId), "เตือนตอนนี้");
        bool Reminded(FakeLinePush p) => groups.Contains(p.To);
        await UntilAsync(() => _line.Pushes.Count(Reminded) >= 5, "the wave to be under way", first);
        // Two pushes LINE carries out but whose answers never come: in flight when the process dies.
        _line.FailNext(FakeLineFault.AcceptThenHang, times: 2, pathPrefix: "/v2/bot/message/push");
        await UntilAsync(() => _line.Pushes.Count(Reminded) >= 8, "more of the wave", first);
        await first.KillAsync();
        var beforeRestart = _line.Pushes.Count(Reminded);

        await using var second = await StartAsync(settings);
        await UntilAsync(() => groups.All(g => _line.Pushes.Any(p => p.To == g)), "every group to be reminded", second);
        await UntilDbAsync(db => db.LineOutbox.AllAsync(m => m.State != OutboxState.Pending), "the outbox to settle", second);

        var ledger = await InDbAsync(db => DeliveryLedger.CountAsync(db, _line));
        output.WriteLine($"| kill -9 in the middle of a 30-group wave ({beforeRestart} delivered before the kill) | {ledger} |");
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
        Assert.All(groups, g => Assert.Equal(1, ledger.TimesReminded(g)));
        Assert.InRange(beforeRestart, 8, groups.Count - 1);
        Assert.Equal(1, ledger.TimesAnswered(remindNow));
        Assert.Contains(_line.Requests, r => r.Path == "/v2/bot/message/push" && r.StatusCode == 409);
    }

    [Fact]
    public async Task KilledWhileHandlingAnEventAndRestartedTheEventIsHandledAndAnsweredOnce()
    {
        const string organization = "องค์การบริหารส่วนตำบลทดสอบ";
        await using (await _database.MigratedContextAsync()) { }
        var settings = Settings(("Line__Organization", organization));
        var plan = Encoding.UTF8.GetBytes("""
            รหัส,มาตรการ/แนวทาง,ผู้รับผิดชอบ,ระยะเวลาดำเนินการ
            M1,เปิดเผยแผนการจัดซื้อจัดจ้าง,กองคลัง,ต.ค. 67 - ธ.ค. 67
            M2,จัดทำคู่มือการรับเรื่องร้องเรียน,สำนักปลัด,ภายในปีงบประมาณ พ.ศ. ๒๕๖๘
            """.ReplaceLineEndings("\r\n"));
        await using var first = await StartAsync(settings);

        // The administrator sends the plan; downloading it from LINE hangs, so the process dies mid-event.
        var file = _signer.FileMessage(WebhookSource.User(AdminId), "แผน2568.csv", plan.Length);
        _line.AddMessageContent(file.MessageId(), plan, "text/csv");
        _line.FailNext(FakeLineFault.Hang, pathPrefix: $"/v2/bot/message/{file.MessageId()}/content");
        await PostAsync(first, _signer.Sign(file));
        await UntilAsync(() => _line.Requests.Any(r => r.Path.EndsWith("/content", StringComparison.Ordinal)), "the handler to be downloading the file", first);
        await first.KillAsync();

        await using var second = await StartAsync(settings);
        var id = file.WebhookEventId();
        await UntilDbAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State == InboxState.Done), "the event to be handled after the restart", second);
        await UntilDbAsync(db => db.LineOutbox.AllAsync(m => m.State != OutboxState.Pending), "its answer to go out", second);

        var ledger = await InDbAsync(db => DeliveryLedger.CountAsync(db, _line));
        output.WriteLine($"| kill -9 while handling an event (plan file download) | {ledger} |");
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
        Assert.Equal(1, ledger.TimesAnswered(file));
        Assert.Contains("นำเข้าแผน", string.Join("\n", _line.TextsTo(AdminId)));
        Assert.Equal(2, await InDbAsync(db => db.Measures.CountAsync()));
        Assert.Equal(1, await InDbAsync(db => db.ChatAudit.CountAsync(a => a.Action == "import")));
    }

    /// <summary>
    /// kill -9 while LINE keeps posting webhooks: events are acknowledged from the webhook's journal and moved into
    /// line_inbox afterwards, so the kill lands with events in the journal, in both places, or in flight. After the
    /// restart every acknowledged event is handled and answered exactly once; an event whose post got no 200 at most once.
    /// </summary>
    [Fact]
    public async Task KilledWhileWebhooksArriveEveryAcknowledgedEventIsHandledAndAnsweredOnce()
    {
        await using (await _database.MigratedContextAsync()) { }
        var acknowledged = new ConcurrentBag<JsonObject>();
        var unanswered = new ConcurrentBag<JsonObject>();
        var next = 0;
        await using (var first = await StartAsync(Settings()))
        {
            using var http = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var stop = new CancellationTokenSource();
            // Four connections, one follow (answered with a welcome) per request, from people who never wrote before.
            var posters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var follow = _signer.Follow(LineIds.User($"ผู้ติดตาม {Interlocked.Increment(ref next)}"));
                    try
                    {
                        using var response = await http.SendAsync(_signer.Sign(follow).CreateRequest("/line/webhook"));
                        (response.StatusCode == HttpStatusCode.OK ? acknowledged : unanswered).Add(follow);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        unanswered.Add(follow);
                        return; // the process is gone
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow + Wait;
            while (acknowledged.Count < 60)
            {
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {acknowledged.Count} webhooks acknowledged.\n{first.Output}");
                await Task.Delay(10);
            }
            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(posters);
        }
        long leftInJournal;
        using (var journal = InboxStaging.Open(InboxStaging.PathBeside(_database.ConnectionString)!))
            leftInJournal = journal.Count();
        var movedBeforeTheKill = await InDbAsync(db => db.LineInbox.CountAsync());

        await using var second = await StartAsync(Settings());
        var ids = acknowledged.Select(e => e.WebhookEventId()).ToHashSet();
        await UntilDbAsync(async db => await db.LineInbox.CountAsync(e => ids.Contains(e.WebhookEventId) && e.State == InboxState.Done) == ids.Count,
            "every acknowledged event to be handled after the restart", second);
        await UntilDbAsync(db => db.LineOutbox.AllAsync(m => m.State != OutboxState.Pending), "every answer to go out", second);

        var ledger = await InDbAsync(db => DeliveryLedger.CountAsync(db, _line));
        output.WriteLine($"| kill -9 while webhooks arrive | {acknowledged.Count} acknowledged, {unanswered.Count} not; at the kill {movedBeforeTheKill} in line_inbox, {leftInJournal} rows in the journal | {ledger} |");
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
        // Each follower is someone new, so everything queued to them is their one welcome: handled twice, it would be there twice.
        int Queued(JsonObject follow) => ledger.Rows.Count(r => r.To == follow["source"]!["userId"]!.GetValue<string>());
        var welcome = Queued(acknowledged.First());
        Assert.True(welcome > 0);
        Assert.All(acknowledged, e => Assert.Equal(welcome, Queued(e)));
        Assert.All(unanswered, e => Assert.Contains(Queued(e), new[] { 0, welcome }));
        Assert.All(ledger.Rows, r => Assert.Equal(1, ledger.Accepted[r.Id]));
    }
}
