using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Chat;

/// <summary>
/// The real app (webhook, inbox worker, chat, outbox) against the fake LINE server, on a database the harness
/// owns so a test can restart the app on the same file. A small agency is seeded: กองคลัง (M1–M3), กองช่าง (M4),
/// the 2568 rounds (the 6-month one is current on 3 Mar 2025), and one configured administrator.
/// </summary>
sealed class ChatHarness : IAsyncDisposable
{
    public const string OrganizationName = "เทศบาลตำบลเมืองจันทร์";
    public static readonly string AdminId = LineIds.User("ผู้ดูแลระบบ");
    public static readonly string FinanceHeadId = LineIds.User("หัวหน้ากองคลัง");
    public static readonly string WorksHeadId = LineIds.User("หัวหน้ากองช่าง");
    public static readonly string StrangerId = LineIds.User("คนนอก");
    public static readonly string FinanceGroupId = LineIds.Group("กลุ่มกองคลัง");
    public static readonly string WorksGroupId = LineIds.Group("กลุ่มกองช่าง");
    public static readonly string AdminGroupId = LineIds.Group("กลุ่มผู้ดูแล");

    static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    readonly TempDatabase _database;
    readonly bool _ownsDatabase;
    readonly List<(string Key, string? Value)> _settings;

    /// <summary>Services the test puts in (a fault in front of the handler …); kept across restarts.</summary>
    public Action<IServiceCollection>? Services { get; set; }

    ChatHarness(FakeLineServer line, TempDatabase database, bool ownsDatabase, List<(string, string?)> settings)
    {
        Line = line;
        _database = database;
        _ownsDatabase = ownsDatabase;
        _settings = settings;
    }

    public FakeLineServer Line { get; }
    public TestApp App { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public WebhookSigner Signer { get; private set; } = null!;
    public FakeTimeProvider Time => App.Time;

    public static WebhookSource InFinanceGroup(string userId) => WebhookSource.Group(FinanceGroupId, userId);
    public static WebhookSource InWorksGroup(string userId) => WebhookSource.Group(WorksGroupId, userId);
    public static WebhookSource InAdminGroup(string userId) => WebhookSource.Group(AdminGroupId, userId);
    public static WebhookSource Direct(string userId) => WebhookSource.User(userId);

    /// <summary>Starts the fake LINE server and the app, and seeds the agency (unless <paramref name="seed"/> is false).</summary>
    public static Task<ChatHarness> StartAsync(bool seed = true, params (string Key, string? Value)[] settings) => StartAsync(seed, pooled: false, settings);

    /// <param name="pooled">Keep SQLite connections open between queries (a long run of many events; the file is still removed at the end).</param>
    public static Task<ChatHarness> StartAsync(bool seed, bool pooled, params (string Key, string? Value)[] settings) => StartAsync(seed, pooled, null, settings);

    public static async Task<ChatHarness> StartAsync(bool seed, bool pooled, Action<IServiceCollection>? services, params (string Key, string? Value)[] settings)
    {
        var line = await FakeLineServer.StartAsync();
        var database = new TempDatabase();
        (string, string?)[] connection = pooled ? [("ConnectionStrings:Default", $"Data Source={database.Path};Pooling=True")] : [];
        var harness = new ChatHarness(line, database, ownsDatabase: true, [(AdminSetting, AdminId), .. connection, .. settings]) { Services = services };
        harness.Boot();
        if (seed) await harness.SeedAsync();
        return harness;
    }

    const string AdminSetting = "Admin:LineUserIds:0";

    void Boot()
    {
        App = new TestApp().WithLine(Line).With("ConnectionStrings:Default", _database.ConnectionString);
        foreach (var (key, value) in _settings) App.With(key, value);
        if (Services is { } services) App.WithServices(services);
        Client = App.CreateClient();
        Signer = Line.CreateSigner(App.Time);
    }

    /// <summary>Stops the app and starts a fresh one on the same database file (the clock starts over too), with settings changed if given.</summary>
    public async Task RestartAsync(params (string Key, string? Value)[] changed)
    {
        Client.Dispose();
        await App.DisposeAsync();
        foreach (var (key, value) in changed)
        {
            _settings.RemoveAll(s => s.Key == key);
            _settings.Add((key, value));
        }
        Boot();
    }

    public async Task SeedAsync()
    {
        await InDbAsync(async db =>
        {
            var org = await Seed.OrganizationAsync(db, OrganizationName);
            var finance = new Unit { OrganizationId = org.Id, Name = "กองคลัง", Aliases = ["คลัง", "Finance"] };
            var works = new Unit { OrganizationId = org.Id, Name = "กองช่าง" };
            db.Units.AddRange(finance, works);
            await db.SaveChangesAsync();
            await Seed.MeasureAsync(db, org, "M1", units: [finance]);
            await Seed.MeasureAsync(db, org, "M2", units: [finance]);
            await Seed.MeasureAsync(db, org, "M3", units: [finance, works]);
            await Seed.MeasureAsync(db, org, "M4", units: [works]);
            await Rounds.EnsureStandardRoundsAsync(db, org, 2568, Time, default);
        });
    }

    /// <summary>Binds the two unit groups as an administrator would (through chat).</summary>
    public async Task BindGroupsAsync()
    {
        await SayAsync(InFinanceGroup(AdminId), "ผูกกลุ่ม กองคลัง");
        await SayAsync(InWorksGroup(AdminId), "ผูกกลุ่ม กองช่าง");
    }

    // ---- talking to the bot ------------------------------------------------------------------------------------

    public Task<IReadOnlyList<JsonObject>> SayAsync(WebhookSource source, string text) => SendAsync(Signer.TextMessage(source, text));

    /// <summary>"@ItaBot …" with LINE's mention of the bot (isSelf).</summary>
    public Task<IReadOnlyList<JsonObject>> SayToBotAsync(WebhookSource source, string text) =>
        SendAsync(Signer.TextWithMentions(source, "@ItaBot " + text, "ItaBot", new Dictionary<string, string>()));

    public Task<IReadOnlyList<JsonObject>> TapAsync(WebhookSource source, string data) => SendAsync(Signer.Postback(source, data));

    /// <summary>Posts one signed event, waits until the worker has handled it, and returns what the bot answered (reply or fallback push).</summary>
    public async Task<IReadOnlyList<JsonObject>> SendAsync(JsonObject webhookEvent)
    {
        var chatId = webhookEvent["source"]!["groupId"]?.GetValue<string>() ?? webhookEvent["source"]!["roomId"]?.GetValue<string>()
            ?? webhookEvent["source"]!["userId"]!.GetValue<string>();
        var before = Line.MessagesTo(chatId).Count;
        var response = await Client.SendAsync(Signer.Sign(webhookEvent).CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();

        var id = webhookEvent.WebhookEventId();
        await WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State != InboxState.Pending), $"event {id} to be handled");
        var handled = await InDbAsync(db => db.LineInbox.SingleAsync(e => e.WebhookEventId == id));
        Assert.True(handled.State == InboxState.Done, $"The chat handler failed: {handled.LastError}");
        await AnswersSentAsync(chatId);
        Assert.Empty(Line.ValidationErrors);
        return Line.MessagesTo(chatId).Skip(before).ToList();
    }

    /// <summary>An event's answer is queued with its changes and sent by the outbox right after: waits (bounded) until the chat's have gone.</summary>
    public Task AnswersSentAsync(string chatId) =>
        !App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LineOptions>>().Value.Outbox.Send ? Task.CompletedTask :
        WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.To != chatId || m.State != OutboxState.Pending
            || (m.Kind != OutboxKind.Reply && m.Kind != OutboxKind.ReplyFallback)), $"the answers in {chatId} to be sent");

    /// <summary>Waits (bounded) for pushes the outbox sends after the event.</summary>
    public async Task<IReadOnlyList<FakeLinePush>> PushesToAsync(string chatId, int atLeast = 1)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (Line.Pushes.Count(p => p.To == chatId) < atLeast)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited for {atLeast} push(es) to {chatId}; got {Line.Pushes.Count(p => p.To == chatId)}.");
            Nudge();
            await Line.WaitUntilAsync(l => l.Pushes.Count(p => p.To == chatId) >= atLeast, TimeSpan.FromMilliseconds(200)).ContinueWith(_ => { });
        }
        Assert.Empty(Line.ValidationErrors);
        return Line.Pushes.Where(p => p.To == chatId).ToList();
    }

    public async Task WaitUntilAsync(Func<ItaBotDb, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await InDbAsync(condition))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.");
            Nudge();
            await Task.Delay(15);
        }
    }

    void Nudge()
    {
        App.Services.GetRequiredService<InboxSignal>().Notify();
        App.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    public async Task<T> InDbAsync<T>(Func<ItaBotDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
    }

    public async Task InDbAsync(Func<ItaBotDb, Task> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
    }

    public Task<List<StatusReport>> ReportsAsync(string code) => InDbAsync(db =>
        db.StatusReports.Where(r => r.Measure!.Code == code).OrderBy(r => r.Id).ToListAsync());

    public async Task<StatusReport?> LatestAsync(string code) => (await ReportsAsync(code)).LastOrDefault();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Line.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDatabase) _database.Dispose();
    }
}

/// <summary>Reading what the bot sent.</summary>
static class Sent
{
    public static string Text(this IReadOnlyList<JsonObject> messages) => string.Join("\n---\n", messages.Select(FakeLineServer.Readable));

    public static IEnumerable<JsonObject> Flex(this IReadOnlyList<JsonObject> messages) => messages.Where(m => m["type"]?.GetValue<string>() == "flex");

    /// <summary>Labels of the quick replies under the last message.</summary>
    public static IReadOnlyList<string> QuickReplies(this IReadOnlyList<JsonObject> messages) =>
        messages.LastOrDefault()?["quickReply"]?["items"]?.AsArray()
            .Select(i => (i!["action"]!["text"] ?? i["action"]!["displayText"] ?? i["action"]!["label"])!.GetValue<string>()).ToList() ?? [];

    /// <summary>The data of the postback button whose echoed text is <paramref name="displayText"/> (e.g. "M1 เสร็จแล้ว").</summary>
    public static string Button(this IReadOnlyList<JsonObject> messages, string displayText) =>
        Actions(messages).FirstOrDefault(a => a["displayText"]?.GetValue<string>() == displayText)?["data"]?.GetValue<string>()
        ?? throw new InvalidOperationException($"No button '{displayText}' in: {messages.Text()}");

    public static IEnumerable<JsonObject> Actions(IEnumerable<JsonNode?> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["type"]?.GetValue<string>() == "postback" && o.ContainsKey("data")) yield return o;
                    foreach (var a in Actions(o.Select(p => p.Value))) yield return a;
                    break;
                case JsonArray a:
                    foreach (var x in Actions(a)) yield return x;
                    break;
            }
        }
    }
}
