using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Line;

public sealed class ReplyTests
{
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    static async Task<LineHarness> StartReplyingAsync(int messages = 1)
    {
        var h = await LineHarness.StartAsync();
        h.Handled.Behaviour = (context, ct) => context.ReplyAsync(
            Enumerable.Range(1, messages).Select(i => LineMessages.Text($"รับทราบ {i}")).ToList(), ct: ct);
        return h;
    }

    [Fact]
    public async Task AFreshEventIsAnsweredByReplyWhichCostsNothing()
    {
        await using var h = await StartReplyingAsync();

        await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")));

        await h.Line.WaitUntilAsync(l => l.Replies.Count == 1, what: "the reply");
        Assert.Equal(["รับทราบ 1"], h.Line.TextsTo(Finance.GroupId!));
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be done");
        await h.WaitUntilAsync(db => db.LineOutbox.AllAsync(m => m.State == OutboxState.Sent), "the reply to be recorded");
        var reply = Assert.Single(await h.OutboxAsync());
        Assert.Equal((OutboxKind.Reply, 0), (reply.Kind, reply.BilledMessages));
        Assert.Empty(await h.DbAsync(db => db.LineUsage.ToListAsync()));
        Assert.Empty(h.Line.Pushes);
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task AnExpiredReplyTokenMeansTheSameMessagesGoAsAPush()
    {
        await using var h = await StartReplyingAsync();
        var earlier = new FakeTimeProvider(h.Time.GetUtcNow() - TimeSpan.FromMinutes(2));
        var signer = h.Line.CreateSigner(earlier);

        await h.PostAsync(signer.Sign(signer.TextMessage(Finance, "สถานะ")));

        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the push");
        Assert.DoesNotContain(h.Line.Requests, r => r.Path == "/v2/bot/message/reply");
        Assert.Equal(["รับทราบ 1"], h.Line.TextsTo(Finance.GroupId!));
        Assert.Equal(OutboxKind.ReplyFallback, Assert.Single(await h.OutboxAsync()).Kind);
    }

    [Fact]
    public async Task AReplyTokenLineRefusesMeansTheSameMessagesGoAsAPush()
    {
        await using var h = await StartReplyingAsync();
        var message = h.Signer.TextMessage(Finance, "สถานะ");
        h.Line.ExpireReplyToken(message.ReplyToken());

        await h.PostAsync(h.Signer.Sign(message));

        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the push");
        Assert.Single(h.Line.Requests, r => r.Path == "/v2/bot/message/reply" && r.StatusCode == 400);
        Assert.Equal(["รับทราบ 1"], h.Line.TextsTo(Finance.GroupId!));
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task MoreThanFiveMessagesAreRepliedFiveAndPushedTheRestInOrder()
    {
        await using var h = await StartReplyingAsync(messages: 7);

        await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สรุป")));

        await h.Line.WaitUntilAsync(l => l.Pushes.Count == 1, what: "the rest as a push");
        Assert.Equal(5, Assert.Single(h.Line.Replies).Messages.Count);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"รับทราบ {i}"), h.Line.TextsTo(Finance.GroupId!));
    }
}
