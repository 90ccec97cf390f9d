using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace ItaBot.Tests.Faults;

/// <summary>
/// LINE misbehaving while the bot works: down (500, 429, hanging), accepting but answering too slowly, down past
/// the end of the day. Everything is counted at the fake LINE server: each reminder and each answer once.
/// </summary>
[Trait("Category", "Faults")]
public sealed class LineOutageTests(ITestOutputHelper output)
{
    const string Reply = "/v2/bot/message/reply";
    const string Push = "/v2/bot/message/push";

    static WebhookSource HeadIn(FaultHarness h, string unit) => WebhookSource.Group(h.Groups[unit][0], FaultHarness.HeadOf(unit));

    /// <summary>Each unit's head asks for the card and reports a measure done; the coordinator asks for the summary.</summary>
    static async Task<List<JsonObject>> ChatTrafficAsync(FaultHarness h)
    {
        var events = new List<JsonObject>();
        var measure = 1;
        foreach (var unit in h.Groups.Keys)
        {
            events.Add(await h.SayAsync(HeadIn(h, unit), "สถานะ", waitForAnswer: false));
            events.Add(await h.SayAsync(HeadIn(h, unit), $"M{measure} เสร็จแล้ว", waitForAnswer: false));
            measure += 2;
        }
        events.Add(await h.SayAsync(WebhookSource.Group(FaultHarness.AdminGroupId, FaultHarness.AdminId), "สรุป", waitForAnswer: false));
        return events;
    }

    void Report(string fault, DeliveryLedger ledger) => output.WriteLine($"| {fault} | {ledger} |");

    [Fact]
    public async Task LineDownTenMinutesDuringAReminderWaveAndChatTrafficEverythingArrivesOnceAfterwards()
    {
        await using var h = await FaultHarness.StartAsync();

        // 09:00 Monday: LINE stops working just as the weekly wave goes out and people start answering.
        h.Line.GoDown(FakeLineFault.ServerError);
        h.Line.GoDown(FakeLineFault.Hang, Reply);
        var wave = await h.RunWaveAsync();
        var events = await ChatTrafficAsync(h);
        await h.PassAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(15));
        h.Line.GoDown(FakeLineFault.TooManyRequests);
        h.Line.GoDown(FakeLineFault.TooManyRequests, Reply);
        await h.PassAsync(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(30));
        h.Line.GoDown(FakeLineFault.Hang);
        await h.PassAsync(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));
        var duringOutage = h.Line.Pushes.Count + h.Line.Replies.Count;
        h.Line.ComeBack();
        await h.DeliverAllAsync(step: TimeSpan.FromMinutes(1));

        var ledger = await h.LedgerAsync();
        Report("LINE down 10 min (500 → 429 → hang) during the weekly wave and 13 chat messages", ledger);
        Assert.Equal(h.AllGroups.Count, wave.Enqueued);
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
        Assert.All(events, e => Assert.Equal(1, ledger.TimesAnswered(e)));
        Assert.All(h.AllGroups, g => Assert.Equal(1, ledger.TimesReminded(g)));
        Assert.Equal(h.Groups.Count, await h.InDbAsync(db => db.StatusReports.CountAsync(r => r.Status == MeasureStatus.Done)));
        // Nothing went stale, so nobody is told about drops; the binding answers before the outage are all that got through during it.
        Assert.DoesNotContain(h.Line.TextsTo(FaultHarness.AdminGroupId), t => t.Contains("ส่งข้อความทาง LINE ไม่ได้"));
        Assert.Equal(h.AllGroups.Count + 1, duringOutage);
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task RepliesAndPushesLineAcceptsButAnswersTooSlowlyArriveOnce()
    {
        await using var h = await FaultHarness.StartAsync(units: 3);
        // Every reply and three pushes are carried out by LINE, whose answer then never comes back.
        h.Line.FailNext(FakeLineFault.AcceptThenHang, times: 6, Reply);
        h.Line.FailNext(FakeLineFault.AcceptThenHang, times: 2, Push);
        h.Line.FailNext(FakeLineFault.Slow(TimeSpan.FromSeconds(3)), times: 1, Push);

        var wave = await h.RunWaveAsync();
        var events = await ChatTrafficAsync(h);
        await h.DeliverAllAsync(step: TimeSpan.FromSeconds(2));

        var ledger = await h.LedgerAsync();
        Report("replies and pushes accepted, then no answer (timeout) or a slow one", ledger);
        Assert.Equal(3, wave.Enqueued);
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
        Assert.All(events, e => Assert.Equal(1, ledger.TimesAnswered(e)));
        Assert.All(h.AllGroups, g => Assert.Equal(1, ledger.TimesReminded(g)));
        // The answers went by reply (free): none became a push.
        Assert.DoesNotContain(ledger.Rows, r => r.Kind == OutboxKind.ReplyFallback);
        Assert.Contains(h.Line.Requests, r => r.Path == Reply && r.ResponseBody?.Contains(FakeLineServer.InvalidReplyTokenMessage) == true);
        Assert.Contains(h.Line.Requests, r => r.Path == Push && r.StatusCode == 409);
    }

    [Fact]
    public async Task TwoGroupsOfOneUnitAreBothReminded()
    {
        await using var h = await FaultHarness.StartAsync(units: 2);
        await h.BindAsync("กองคลัง", LineIds.Group("กลุ่มหัวหน้าฝ่ายกองคลัง"));

        var wave = await h.RunWaveAsync();
        await h.DeliverAllAsync(step: TimeSpan.Zero);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        var again = await h.RunWaveAsync();

        var ledger = await h.LedgerAsync();
        Report("two groups bound to one unit", ledger);
        Assert.Equal(3, wave.Enqueued);
        Assert.Equal(0, again.Enqueued);
        Assert.All(h.AllGroups, g => Assert.Equal(1, ledger.TimesReminded(g)));
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
    }

    [Fact]
    public async Task LineDownPastTheEndOfTheDayDropsTheStaleMessagesTellsTheAdministratorsOnceAndTheNextWaveRemindsAgain()
    {
        await using var h = await FaultHarness.StartAsync(units: 3);
        h.Line.GoDown(FakeLineFault.ServerError);

        await h.RunWaveAsync();
        h.Time.Advance(TimeSpan.FromMinutes(5));
        var question = await h.SayAsync(HeadIn(h, "กองช่าง"), "สถานะ", waitForAnswer: false);
        // Down until Tuesday 08:00: the answer is stale after an hour, the reminders after Monday.
        await h.PassAsync(TimeSpan.FromHours(23), TimeSpan.FromMinutes(10));
        var dropped = (await h.LedgerAsync()).Rows.Where(r => r.State == OutboxState.Dropped).ToList();
        h.Line.ComeBack();
        await h.PassAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1));
        await h.DeliverAllAsync(step: TimeSpan.FromMinutes(1));
        var toldBeforeTheWave = h.Line.TextsTo(FaultHarness.AdminGroupId).Count(t => t.Contains("ส่งข้อความทาง LINE ไม่ได้"));

        // Tuesday 09:00: Monday's reminder was never delivered, so the wave catches up with it, worded for Tuesday.
        h.Time.SetUtcNow(new DateTimeOffset(2025, 3, 4, 9, 0, 0, TimeSpan.FromHours(7)));
        var catchUp = await h.RunWaveAsync();
        await h.DeliverAllAsync(step: TimeSpan.Zero);
        h.Time.Advance(TimeSpan.FromMinutes(15));
        var again = await h.RunWaveAsync();

        var ledger = await h.LedgerAsync();
        Report("LINE down 23 h (past the reminders' day and the answer's hour), then the next morning's wave", ledger);
        Assert.Equal(4, dropped.Count);
        Assert.Equal(3, dropped.Count(r => r.FreedKey?.StartsWith("remind:", StringComparison.Ordinal) == true));
        Assert.Equal(0, ledger.TimesAnswered(question));
        var alerts = h.Line.TextsTo(FaultHarness.AdminGroupId).Where(t => t.Contains("ส่งข้อความทาง LINE ไม่ได้")).ToList();
        var alert = Assert.Single(alerts);
        Assert.Equal(1, toldBeforeTheWave);
        Assert.Contains("การแจ้งเตือน 3 แชต", alert);
        Assert.Contains("คำตอบในแชต 1 ข้อความ", alert);
        Assert.Equal(3, catchUp.Enqueued);
        Assert.All(catchUp.Planned, p => Assert.Equal("weekly:2025-03-03", p.Slot));
        Assert.Equal(0, again.Enqueued);
        Assert.All(h.AllGroups, g => Assert.Equal(1, ledger.TimesReminded(g)));
        Assert.Equal((0, 0), (ledger.Duplicates, ledger.Losses));
    }
}
