using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Line;

/// <summary>
/// A correctly signed body the bot cannot read is refused at the door (400, naming what is wrong) instead of being
/// answered 500 (which makes LINE send it again) or stored to fail on every attempt; the chat's next event goes on.
/// </summary>
public sealed class UnreadableWebhookTests
{
    static readonly WebhookSource Finance = WebhookSource.Group(LineIds.Group("กองคลัง"), LineIds.User("หัวหน้ากองคลัง"));

    /// <summary>Each broken the way a buggy proxy, a replay tool or a forger holding the secret might break it.</summary>
    public static TheoryData<string, string> Shapes => new()
    {
        { "timestamp as text", "events[0].timestamp must be a number" },
        { "source as a number", "events[0].source must be an object" },
        { "empty user id", "events[0].source.userId is empty" },
        { "message id as a number", "events[0].message.id must be text" },
        { "text as an object", "events[0].message.text must be text" },
        { "mention index as text", "events[0].message.mention.mentionees[0].index must be a number" },
        { "isRedelivery as text", "events[0].deliveryContext.isRedelivery must be true or false" },
        { "reply token as a number", "events[0].replyToken must be text" },
        { "type missing", "events[0].type is missing" },
    };

    static JsonObject Broken(WebhookSigner signer, string shape)
    {
        var e = signer.TextMessage(Finance, "สถานะ");
        switch (shape)
        {
            case "timestamp as text": e["timestamp"] = "yesterday"; break;
            case "source as a number": e["source"] = 42; break;
            case "empty user id": e["source"]!["userId"] = ""; break;
            case "message id as a number": e["message"]!["id"] = 12345; break;
            case "text as an object": e["message"]!["text"] = new JsonObject { ["th"] = "สถานะ" }; break;
            case "mention index as text":
                e["message"]!["mention"] = new JsonObject { ["mentionees"] = new JsonArray(new JsonObject { ["index"] = "0", ["length"] = 4, ["userId"] = "U1" }) };
                break;
            case "isRedelivery as text": e["deliveryContext"]!["isRedelivery"] = "no"; break;
            case "reply token as a number": e["replyToken"] = 7; break;
            case "type missing": e.Remove("type"); break;
        }
        return e;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ASignedEventWithAFieldOfTheWrongKindIsABadRequestNamingItAndTheChatGoesOn(string shape, string problem)
    {
        await using var h = await LineHarness.StartAsync();

        var refused = await h.PostAsync(h.Signer.Sign(Broken(h.Signer, shape)));
        var next = h.Signer.TextMessage(Finance, "M1 เสร็จแล้ว");
        var accepted = await h.PostAsync(h.Signer.Sign(next));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(problem, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await h.WaitUntilAsync(db => db.LineInbox.AnyAsync(e => e.State == InboxState.Done), "the next event to be handled");
        Assert.Equal(next.WebhookEventId(), Assert.Single(await h.InboxAsync()).WebhookEventId);
        Assert.Equal(["M1 เสร็จแล้ว"], h.Handled.Texts);
    }

    [Fact]
    public async Task ASignedBodyThatIsNotUtf8IsABadRequestNot500()
    {
        await using var h = await LineHarness.StartAsync();
        var text = h.Signer.Sign(h.Signer.TextMessage(Finance, "สถานะ")).Body;
        // The Thai text's first byte replaced by one no UTF-8 sequence starts with.
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[Array.IndexOf(bytes, Encoding.UTF8.GetBytes("ส")[0])] = 0xFF;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(SignedWebhook.SignatureHeader,
            Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(h.Line.ChannelSecret), bytes)));
        var response = await h.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", await response.Content.ReadAsStringAsync());
        Assert.Empty(await h.InboxAsync());
    }

    [Fact]
    public async Task EveryEventTheFakeLineServerCanSendPassesTheShapeCheck()
    {
        await using var h = await LineHarness.StartAsync();
        var s = h.Signer;
        var user = LineIds.User("คนใหม่");
        JsonObject[] events =
        [
            s.TextMessage(Finance, "สถานะ"), s.ImageMessage(Finance), s.FileMessage(Finance, "แผน.docx", 1234), s.StickerMessage(Finance),
            s.Postback(Finance, "a=s&m=1", new Dictionary<string, string> { ["date"] = "2025-03-03" }), s.Follow(user), s.Unfollow(user),
            s.Join(WebhookSource.Group(Finance.GroupId!)), s.MemberJoined(WebhookSource.Group(Finance.GroupId!), user),
            s.MemberLeft(WebhookSource.Group(Finance.GroupId!), user), s.Unsend(Finance, "1234567890"),
            s.MessageEdited(Finance, "1234567890", "แก้แล้ว"), s.Leave(WebhookSource.Group(Finance.GroupId!)),
        ];

        var response = await h.PostAsync(s.Sign(events));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(events.Length, (await h.InboxAsync()).Count);
    }
}
