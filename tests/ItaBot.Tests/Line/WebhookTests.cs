using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Line;

public sealed class WebhookTests
{
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    [Fact]
    public async Task SignedEventsAreStoredAndAnswered200()
    {
        await using var h = await LineHarness.StartAsync();
        var message = h.Signer.TextMessage(Finance, "สถานะ");

        var response = await h.PostAsync(h.Signer.Sign(message));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await h.InboxAsync());
        Assert.Equal(message.WebhookEventId(), stored.WebhookEventId);
        Assert.Equal(Finance.GroupId, stored.ChatKey);
        Assert.Equal("message", stored.EventType);
        Assert.Equal(LineOptions.DefaultChannelName, stored.Channel);
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be handled");
        Assert.Equal(["สถานะ"], h.Handled.Texts);
    }

    [Fact]
    public async Task AForgedSignatureIsRefusedAndNothingIsStored()
    {
        await using var h = await LineHarness.StartAsync();
        var genuine = h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ"));
        var forged = genuine with { Body = genuine.Body.Replace("สถานะ", "เสร็จแล้ว") };

        var response = await h.PostAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task AMissingSignatureIsRefusedAndNothingIsStored()
    {
        await using var h = await LineHarness.StartAsync();
        var body = h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")).Body;

        var response = await h.Client.PostAsync("/line/webhook", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task ABodySignedForAnotherChannelIsRefused()
    {
        await using var h = await LineHarness.StartAsync(app => app
            .With("Line:Channels:nongbua:ChannelSecret", "nongbua-secret")
            .With("Line:Channels:nongbua:ChannelAccessToken", "nongbua-token"));
        var signedForDefault = h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ"));

        var response = await h.PostAsync(signedForDefault, "/line/webhook/nongbua");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task ANamedChannelStoresItsEventsUnderItsName()
    {
        await using var h = await LineHarness.StartAsync(app => app
            .With("Line:Channels:nongbua:ChannelSecret", "nongbua-secret")
            .With("Line:Channels:nongbua:ChannelAccessToken", "nongbua-token"));
        var nongbua = new WebhookSigner("nongbua-secret", time: h.Time);

        var response = await h.PostAsync(nongbua.Sign(nongbua.TextMessage(Finance, "สถานะ")), "/line/webhook/nongbua");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nongbua", Assert.Single(await h.InboxAsync()).Channel);
    }

    [Fact]
    public async Task AnUnknownChannelIsNotFound()
    {
        await using var h = await LineHarness.StartAsync();

        var response = await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")), "/line/webhook/nowhere");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task ABodyOverOneMegabyteIsRefusedAs413()
    {
        await using var h = await LineHarness.StartAsync();
        var huge = h.Signer.TextMessage(Finance, new string('ก', 400_000)); // 3 bytes each in UTF-8

        var response = await h.PostAsync(h.Signer.Sign(huge));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task ASignedButMalformedBodyIsABadRequestAndNothingIsStored()
    {
        await using var h = await LineHarness.StartAsync();

        var notJson = await h.PostAsync(h.Signer.Sign("{\"events\":[{\"type\":\"message\""));
        var noEvents = await h.PostAsync(h.Signer.Sign("{\"destination\":\"U0\"}"));

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task TheConnectivityCheckWithNoEventsIsAnswered200()
    {
        await using var h = await LineHarness.StartAsync();

        var response = await h.PostAsync(h.Signer.Sign("{\"events\":[]}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task UnknownEventTypesAreStoredAndHandedOnAsTheyAre()
    {
        await using var h = await LineHarness.StartAsync();
        var strange = h.Signer.Join(Finance);
        strange["type"] = "somethingNew";
        strange["somethingNew"] = new JsonObject { ["detail"] = 1 };

        var response = await h.PostAsync(h.Signer.Sign(strange));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.State == InboxState.Done), "the event to be handled");
        var seen = Assert.Single(h.Handled.Seen);
        Assert.Equal("somethingNew", seen.Event.Type);
        Assert.Equal(1, seen.Event.Raw.GetProperty("somethingNew").GetProperty("detail").GetInt32());
    }

    [Fact]
    public async Task AnEditedMessageIsStoredInItsGroupsOrderAndHandedOnWithTheNewText()
    {
        await using var h = await LineHarness.StartAsync();
        var original = h.Signer.TextMessage(Finance, "M1 เสร็จแล้ว");
        var edited = h.Signer.MessageEdited(Finance, original.MessageId(), "M1 กำลังทำ", h.Time.GetUtcNow().AddSeconds(30));

        var response = await h.PostAsync(h.Signer.Sign(original, edited));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "both events to be handled");
        Assert.All(await h.InboxAsync(), e => Assert.Equal(Finance.GroupId, e.ChatKey));
        Assert.Equal(["message", "messageEdited"], h.Handled.Seen.Select(s => s.Event.Type));
        var edit = h.Handled.Seen.ElementAt(1).Event;
        Assert.Equal(original.MessageId(), edit.Message!.Id);
        Assert.Equal("M1 กำลังทำ", edit.Message.Text);
    }

    [Fact]
    public async Task ARedeliveredEventIsStoredAndHandledOnce()
    {
        await using var h = await LineHarness.StartAsync();
        var message = h.Signer.TextMessage(Finance, "เสร็จแล้ว");

        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Signer.Sign(message))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Signer.Sign(WebhookSigner.Redelivered(message)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(h.Signer.Sign(message, message))).StatusCode);

        await h.WaitUntilAsync(db => db.LineInbox.AllAsync(e => e.State == InboxState.Done), "the event to be handled");
        Assert.Single(await h.InboxAsync());
        h.Nudge();
        await Task.Delay(100);
        Assert.Equal(["เสร็จแล้ว"], h.Handled.Texts);
    }

    [Fact]
    public async Task WithNoChannelConfiguredTheAppStartsAndTheWebhookSaysWhatIsMissing()
    {
        await using var h = await LineHarness.StartAsync(withLine: false);

        var health = await h.Client.GetAsync("/health");
        var response = await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Line__ChannelSecret", await response.Content.ReadAsStringAsync());
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task AChannelWithATokenButNoSecretCannotReceive()
    {
        await using var h = await LineHarness.StartAsync(app => app.With("Line:ChannelSecret", null), withLine: true);

        var response = await h.PostAsync(h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("secret", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Line:ApiBaseUrl", "not a url", "Line__ApiBaseUrl")]
    [InlineData("Line:ApiBaseUrl", "ftp://api.line.me", "Line__ApiBaseUrl")]
    [InlineData("Line:Channels:bad name:ChannelSecret", "s", "bad name")]
    [InlineData("Line:Channels:empty:ApiBaseUrl", "https://api.line.me", "empty")]
    [InlineData("Line:Outbox:RequestsPerSecond", "5000", "Line__Outbox__RequestsPerSecond")]
    public async Task WrongLineSettingsStopTheAppAtStartNamingTheSetting(string key, string value, string named)
    {
        await using var app = new Support.TestApp().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains(named, error.ToString());
    }
}
