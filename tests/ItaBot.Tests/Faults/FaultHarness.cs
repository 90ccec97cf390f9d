using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Faults;

/// <summary>
/// The whole app (webhook, inbox, chat, reminders, outbox) against the fake LINE server with a fake clock, for
/// fault scenarios: an agency whose units each have a bound group and two measures, and an administrators' group.
/// Time moves only when the test says; the outbox is driven round by round so a scenario is the same every run.
/// </summary>
sealed class FaultHarness : IAsyncDisposable
{
    public static readonly string AdminId = LineIds.User("ผู้ดูแลระบบ");
    public static readonly string AdminGroupId = LineIds.Group("กลุ่มผู้ดูแล ITA");
    public static readonly string[] UnitNames = ["กองคลัง", "กองช่าง", "สำนักปลัด", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม", "กองยุทธศาสตร์และงบประมาณ"];
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    FaultHarness(FakeLineServer line, TestApp app)
    {
        Line = line;
        App = app;
        Client = app.CreateClient();
        Signer = line.CreateSigner(app.Time);
    }

    public FakeLineServer Line { get; }
    public TestApp App { get; }
    public HttpClient Client { get; }
    public WebhookSigner Signer { get; }
    public FakeTimeProvider Time => App.Time;
    /// <summary>Unit name → the group bound to it (more than one when the test binds extra groups).</summary>
    public Dictionary<string, List<string>> Groups { get; } = [];
    public List<string> AllGroups => Groups.Values.SelectMany(g => g).ToList();
    public static string HeadOf(string unit) => LineIds.User("หัวหน้า" + unit);

    /// <summary>Monday 3 Mar 2025, 09:00: the 6-month round of FY 2568 is open and its weekly reminder is due.</summary>
    public static async Task<FaultHarness> StartAsync(int units = 6, params (string Key, string? Value)[] settings)
    {
        var line = await FakeLineServer.StartAsync();
        var app = new TestApp().WithLine(line)
            .With("Admin:LineUserIds:0", AdminId)
            // One unanswered request costs a second of real time, not half a minute.
            .With("Line:Outbox:RequestTimeout", "00:00:01")
            .With("Line:Outbox:ReplyAttemptTimeout", "00:00:01");
        foreach (var (key, value) in settings) app.With(key, value);
        var h = new FaultHarness(line, app);
        await h.SeedAsync(units);
        return h;
    }

    async Task SeedAsync(int units)
    {
        await InDbAsync(async db =>
        {
            var org = await Seed.OrganizationAsync(db);
            var measure = 0;
            foreach (var name in UnitNames.Take(units))
            {
                var unit = new Unit { OrganizationId = org.Id, Name = name };
                db.Units.Add(unit);
                await db.SaveChangesAsync();
                await Seed.MeasureAsync(db, org, $"M{++measure}", units: [unit]);
                await Seed.MeasureAsync(db, org, $"M{++measure}", units: [unit]);
            }
            await Rounds.EnsureStandardRoundsAsync(db, org, 2568, Time, default);
            return 0;
        });
        await SayAsync(WebhookSource.Group(AdminGroupId, AdminId), "ผูกกลุ่มผู้ดูแล");
        foreach (var name in UnitNames.Take(units)) await BindAsync(name, LineIds.Group("กลุ่ม" + name));
    }

    /// <summary>An administrator binds a group to the unit, in that group (as in real life: through chat).</summary>
    public async Task BindAsync(string unit, string groupId)
    {
        Line.AddGroup(groupId, "กลุ่ม" + unit, memberCount: 5);
        await SayAsync(WebhookSource.Group(groupId, AdminId), $"ผูกกลุ่ม {unit}");
        if (!Groups.TryGetValue(unit, out var list)) Groups[unit] = list = [];
        list.Add(groupId);
    }

    /// <summary>Posts a signed event and waits until it is handled; with LINE up, until its answer went out too.</summary>
    public async Task<JsonObject> SayAsync(WebhookSource source, string text, bool waitForAnswer = true)
    {
        var message = Signer.TextMessage(source, text);
        await PostAsync(message);
        if (waitForAnswer) await DeliverAllAsync(step: TimeSpan.Zero);
        return message;
    }

    public async Task PostAsync(JsonObject webhookEvent)
    {
        using var response = await Client.SendAsync(Signer.Sign(webhookEvent).CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();
        var id = webhookEvent.WebhookEventId();
        await UntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State != InboxState.Pending), $"event {id} to be handled");
    }

    public Task<WaveResult> RunWaveAsync() => InScopeAsync(sp => sp.GetRequiredService<ReminderWave>().RunAsync(default));

    /// <summary>One round of the outbox, as its background loop would do it (both do, safely: rows are leased).</summary>
    public Task SendRoundAsync() => App.Services.GetRequiredService<OutboxSender>().SendDueAsync(default);

    /// <summary>Moves the clock by <paramref name="step"/> and lets the outbox work, until nothing is left to send.</summary>
    public async Task DeliverAllAsync(TimeSpan step, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Wait);
        while (await InDbAsync(db => db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending)))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Still pending: " + string.Join("; ", await InDbAsync(db => db.LineOutbox.Where(m => m.State == OutboxState.Pending)
                    .Select(m => $"#{m.Id} {m.Kind} to {m.To} ({m.Attempts} tries, next {m.NextAttemptAtUtc:HH:mm:ss}, {m.LastError})").ToListAsync())));
            if (step > TimeSpan.Zero)
            {
                await UntilNothingInFlightAsync();
                Time.Advance(step);
            }
            await SendRoundAsync();
            if (step == TimeSpan.Zero) await Task.Delay(10);
        }
    }

    /// <summary>
    /// Waits (a few real seconds at most) until no request of the app's is on its way to LINE. Without this the test's
    /// clock runs ahead of real work: a minute of reply-token life passed in the time one request took on a busy machine.
    /// </summary>
    async Task UntilNothingInFlightAsync()
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < until)
        {
            var now = Time.GetUtcNow().UtcDateTime;
            if (!await InDbAsync(db => db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending && m.LeaseOwner != null && m.LeaseUntilUtc > now))) return;
            await Task.Delay(20);
        }
    }

    /// <summary>Simulated time passing in steps, the outbox working at each (LINE may be down meanwhile).</summary>
    public async Task PassAsync(TimeSpan total, TimeSpan step)
    {
        for (var passed = TimeSpan.Zero; passed < total; passed += step)
        {
            Time.Advance(step);
            await SendRoundAsync();
        }
    }

    public Task<DeliveryLedger> LedgerAsync() => InDbAsync(db => DeliveryLedger.CountAsync(db, Line));

    public async Task UntilAsync(Func<ItaBotDb, Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await InDbAsync(condition))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {Wait.TotalSeconds} s for {what}.");
            App.Services.GetRequiredService<InboxSignal>().Notify();
            await Task.Delay(10);
        }
    }

    public async Task<T> InDbAsync<T>(Func<ItaBotDb, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ItaBotDb>());
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Line.DisposeAsync();
    }
}
