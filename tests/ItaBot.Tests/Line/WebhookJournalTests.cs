using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Line;

/// <summary>
/// The webhook's journal beside the SQLite database: an acknowledged event is on disk there before the 200 and moved
/// into line_inbox afterwards. Whatever a process leaves behind when it dies between the two — rows only in the
/// journal, or rows already moved but not yet deleted from it — is handled exactly once after the restart.
/// The journal is written here the way a process that died would have left it, before the app starts.
/// </summary>
public sealed class WebhookJournalTests
{
    /// <summary>Before any test clock's now, so the events are due at once.</summary>
    static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    /// <summary>Rows exactly as the webhook would have staged them for this signed body.</summary>
    static void LeaveInJournal(TempDatabase database, SignedWebhook webhook, DateTime receivedAtUtc)
    {
        Assert.True(WebhookPayload.TryParse(Encoding.UTF8.GetBytes(webhook.Body), LineOptions.DefaultChannelName, out var rows, out _));
        using var journal = InboxStaging.Open(InboxStaging.PathBeside(database.ConnectionString)!);
        journal.Append(rows, receivedAtUtc, removeUpTo: 0);
    }

    static long Journaled(TempDatabase database)
    {
        using var journal = InboxStaging.Open(InboxStaging.PathBeside(database.ConnectionString)!);
        return journal.Count();
    }

    [Fact]
    public async Task EventsAcknowledgedButNotYetMovedWhenTheProcessDiedAreHandledOnceAfterTheRestart()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        var signer = line.CreateSigner();
        var first = signer.TextMessage(Finance, "M1 เสร็จแล้ว");
        var second = signer.TextMessage(Finance, "M2 กำลังทำ");
        await using (await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line)) { }
        LeaveInJournal(database, signer.Sign(first, second), LongAgo);

        await using var h = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);

        await h.WaitUntilAsync(db => db.LineInbox.CountAsync(e => e.State == InboxState.Done).ContinueWith(t => t.Result == 2), "both events to be handled");
        Assert.Equal(["M1 เสร็จแล้ว", "M2 กำลังทำ"], h.Handled.Texts);
        Assert.Equal(0, Journaled(database));
        h.Nudge();
        await Task.Delay(100);
        Assert.Equal(2, h.Handled.Seen.Count);
    }

    [Fact]
    public async Task AnEventMovedJustBeforeTheProcessDiedIsNotHandledAgainWhenItsJournalRowIsMovedAgain()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        SignedWebhook webhook;
        await using (var before = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line))
        {
            webhook = before.Signer.Sign(before.Signer.TextMessage(Finance, "สถานะ"));
            Assert.Equal(HttpStatusCode.OK, (await before.PostAsync(webhook)).StatusCode);
            await before.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.State == InboxState.Done), "the event to be handled");
            Assert.Equal(["สถานะ"], before.Handled.Texts);
        }
        // The move's commit reached the disk, the journal's delete did not: the row is in both places.
        LeaveInJournal(database, webhook, LongAgo);

        await using var after = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);

        await after.WaitUntilAsync(_ => Task.FromResult(Journaled(database) == 0), "the journal to be emptied");
        after.Nudge();
        await Task.Delay(100);
        Assert.Empty(after.Handled.Seen);
        Assert.Equal(InboxState.Done, Assert.Single(await after.InboxAsync()).State);
    }

    [Fact]
    public async Task ARedeliveryArrivingWhileTheFirstCopyWaitsInTheJournalIsHandledOnce()
    {
        using var database = new TempDatabase();
        await using var line = await FakeLineServer.StartAsync();
        var signer = line.CreateSigner();
        var message = signer.TextMessage(Finance, "M3 เสร็จแล้ว");
        await using (await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line)) { }
        LeaveInJournal(database, signer.Sign(message), LongAgo);

        await using var h = await LineHarness.StartAsync(app => app.With("ConnectionStrings:Default", database.ConnectionString), line: line);
        var redelivered = await h.PostAsync(h.Signer.Sign(WebhookSigner.Redelivered(message)));
        var again = await h.PostAsync(h.Signer.Sign(message, message));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be handled");
        Assert.Single(await h.InboxAsync());
        h.Nudge();
        await Task.Delay(100);
        Assert.Equal(["M3 เสร็จแล้ว"], h.Handled.Texts);
        await h.WaitUntilAsync(_ => Task.FromResult(Journaled(database) == 0), "the journal to be emptied");
    }

    [Fact]
    public async Task ABodyOverOneMegabyteWithNoDeclaredLengthIsRefusedNamingTheLimitAndNothingIsStored()
    {
        await using var h = await LineHarness.StartAsync();
        var huge = h.Signer.Sign(h.Signer.TextMessage(Finance, new string('ก', 400_000)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook")
        {
            // A stream of unknown length: the limit is met while reading, not from Content-Length.
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge.Body))),
        };
        request.Content.Headers.ContentLength = null;
        request.Headers.TryAddWithoutValidation(SignedWebhook.SignatureHeader, huge.Signature);

        var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1 MB", await response.Content.ReadAsStringAsync());
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task ABodyOfExactlyTheLimitIsReadWholeAndOneByteMoreIsRefused()
    {
        await using var h = await LineHarness.StartAsync();
        var message = h.Signer.TextMessage(Finance, "สถานะ");
        var body = h.Signer.Sign(message).Body;
        // Padded with spaces JSON ignores, to the limit and one past it.
        var atLimit = body + new string(' ', WebhookEndpoint.MaxBodyBytes - Encoding.UTF8.GetByteCount(body));

        var fits = await h.PostAsync(h.Signer.Sign(atLimit));
        var over = await h.PostAsync(h.Signer.Sign(atLimit + " "));

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, over.StatusCode);
        Assert.Equal(message.WebhookEventId(), Assert.Single(await h.InboxAsync()).WebhookEventId);
    }

    [Fact]
    public async Task OnlyPostsToTheWebhookPathsAreTakenAsWebhooks()
    {
        await using var h = await LineHarness.StartAsync();
        var signed = h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ"));

        var get = await h.Client.GetAsync("/line/webhook");
        var deeper = await h.PostAsync(signed, "/line/webhook/a/b");
        var lookalike = await h.PostAsync(signed, "/line/webhookx");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deeper.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, lookalike.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }
}
