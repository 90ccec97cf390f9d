using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;

namespace ItaBot.Tests.Line.Api;

/// <summary>Webhook bodies from the signer are what LINE would send: valid per webhook.yml and correctly signed.</summary>
public sealed class WebhookSignerTests
{
    const string Secret = "8c570fa6dd201bb328f1c1eac23a96d8";
    static readonly string Somchai = LineIds.User("somchai");
    static readonly string Malee = LineIds.User("malee");
    static readonly string Finance = LineIds.Group("กองคลัง");
    static readonly string Meeting = LineIds.Room("ประชุมคณะทำงาน ITA");

    readonly FakeTimeProvider _clock = FakeTimeProvider.AtBangkok(2025, 3, 3, 9, 30);
    readonly WebhookSigner _signer;

    public WebhookSignerTests() => _signer = new WebhookSigner(Secret, LineIds.Bot(), _clock);

    static readonly Dictionary<string, Func<WebhookSigner, JsonObject>> Events = new()
    {
        ["text from a user"] = s => s.TextMessage(WebhookSource.User(Somchai), "สถานะ"),
        ["text in a group"] = s => s.TextMessage(WebhookSource.Group(Finance, Somchai), "มาตรการ ๓ เสร็จแล้ว แนบ https://www.muangchan.go.th/ita/o42"),
        ["text in a room"] = s => s.TextMessage(WebhookSource.Room(Meeting, Malee), "รับทราบ", quotedMessageId: "100001"),
        ["image"] = s => s.ImageMessage(WebhookSource.Group(Finance, Somchai)),
        ["file"] = s => s.FileMessage(WebhookSource.Group(Finance, Somchai), "รายงานผล ๖ เดือน.pdf", 245_760),
        ["sticker"] = s => s.StickerMessage(WebhookSource.User(Somchai)),
        ["postback"] = s => s.Postback(WebhookSource.Group(Finance, Somchai), "status=done&measure=3"),
        ["date picker postback"] = s => s.Postback(WebhookSource.User(Somchai), "pick=due", new Dictionary<string, string> { ["date"] = "2025-03-31" }),
        ["follow"] = s => s.Follow(Somchai),
        ["unblock"] = s => s.Follow(Somchai, isUnblocked: true),
        ["unfollow"] = s => s.Unfollow(Somchai),
        ["join a group"] = s => s.Join(WebhookSource.Group(Finance)),
        ["join a room"] = s => s.Join(WebhookSource.Room(Meeting)),
        ["leave"] = s => s.Leave(WebhookSource.Group(Finance)),
        ["members joined"] = s => s.MemberJoined(WebhookSource.Group(Finance), Somchai, Malee),
        ["member left"] = s => s.MemberLeft(WebhookSource.Group(Finance), Malee),
        ["unsend"] = s => s.Unsend(WebhookSource.Group(Finance, Somchai), "100001"),
        ["redelivered text"] = s => WebhookSigner.Redelivered(s.TextMessage(WebhookSource.User(Somchai), "ซ้ำ")),
    };

    public static TheoryData<string> EventNames => [.. Events.Keys];

    [Theory]
    [MemberData(nameof(EventNames))]
    public void EveryEventKindIsValidPerWebhookYml(string kind)
    {
        var signed = _signer.Sign(Events[kind](_signer));

        var errors = OpenApiValidator.Webhook.ValidateComponent(signed.Json, "CallbackRequest");

        Assert.True(errors.Count == 0, $"{kind}: [{string.Join("; ", errors)}]\n{signed.Body}");
    }

    [Fact]
    public void ManyEventsInOneBodyAreValidAndKeepTheirOrder()
    {
        var signed = _signer.Sign(_signer.Join(WebhookSource.Group(Finance)), _signer.MemberJoined(WebhookSource.Group(Finance), Somchai),
            _signer.TextMessage(WebhookSource.Group(Finance, Somchai), "สวัสดีครับ"));

        Assert.Empty(OpenApiValidator.Webhook.ValidateComponent(signed.Json, "CallbackRequest"));
        Assert.Equal(["join", "memberJoined", "message"], signed.Json["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void TheConnectivityCheckHasNoEvents()
    {
        var signed = _signer.Sign();

        Assert.Empty(OpenApiValidator.Webhook.ValidateComponent(signed.Json, "CallbackRequest"));
        Assert.Empty(signed.Json["events"]!.AsArray());
    }

    [Fact]
    public void TheSignatureIsTheBase64HmacOfTheExactBody()
    {
        var signed = _signer.Sign(_signer.TextMessage(WebhookSource.User(Somchai), "ส่งผลแล้วครับ \"ข้อ ๒\""));

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(signed.Body)));

        Assert.Equal(expected, signed.Signature);
        Assert.NotEqual(signed.Signature, WebhookSigner.Signature(Secret, signed.Body.Replace("ข้อ ๒", "ข้อ ๓")));
        Assert.NotEqual(signed.Signature, WebhookSigner.Signature("another-secret", signed.Body));
    }

    [Fact]
    public void UserTextIsCarriedAsRawUtf8AndSurvivesQuotesAndNewlines()
    {
        const string text = "ผลการดำเนินการ: \"เสร็จ\"\nหลักฐาน C:\\docs\\o42.pdf";

        var signed = _signer.Sign(_signer.TextMessage(WebhookSource.User(Somchai), text));

        Assert.Contains("ผลการดำเนินการ", signed.Body);
        Assert.Equal(text, signed.Json["events"]![0]!["message"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void EventsCarryTheClocksTimeAndSortableUlidIds()
    {
        var first = _signer.TextMessage(WebhookSource.User(Somchai), "1");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var second = _signer.TextMessage(WebhookSource.User(Somchai), "2");

        Assert.Equal(_clock.GetUtcNow().ToUnixTimeMilliseconds(), second["timestamp"]!.GetValue<long>());
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", first.WebhookEventId());
        Assert.True(string.CompareOrdinal(first.WebhookEventId(), second.WebhookEventId()) < 0);
        Assert.Equal("active", first["mode"]!.GetValue<string>());
        Assert.False(first["deliveryContext"]!["isRedelivery"]!.GetValue<bool>());
    }

    [Fact]
    public void ARedeliveryRepeatsTheEventIdAndSaysSo()
    {
        var original = _signer.Postback(WebhookSource.Group(Finance, Somchai), "status=done&measure=1");

        var again = WebhookSigner.Redelivered(original);

        Assert.Equal(original.WebhookEventId(), again.WebhookEventId());
        Assert.Equal(original.ReplyToken(), again.ReplyToken());
        Assert.True(again["deliveryContext"]!["isRedelivery"]!.GetValue<bool>());
        Assert.False(original["deliveryContext"]!["isRedelivery"]!.GetValue<bool>());
    }

    [Fact]
    public void InGroupsOnlyEventsAUserCausedNameTheUser()
    {
        var message = _signer.TextMessage(WebhookSource.Group(Finance, Somchai), "x");
        var postback = _signer.Postback(WebhookSource.Group(Finance, Somchai), "x");
        var joined = _signer.MemberJoined(WebhookSource.Group(Finance, Somchai), Malee);

        Assert.Equal(Somchai, message["source"]!["userId"]!.GetValue<string>());
        Assert.Equal(Somchai, postback["source"]!["userId"]!.GetValue<string>());
        Assert.Null(joined["source"]!["userId"]);
        Assert.Equal(Finance, joined["source"]!["groupId"]!.GetValue<string>());
    }

    [Fact]
    public void EventsThatCannotBeAnsweredHaveNoReplyToken()
    {
        Assert.Null(_signer.Unfollow(Somchai)["replyToken"]);
        Assert.Null(_signer.Leave(WebhookSource.Group(Finance))["replyToken"]);
        Assert.Null(_signer.MemberLeft(WebhookSource.Group(Finance), Malee)["replyToken"]);
        Assert.Matches("^[0-9a-f]{32}$", _signer.Join(WebhookSource.Group(Finance)).ReplyToken());
    }

    [Fact]
    public async Task TheRequestCarriesTheSignatureHeaderAndTheBodyByteForByte()
    {
        var signed = _signer.Sign(_signer.TextMessage(WebhookSource.User(Somchai), "สวัสดี"));

        using var request = signed.CreateRequest("/line/webhook");

        Assert.Equal(signed.Signature, request.Headers.GetValues(SignedWebhook.SignatureHeader).Single());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(Encoding.UTF8.GetBytes(signed.Body), await request.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public void TheWebhookValidatorRefusesBrokenBodies()
    {
        var ev = _signer.TextMessage(WebhookSource.Group(Finance, Somchai), "x");
        ev.Remove("webhookEventId");
        ev["source"]!["type"] = "channel";
        ev["mode"] = "sleeping";
        var body = _signer.Sign(ev).Json;
        body["destination"] = "bot";

        var errors = OpenApiValidator.Webhook.ValidateComponent(body, "CallbackRequest");

        Assert.Equal(["destination", "events[0].mode", "events[0].source.type", "events[0].webhookEventId"],
            errors.Select(e => e.Property).Distinct().Order());
    }
}
