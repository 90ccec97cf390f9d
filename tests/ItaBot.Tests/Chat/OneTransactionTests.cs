using ItaBot.Chat;
using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>
/// One transaction per event, owned by the inbox worker: the handler's changes, its answer (an outbox row) and the
/// event's done mark commit together. A crash between the handler and the done mark, or a stop in the middle,
/// leaves nothing behind; the event is handled again once; nothing happens twice and nothing is lost.
/// </summary>
public sealed class OneTransactionTests
{
    /// <summary>Runs the real chat handler, then "dies" where the test says: before the done mark is written.</summary>
    sealed class Fault
    {
        public string? CrashAfter { get; set; }
        public string? HangAfter { get; set; }
        public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    sealed class FaultyHandler(LineChatHandler inner, Fault fault) : ILineEventHandler
    {
        public Task PrepareAsync(LineEventContext context, CancellationToken ct) => inner.PrepareAsync(context, ct);

        public async Task HandleAsync(LineEventContext context, CancellationToken ct)
        {
            await inner.HandleAsync(context, ct);
            var text = context.Event.Message?.Text;
            if (text is not null && text == fault.CrashAfter)
            {
                fault.CrashAfter = null;
                throw new InvalidOperationException("killed between the handler and the done mark");
            }
            if (text is not null && text == fault.HangAfter)
            {
                fault.HangAfter = null;
                fault.Hanging.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
        }
    }

    static Action<IServiceCollection> WithFault(Fault fault) => services =>
    {
        services.AddScoped<LineChatHandler>();
        services.AddScoped<ILineEventHandler>(sp => new FaultyHandler(sp.GetRequiredService<LineChatHandler>(), fault));
    };

    [Fact]
    public async Task ACrashBetweenTheHandlerAndTheDoneMarkLeavesNothingAndTheRetryDoesItOnce()
    {
        var fault = new Fault();
        await using var h = await StartAsync(seed: true, pooled: false, WithFault(fault));
        await h.BindGroupsAsync();
        fault.CrashAfter = "M1 เสร็จแล้ว";
        var message = h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        var before = h.Line.MessagesTo(FinanceGroupId).Count;
        var queuedBefore = await h.InDbAsync(db => db.LineOutbox.CountAsync());

        (await h.Client.SendAsync(h.Signer.Sign(message).CreateRequest("/line/webhook"))).EnsureSuccessStatusCode();
        var id = message.WebhookEventId();
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.Attempts == 1), "the first attempt to fail");

        // Nothing of the failed attempt was kept: no entry, no queued answer, nothing sent.
        Assert.Empty(await h.ReportsAsync("M1"));
        Assert.Equal(queuedBefore, await h.InDbAsync(db => db.LineOutbox.CountAsync()));
        Assert.Equal(before, h.Line.MessagesTo(FinanceGroupId).Count);

        h.Time.Advance(TimeSpan.FromSeconds(11)); // past the first retry's backoff, still within the reply token's minute
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State == InboxState.Done), "the retry");
        await h.WaitUntilAsync(async db => !await db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending), "the answer to go");

        Assert.Single(await h.ReportsAsync("M1"));
        var answer = h.Line.MessagesTo(FinanceGroupId).Skip(before).ToList();
        Assert.Single(answer, m => Sent.Text([m]).Contains("บันทึกแล้ว: M1", StringComparison.Ordinal));
        Assert.Equal(2, await h.InDbAsync(db => db.LineInbox.Where(e => e.WebhookEventId == id).Select(e => e.Attempts).SingleAsync()));
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task AnAppStoppedInTheMiddleOfAnEventHandlesItOnceAfterTheRestart()
    {
        var fault = new Fault();
        await using var h = await StartAsync(seed: true, pooled: false, WithFault(fault));
        await h.BindGroupsAsync();
        fault.HangAfter = "M2 กำลังทำ";
        var message = h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "M2 กำลังทำ");
        var before = h.Line.MessagesTo(FinanceGroupId).Count;

        (await h.Client.SendAsync(h.Signer.Sign(message).CreateRequest("/line/webhook"))).EnsureSuccessStatusCode();
        await fault.Hanging.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await h.RestartAsync();

        var id = message.WebhookEventId();
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.WebhookEventId == id && e.State == InboxState.Done), "the event after the restart");
        await h.WaitUntilAsync(async db => !await db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending), "the answer to go");

        Assert.Single(await h.ReportsAsync("M2"));
        Assert.Single(h.Line.MessagesTo(FinanceGroupId).Skip(before), m => Sent.Text([m]).Contains("บันทึกแล้ว: M2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAnswerCommittedButNotYetSentGoesOutOnceAfterARestart()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.RestartAsync(("Line:Outbox:Send", "false"));
        var before = h.Line.MessagesTo(FinanceGroupId).Count;

        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M3 ยังไม่เริ่ม");
        Assert.Equal(before, h.Line.MessagesTo(FinanceGroupId).Count);
        Assert.Single(await h.ReportsAsync("M3"));

        await h.RestartAsync(("Line:Outbox:Send", "true"));
        await h.WaitUntilAsync(async db => !await db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending), "the queued answer to go");

        Assert.Single(h.Line.MessagesTo(FinanceGroupId).Skip(before), m => Sent.Text([m]).Contains("บันทึกแล้ว: M3", StringComparison.Ordinal));
        Assert.Single(await h.ReportsAsync("M3"));
    }
}
