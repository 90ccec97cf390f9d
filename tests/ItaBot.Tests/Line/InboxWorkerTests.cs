using System.Net;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Line;

public sealed class InboxWorkerTests
{
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));
    static readonly WebhookSource Works = WebhookSource.Group(LineIds.Group("กองช่าง"), LineIds.User("หัวหน้ากองช่าง"));

    static JsonObject At(JsonObject webhookEvent, DateTimeOffset when)
    {
        webhookEvent["timestamp"] = when.ToUnixTimeMilliseconds();
        return webhookEvent;
    }

    [Fact]
    public async Task EventsOfOneChatAreHandledInTimestampOrderWhateverOrderTheyArriveIn()
    {
        await using var h = await LineHarness.StartAsync();
        var now = h.Time.GetUtcNow();
        var third = At(h.Signer.TextMessage(Finance, "3"), now.AddSeconds(3));
        var first = At(h.Signer.TextMessage(Finance, "1"), now.AddSeconds(1));
        var second = At(h.Signer.TextMessage(Finance, "2"), now.AddSeconds(2));

        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Signer.Sign(third, first, second))).StatusCode);

        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "all three to be handled");
        Assert.Equal(["1", "2", "3"], h.Handled.Texts);
    }

    [Fact]
    public async Task AFailingEventIsRetriedWithBackoffThenParkedWithoutBlockingOtherChats()
    {
        await using var h = await LineHarness.StartAsync(app => app.With("Line:Inbox:MaxAttempts", "3"));
        var attempts = 0;
        h.Handled.Behaviour = (context, _) =>
        {
            if (context.Event.Message?.Text == "boom")
            {
                Interlocked.Increment(ref attempts);
                throw new InvalidOperationException("the chat layer broke");
            }
            return Task.CompletedTask;
        };
        var now = h.Time.GetUtcNow();

        await h.PostAsync(h.Signer.Sign(
            At(h.Signer.TextMessage(Finance, "boom"), now),
            At(h.Signer.TextMessage(Finance, "after boom"), now.AddSeconds(1)),
            At(h.Signer.TextMessage(Works, "other chat"), now.AddSeconds(2))));

        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.ChatKey == Works.GroupId && e.State == InboxState.Done), "the other chat to go on");
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.Attempts == 1 && e.LastError != null), "the first failure to be recorded");
        var failing = (await h.InboxAsync()).Single(e => e.RawJson.Contains("\"boom\""));
        Assert.Equal((InboxState.Pending, 1), (failing.State, failing.Attempts));
        Assert.Contains("the chat layer broke", failing.LastError);
        Assert.True(failing.NextAttemptAtUtc > h.Time.GetUtcNow().UtcDateTime, "the retry waits");
        Assert.DoesNotContain("after boom", h.Handled.Texts); // its chat waits for the earlier event

        for (var i = 0; i < 2; i++)
        {
            var before = attempts;
            h.Advance(TimeSpan.FromMinutes(11)); // past the longest backoff
            await h.WaitUntilAsync(_ => Task.FromResult(attempts > before), "another attempt");
        }

        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.State == InboxState.Parked), "the event to be parked");
        await h.WaitUntilAsync(db => db.LineInbox.CountAsync(e => e.State == InboxState.Done).ContinueWith(t => t.Result == 2), "the chat to go on after parking");
        Assert.Equal(3, attempts);
        Assert.Equal(["other chat", "after boom"], h.Handled.Texts);
        var parked = (await h.InboxAsync()).Single(e => e.State == InboxState.Parked);
        Assert.Equal(3, parked.Attempts);
        Assert.Contains("the chat layer broke", parked.LastError);
    }

    [Fact]
    public async Task EventsStoredBeforeACrashAreHandledAfterTheRestart()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        JsonObject message;
        // First life: the webhook stores the events, then the process dies before anything handles them.
        await using (var before = await LineHarness.StartAsync(app => app
            .With("ConnectionStrings:Default", database.ConnectionString)
            .With("Line:Inbox:HandleEvents", "false"), line: line))
        {
            message = before.Signer.TextMessage(Finance, "ส่งรายงานแล้ว");
            Assert.Equal(HttpStatusCode.OK, (await before.PostAsync(before.Signer.Sign(message, before.Signer.Follow(LineIds.User("ใหม่"))))).StatusCode);
            Assert.Equal(2, (await before.InboxAsync()).Count(e => e.State == InboxState.Pending));
            Assert.Empty(before.Handled.Seen);
        }

        await using var after = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);
        await after.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the stored events to be handled");
        Assert.Equal(["follow", "ส่งรายงานแล้ว"], after.Handled.Texts.Order());
    }

    [Fact]
    public async Task AnEventLeasedByAnInstanceThatDiedIsTakenOverOnlyWhenTheLeaseRunsOut()
    {
        await using var h = await LineHarness.StartAsync(app => app.With("Line:Inbox:HandleEvents", "true"));
        h.Handled.Behaviour = (_, _) => Task.CompletedTask;
        var message = h.Signer.TextMessage(Finance, "สถานะ");
        // Another instance claimed it a moment ago and then vanished without a word.
        await h.DbAsync(async db =>
        {
            db.LineInbox.Add(new InboxEvent
            {
                Channel = LineOptions.DefaultChannelName, WebhookEventId = message.WebhookEventId(), ChatKey = Finance.GroupId!,
                EventType = "message", EventTimestamp = h.Time.GetUtcNow().ToUnixTimeMilliseconds(), RawJson = message.ToJsonString(),
                ReceivedAtUtc = h.Time.GetUtcNow().UtcDateTime, State = InboxState.Pending, NextAttemptAtUtc = h.Time.GetUtcNow().UtcDateTime,
                LeaseOwner = "dead-instance:1", LeaseUntilUtc = h.Time.GetUtcNow().UtcDateTime.AddMinutes(2),
            });
            return await db.SaveChangesAsync();
        });

        h.Nudge();
        await Task.Delay(200);
        Assert.Empty(h.Handled.Seen);

        h.Advance(TimeSpan.FromMinutes(3));
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be taken over");
        Assert.Equal(["สถานะ"], h.Handled.Texts);
    }

    /// <summary>An event stored as if an instance had claimed it and died <paramref name="crashesBefore"/> earlier times, the last one just now.</summary>
    static async Task<JsonObject> StoreEventADeadInstanceHeldAsync(LineHarness h, string text, int crashesBefore)
    {
        var message = h.Signer.TextMessage(Finance, text);
        var now = h.Time.GetUtcNow();
        await h.DbAsync(async db =>
        {
            db.LineInbox.Add(new InboxEvent
            {
                Channel = LineOptions.DefaultChannelName, WebhookEventId = message.WebhookEventId(), ChatKey = Finance.GroupId!,
                EventType = "message", EventTimestamp = now.ToUnixTimeMilliseconds(), RawJson = message.ToJsonString(),
                ReceivedAtUtc = now.UtcDateTime, State = InboxState.Pending, NextAttemptAtUtc = now.UtcDateTime,
                LeaseOwner = "dead-instance:1", LeaseUntilUtc = now.UtcDateTime.AddSeconds(-1), Crashes = crashesBefore,
            });
            return await db.SaveChangesAsync();
        });
        return message;
    }

    [Fact]
    public async Task AnEventTheProcessDiedHandlingIsCountedAsACrashAndHandledAgain()
    {
        await using var h = await LineHarness.StartAsync(app => app.With("Line:Inbox:HandleEvents", "true"));
        h.Handled.Behaviour = (_, _) => Task.CompletedTask;
        await StoreEventADeadInstanceHeldAsync(h, "สถานะ", crashesBefore: 0);

        h.Nudge();
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be handled");
        Assert.Equal(["สถานะ"], h.Handled.Texts);
        Assert.Equal(1, Assert.Single(await h.InboxAsync()).Crashes);
    }

    [Fact]
    public async Task AnEventThatKilledTheProcessThreeTimesIsParkedUnhandledTheAdministratorsAreToldAndItsChatGoesOn()
    {
        var admins = LineIds.Group("ผู้ดูแลระบบ");
        await using var h = await LineHarness.StartAsync(app => app.With("Line:Inbox:HandleEvents", "true"), administrators: [admins]);
        h.Handled.Behaviour = (_, _) => Task.CompletedTask;
        await StoreEventADeadInstanceHeldAsync(h, "ไฟล์ที่ทำให้ระบบล่ม", crashesBefore: 2);
        var next = At(h.Signer.TextMessage(Finance, "สถานะ"), h.Time.GetUtcNow().AddSeconds(1));

        await h.PostAsync(h.Signer.Sign(next));

        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.State == InboxState.Done), "the chat's next event to be handled");
        var parked = (await h.InboxAsync()).Single(e => e.State == InboxState.Parked);
        Assert.Equal(3, parked.Crashes);
        Assert.Contains("3 times", parked.LastError);
        Assert.Equal(["สถานะ"], h.Handled.Texts);
        await h.Line.WaitUntilAsync(l => l.Pushes.Any(p => p.To == admins), LineHarness.Wait, "the administrators to be told");
        var notice = Assert.Single(h.Line.TextsTo(admins));
        Assert.Contains("ทำให้ระบบหยุดทำงานระหว่างอ่าน 3 ครั้ง", notice);
        Assert.DoesNotContain("ไฟล์ที่ทำให้ระบบล่ม", notice); // what people wrote is not repeated to others
    }

    [Fact]
    public async Task WhatTheHandlerSavesAndTheEventBeingDoneAreCommittedTogether()
    {
        await using var h = await LineHarness.StartAsync();
        h.Handled.Behaviour = async (context, ct) =>
        {
            var outbox = context.Services.GetRequiredService<Outbox>();
            await outbox.EnqueuePushAsync(context.Channel, context.Event.Source.ChatId!, [ItaBot.Line.Api.LineMessages.Text("รับทราบ")], $"ack:{context.Event.WebhookEventId}", ct: ct);
            if (context.Attempt == 1) throw new InvalidOperationException("crashed after queuing");
        };

        await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")));
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.Attempts == 1), "the first attempt to fail");
        Assert.Empty(await h.OutboxAsync()); // the failed attempt's push was never saved

        h.Advance(TimeSpan.FromMinutes(11));
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the retry to succeed");
        Assert.Single(await h.OutboxAsync());
        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the push");
        Assert.Equal(["รับทราบ"], h.Line.TextsTo(Finance.GroupId!));
    }
}
