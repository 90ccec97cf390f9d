using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Line;

public sealed class OutboxTests
{
    static readonly string FinanceGroup = LineIds.Group("กองคลัง");
    static readonly string WorksGroup = LineIds.Group("กองช่าง");
    static readonly string Head = LineIds.User("หัวหน้ากองคลัง");

    static Task<bool> PushAsync(LineHarness h, string to, IReadOnlyList<JsonObject> messages, string? dedupeKey = null, string channel = LineOptions.DefaultChannelName) =>
        h.DbAsync(async db =>
        {
            await using var scope = h.Factory.Services.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            var queued = await outbox.EnqueuePushAsync(channel, to, messages, dedupeKey);
            await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SaveChangesAsync();
            return queued;
        });

    static IReadOnlyList<JsonObject> Texts(params string[] texts) => texts.Select(t => LineMessages.Text(t)).ToList();

    static List<FakeLineRequest> PushRequests(LineHarness h) => h.Line.Requests.Where(r => r.Path == "/v2/bot/message/push").ToList();

    [Fact]
    public async Task APushGoesOutOnceWithTheRetryKeyFixedAtInsert()
    {
        await using var h = await LineHarness.StartAsync();

        await PushAsync(h, FinanceGroup, Texts("เตือน: รายงานผลรอบ ๖ เดือน"));

        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the push to be sent");
        var row = Assert.Single(await h.OutboxAsync());
        var push = Assert.Single(h.Line.Pushes);
        Assert.Equal(row.RetryKey, push.RetryKey);
        Assert.Equal(["เตือน: รายงานผลรอบ ๖ เดือน"], h.Line.TextsTo(FinanceGroup));
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedLaterWithTheSameRetryKey()
    {
        await using var h = await LineHarness.StartAsync();
        h.Line.AnswerTooManyRequests();

        await PushAsync(h, FinanceGroup, Texts("เตือน"));

        await h.WaitUntilAsync(db => db.LineOutbox.AnyAsync(m => m.LastStatus == 429), "the 429");
        var waiting = Assert.Single(await h.OutboxAsync());
        Assert.Equal((OutboxState.Pending, 1), (waiting.State, waiting.Attempts));
        Assert.True(waiting.NextAttemptAtUtc > h.Time.GetUtcNow().UtcDateTime, "it backs off");

        h.Advance(TimeSpan.FromMinutes(6));
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the retry to succeed");
        var requests = PushRequests(h);
        Assert.Equal(2, requests.Count);
        Assert.Single(requests.Select(r => r.Header("X-Line-Retry-Key")).Distinct());
        Assert.Single(h.Line.Pushes);
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task WhenTheAnswerIsLostTheRetryGets409AndTheMessageIsNotSentTwice()
    {
        await using var h = await LineHarness.StartAsync();
        h.Line.AcceptButAnswerServerError();

        await PushAsync(h, FinanceGroup, Texts("เตือน"));
        await h.WaitUntilAsync(db => db.LineOutbox.AnyAsync(m => m.LastStatus == 500), "the lost answer");
        h.Advance(TimeSpan.FromMinutes(6));

        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the retry");
        Assert.Equal(409, Assert.Single(await h.OutboxAsync()).LastStatus);
        Assert.Equal(2, PushRequests(h).Count);
        Assert.Equal(["เตือน"], h.Line.TextsTo(FinanceGroup));
    }

    [Fact]
    public async Task MoreThanFiveMessagesGoOutInSeveralRequestsInOrder()
    {
        await using var h = await LineHarness.StartAsync();
        var texts = Enumerable.Range(1, 7).Select(i => $"ข้อ {i}").ToArray();

        await PushAsync(h, Head, Texts(texts));

        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "both requests");
        Assert.Equal([5, 2], h.Line.Pushes.Select(p => p.Messages.Count));
        Assert.Equal(texts, h.Line.TextsTo(Head));
    }

    [Fact]
    public async Task ADedupeKeyQueuesAPushOnlyOnce()
    {
        await using var h = await LineHarness.StartAsync();

        var first = await PushAsync(h, FinanceGroup, Texts("เตือนรอบ ๖ เดือน"), "remind:1:3:7:2025-03-03T09");
        var again = await PushAsync(h, FinanceGroup, Texts("เตือนรอบ ๖ เดือน"), "remind:1:3:7:2025-03-03T09");

        Assert.True(first);
        Assert.False(again);
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the push");
        Assert.Single(await h.OutboxAsync());
        Assert.Single(h.Line.Pushes);
    }

    [Fact]
    public async Task ARefusedTokenStopsTheChannelAlertsAndANewTokenResumesIt()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        await using (var h = await LineHarness.StartAsync(app => app
            .With("ConnectionStrings:Default", database.ConnectionString)
            .With("Line:ChannelAccessToken", "revoked-token"), line: line))
        {
            await PushAsync(h, FinanceGroup, Texts("เตือน"));
            await h.WaitUntilAsync(db => db.LineAlerts.AnyAsync(), "an alert");
            await PushAsync(h, WorksGroup, Texts("เตือน"));
            var requestsSoFar = line.Requests.Count;
            h.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(200);

            Assert.Equal(requestsSoFar, line.Requests.Count); // nothing more is tried with the bad token
            var alert = Assert.Single(await h.DbAsync(db => db.LineAlerts.ToListAsync()));
            Assert.Equal((OutboxAlertKind.BadToken, 401), (alert.Kind, alert.Status));
            Assert.DoesNotContain("revoked-token", alert.Message);
            var rows = await h.OutboxAsync();
            Assert.Equal([OutboxState.Held, OutboxState.Pending], rows.Select(r => r.State));
            Assert.Equal(0, rows[1].Attempts);
        }

        await using var fixedToken = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);
        await fixedToken.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "held messages to go out with the new token");
        Assert.All(await fixedToken.DbAsync(db => db.LineAlerts.ToListAsync()), a => Assert.NotNull(a.ResolvedAtUtc));
        Assert.Equal(2, line.Pushes.Count);
    }

    [Fact]
    public async Task TheMonthlyLimitHoldsPushesUntilTheMonthTurns()
    {
        await using var h = await LineHarness.StartAsync();
        h.Line.AnswerMonthlyLimit();
        // The last hour of March: a push lives 24 h at most (LINE's retry-key memory), so the month must turn within it.
        h.Advance(TimeSpan.FromDays(28) + TimeSpan.FromHours(14)); // 3 March 09:00 → 31 March 23:00, Bangkok

        await PushAsync(h, FinanceGroup, Texts("เตือน"));
        await h.WaitUntilAsync(db => db.LineAlerts.AnyAsync(), "the alert");
        Assert.Equal(OutboxState.Held, Assert.Single(await h.OutboxAsync()).State);
        var alert = Assert.Single(await h.DbAsync(db => db.LineAlerts.ToListAsync()));
        Assert.Equal(OutboxAlertKind.MonthlyLimit, alert.Kind);
        Assert.Empty(h.Line.Pushes);

        h.Advance(TimeSpan.FromHours(2)); // 31 March 23:00 → 1 April 01:00, Bangkok
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the held push in the new month");
        Assert.Single(h.Line.Pushes);
    }

    [Fact]
    public async Task WithoutATokenMessagesWaitWithoutSpendingAttemptsAndGoOnceOneIsSet()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        await using (var h = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), withLine: false, line: line))
        {
            await PushAsync(h, FinanceGroup, Texts("เตือน"));
            h.Advance(TimeSpan.FromMinutes(10));
            await Task.Delay(200);

            var row = Assert.Single(await h.OutboxAsync());
            Assert.Equal((OutboxState.Pending, 0), (row.State, row.Attempts));
            Assert.Empty(line.Requests);
        }

        await using var configured = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);
        await configured.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the push once a token is set");
        Assert.Single(line.Pushes);
    }

    [Fact]
    public async Task UsageCountsEveryRecipientOfEveryPushTheWayLineBills()
    {
        await using var h = await LineHarness.StartAsync(app => app.With("Line:AdminApiKey", "an-admin-key-long-enough"));
        h.Line.AddGroup(FinanceGroup, "กองคลัง", memberCount: 7);

        await PushAsync(h, FinanceGroup, Texts("เตือน"));                                  // 7 people
        await PushAsync(h, Head, Texts(Enumerable.Range(1, 7).Select(i => $"{i}").ToArray())); // 2 requests to 1 person
        await h.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<Outbox>().EnqueueMulticastAsync(LineOptions.DefaultChannelName,
                [LineIds.User("ก"), LineIds.User("ข"), LineIds.User("ค")], Texts("ประกาศ"));      // 3 people
            await sp.GetRequiredService<ItaBotDb>().SaveChangesAsync();
        });
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "everything to be sent");

        var usage = Assert.Single(await h.DbAsync(db => db.LineUsage.ToListAsync()));
        Assert.Equal(("2025-03", 12L, 4L, 0L), (usage.Month, usage.Messages, usage.Requests, usage.EstimatedRequests));
        Assert.Equal(h.Line.TotalUsage, usage.Messages);

        var refused = await h.Client.GetAsync("/line/usage");
        var request = new HttpRequestMessage(HttpMethod.Get, "/line/usage");
        request.Headers.Add("X-Admin-Key", "an-admin-key-long-enough");
        var answered = await h.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        var json = JsonNode.Parse(await answered.Content.ReadAsStringAsync())!;
        Assert.Equal("2025-03", json["month"]!.GetValue<string>());
        Assert.Equal(12, json["channels"]![0]!["messages"]!.GetValue<long>());
        Assert.Equal(0, json["waitingPushes"]!.GetValue<int>());
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task APushKeepsTryingThroughAnOutageOfHoursAtLeastEveryFiveMinutesAndGoesOutOnce()
    {
        await using var h = await LineHarness.StartAsync();
        h.Line.GoDown(FakeLineFault.ServerError);

        await PushAsync(h, FinanceGroup, Texts("เตือน"));
        var started = h.Time.GetUtcNow();
        var attempts = 0;
        // Three hours of outage in five-minute steps: every step the push is due again (the backoff is capped at 5 min).
        while (h.Time.GetUtcNow() - started < TimeSpan.FromHours(3))
        {
            await h.WaitUntilAsync(db => db.LineOutbox.AnyAsync(m => m.Attempts > attempts), $"attempt {attempts + 1}");
            attempts = (await h.OutboxAsync()).Single().Attempts;
            h.Advance(TimeSpan.FromMinutes(5));
        }
        var waiting = Assert.Single(await h.OutboxAsync());
        Assert.Equal((OutboxState.Pending, 500), (waiting.State, waiting.LastStatus));
        Assert.True(attempts >= 36, $"tried {attempts} times in 3 hours");

        h.Line.ComeBack();
        h.Advance(TimeSpan.FromMinutes(5));

        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the push once LINE is back");
        Assert.Equal(["เตือน"], h.Line.TextsTo(FinanceGroup));
        Assert.Single(PushRequests(h).Select(r => r.Header(LineApiClient.RetryKeyHeader)).Distinct());
    }

    [Fact]
    public async Task APushStillUnsentWhenStaleIsDroppedAndTheAdministratorsAreToldOnceWhenLineIsBack()
    {
        var admins = LineIds.Group("ผู้ดูแล");
        await using var h = await LineHarness.StartAsync(administrators: [admins]);
        h.Line.GoDown(FakeLineFault.ServerError);

        await PushAsync(h, FinanceGroup, Texts("ประกาศ ๑"));
        await PushAsync(h, WorksGroup, Texts("ประกาศ ๒"));
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.Attempts > 0), "first attempts");
        // A day later both are stale (LINE keeps a retry key 24 hours): dropped, not sent late.
        for (var i = 0; i < 25 * 12; i++) h.Advance(TimeSpan.FromMinutes(5));
        await h.WaitUntilAsync(async db => await db.LineOutbox.CountAsync(m => m.State == OutboxState.Dropped) == 2, "both pushes to be dropped");
        Assert.Empty(h.Line.Pushes);

        h.Line.ComeBack();
        h.Advance(TimeSpan.FromMinutes(1));
        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the administrators' message");
        h.Advance(TimeSpan.FromMinutes(10));
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State != OutboxState.Pending), "nothing left to send");

        var told = Assert.Single(h.Line.Pushes);
        Assert.Equal(admins, told.To);
        Assert.Contains("ส่งข้อความทาง LINE ไม่ได้", FakeLineServer.Readable(told.Messages[0]));
        Assert.Contains("ข้อความอื่น 2 ข้อความ", FakeLineServer.Readable(told.Messages[0]));
        Assert.Empty(h.Line.TextsTo(FinanceGroup));
        Assert.All((await h.OutboxAsync()).Where(m => m.State == OutboxState.Dropped), m => Assert.NotNull(m.DropReportedAtUtc));
    }

    [Fact]
    public async Task AMessageLineRefusesIsNotRetriedAndTheChatIsToldInAShortText()
    {
        await using var h = await LineHarness.StartAsync();
        h.Line.AnswerBadRequest(pathPrefix: "/v2/bot/message/push");

        await PushAsync(h, FinanceGroup, Texts("สรุปรอบ ๖ เดือน"));

        await h.WaitUntilAsync(db => db.LineOutbox.AnyAsync(m => m.State == OutboxState.Failed), "the push to fail");
        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the notice");
        h.Advance(TimeSpan.FromMinutes(10));
        await Task.Delay(100);
        var failed = (await h.OutboxAsync()).Single(m => m.State == OutboxState.Failed);
        Assert.Equal((1, 400), (failed.Attempts, failed.LastStatus));
        Assert.Equal(2, PushRequests(h).Count);
        Assert.Equal([LineMessageFit.RefusedNotice], h.Line.TextsTo(FinanceGroup));
    }

    [Fact]
    public async Task AMessageThatCannotBeMadeToFitIsReplacedByAShortNoticeBeforeLineSeesIt()
    {
        await using var h = await LineHarness.StartAsync();

        await PushAsync(h, FinanceGroup, [new JsonObject { ["type"] = "text" }, LineMessages.Text("ข้อความถัดไป")]); // no text: LINE would answer 400

        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the push");
        Assert.Equal([LineMessageFit.UnsendableNotice, "ข้อความถัดไป"], h.Line.TextsTo(FinanceGroup));
        Assert.Empty(h.Line.ValidationErrors);
    }
}
