using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>
/// The corpus's agency (tests/fixtures/chat/world.json) running in the real app against the fake LINE server: units,
/// measures with their plan titles, the 2568 rounds, one LINE group per unit bound through chat, an administrators'
/// group, and the people, each seen once in their groups.
/// </summary>
sealed class CorpusWorld : IAsyncDisposable
{
    public const string BotName = "ItaBot";

    CorpusWorld(ChatHarness harness, WorldFile file)
    {
        H = harness;
        File = file;
    }

    public ChatHarness H { get; }
    public WorldFile File { get; }
    public int OrganizationId { get; private set; }

    public string UserId(string person) => LineIds.User("corpus:" + person);
    public string GroupId(string group) => LineIds.Group("corpus:" + group);

    /// <summary>The chat a message is said in: the group, or the person's own chat with the bot.</summary>
    public WebhookSource Source(string person, string where) =>
        where == "dm" ? WebhookSource.User(UserId(person)) : WebhookSource.Group(GroupId(where), UserId(person));

    /// <summary>"@name" → user id, for every short name people use for each other in the corpus.</summary>
    public IReadOnlyDictionary<string, string> Nicknames { get; private set; } = new Dictionary<string, string>();

    public static async Task<CorpusWorld> StartAsync()
    {
        var json = await System.IO.File.ReadAllTextAsync(Path.Combine(TestFiles.Folder("fixtures", "chat"), "world.json"));
        var file = JsonSerializer.Deserialize<WorldFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        var admins = file.People.Where(p => p.ConfiguredAdmin).Select((p, i) => ($"Admin:LineUserIds:{i + 1}", (string?)LineIds.User("corpus:" + p.Key)));
        var harness = await ChatHarness.StartAsync(seed: false, pooled: true,
        [
            ("Line:Organization", file.Organization),
            // Handle each event as it comes: the corpus waits for every answer, and batching only adds a pause.
            ("Line:Inbox:BatchWindow", "00:00:00"),
            // The corpus's agency opted in to photos sent before the status (off by default).
            ("Chat:EarlyEvidenceMinutes", "10"),
            .. admins,
        ]);
        harness.Line.MonthlyLimit = null;
        var world = new CorpusWorld(harness, file);
        await world.SeedAsync();
        return world;
    }

    async Task SeedAsync()
    {
        OrganizationId = await H.InDbAsync(async db =>
        {
            var org = await Seed.OrganizationAsync(db, File.Organization);
            var units = File.Units.ToDictionary(u => u.Key, u => new Unit { OrganizationId = org.Id, Name = u.Name, Aliases = [.. u.Aliases] });
            db.Units.AddRange(units.Values);
            await db.SaveChangesAsync();
            var order = 0;
            foreach (var m in File.Measures)
            {
                var measure = new Measure { OrganizationId = org.Id, FiscalYear = File.FiscalYear, Code = m.Code, Title = m.Title, Order = ++order };
                for (var i = 0; i < m.Units.Count; i++) measure.Responsible.Add(new MeasureUnit { Unit = units[m.Units[i]], Order = i });
                db.Measures.Add(measure);
            }
            await db.SaveChangesAsync();
            await Rounds.EnsureStandardRoundsAsync(db, org, File.FiscalYear, H.Time, default);
            return org.Id;
        });

        var admin = File.People.First(p => p.ConfiguredAdmin);
        foreach (var group in File.Groups)
        {
            H.Line.AddGroup(GroupId(group.Key), group.Name, memberCount: File.People.Count(p => p.Groups.Contains(group.Key)));
            foreach (var person in File.People.Where(p => p.Groups.Contains(group.Key)))
                H.Line.AddGroupMember(GroupId(group.Key), UserId(person.Key), person.Name);
            var bind = group.Admin ? "ผูกกลุ่มผู้ดูแล" : "ผูกกลุ่ม " + string.Join(", ", group.Units.Select(u => File.Units.First(x => x.Key == u).Name));
            await SendAsync(H.Signer.TextMessage(Source(admin.Key, group.Key), bind));
        }
        foreach (var person in File.People)
        {
            H.Line.AddProfile(UserId(person.Key), person.Name);
            foreach (var group in person.Groups)
                await SendAsync(H.Signer.TextMessage(Source(person.Key, group), "สวัสดีค่ะ"));
        }
        Nicknames = new Dictionary<string, string>
        {
            ["แนน"] = UserId("klang_nan"), ["บี"] = UserId("klang_bee"), ["ผอ.วิไล"] = UserId("klang_head"),
            ["ฝน"] = UserId("palad_fon"), ["ต้น"] = UserId("palad_ton"), ["สมชาย"] = LineIds.User("corpus:someone-else"),
        };
        var existing = await H.InDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync());
        _resetTables = ResettableTables.Where(existing.Contains).ToList();
        await ResetAsync();
    }

    /// <summary>Back to a fresh morning: no reports, questions, reminders or sent-message memory; rounds open; time moves on.</summary>
    public async Task ResetAsync()
    {
        H.Time.Advance(TimeSpan.FromMinutes(45));
        await H.InDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            foreach (var table in ResetTables)
#pragma warning disable EF1003 // table names come from the fixed list below, never from input
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"" + table + "\"");
#pragma warning restore EF1003
            await db.Rounds.ExecuteUpdateAsync(s => s.SetProperty(r => r.State, RoundState.Open).SetProperty(r => r.ClosedAtUtc, (DateTime?)null));
            await transaction.CommitAsync();
        });
        H.Line.ClearRecorded();
    }

    /// <summary>Tables one case may fill that the next must not see (those the current schema has).</summary>
    static readonly string[] ResettableTables =
        ["chat_evidence_batches", "evidence_chunks", "evidence_files", "measure_reopenings", "status_reports", "pending_questions", "reminder_deliveries", "line_outbox", "line_sent_messages", "chat_message_versions", "chat_audit"];

    List<string> _resetTables = [];
    IReadOnlyList<string> ResetTables => _resetTables;

    /// <summary>Posts a signed event, waits until it is handled and everything it queued has gone to the fake LINE server.</summary>
    public async Task SendAsync(JsonObject webhookEvent)
    {
        var response = await H.Client.SendAsync(H.Signer.Sign(webhookEvent).CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();
        var id = webhookEvent.WebhookEventId();
        await H.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State != InboxState.Pending), $"event {id} to be handled");
        var handled = await H.InDbAsync(db => db.LineInbox.SingleAsync(e => e.WebhookEventId == id));
        if (handled.State != InboxState.Done) throw new InvalidOperationException($"The chat handler failed: {handled.LastError}");
        await DrainAsync();
    }

    public Task DrainAsync() => H.WaitUntilAsync(async db => !await db.LineOutbox.AnyAsync(m => m.State == ItaBot.Line.OutboxState.Pending), "the outbox to drain");

    public async ValueTask DisposeAsync() => await H.DisposeAsync();
}

sealed record WorldFile(string Organization, int FiscalYear, List<WorldUnit> Units, List<WorldMeasure> Measures, List<WorldGroup> Groups, List<WorldPerson> People);
sealed record WorldUnit(string Key, string Name, List<string> Aliases);
sealed record WorldMeasure(string Code, List<string> Units, string Title);
sealed record WorldGroup(string Key, List<string> Units, string Name, bool Admin);
sealed record WorldPerson(string Key, string Name, List<string> Groups, bool ConfiguredAdmin);
