using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ItaBot.Tests.Faults;

/// <summary>
/// kill -9 of the real app while LINE keeps posting webhooks: events are acknowledged from the webhook's journal and
/// moved into line_inbox afterwards, so the kill lands with events in the journal, in both places, or in flight. After
/// a restart on the same files every acknowledged event is handled and answered exactly once, and an event whose post
/// got no 200 is answered at most once (LINE would count its delivery failed). Real time: the child runs on the system clock.
/// </summary>
[Trait("Category", "Faults")]
public sealed class WebhookCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(180);

    readonly TempDatabase _database = new();
    FakeLineServer _line = null!;
    WebhookSigner _signer = null!;

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

    Task<AppProcess> StartAsync() => AppProcess.ServeAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings__Default"] = $"Data Source={_database.Path}",
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
    }, workingDirectory: Path.GetDirectoryName(_database.Path));

    async Task<T> InDbAsync<T>(Func<ItaBotDb, Task<T>> query)
    {
        await using var db = _database.NewContext();
        return await query(db);
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

    [Fact]
    public async Task KilledWhileWebhooksArriveEveryAcknowledgedEventIsHandledAndAnsweredOnce()
    {
        await using (await _database.MigratedContextAsync()) { }
        var acknowledged = new ConcurrentBag<JsonObject>();
        var unanswered = new ConcurrentBag<JsonObject>();
        var next = 0;
        await using (var first = await StartAsync())
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

        await using var second = await StartAsync();
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
