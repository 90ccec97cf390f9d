using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>A webhook request body and its <c>x-line-signature</c>, as LINE would POST it.</summary>
public sealed record SignedWebhook(string Body, string Signature)
{
    public const string SignatureHeader = "x-line-signature";

    /// <summary>The POST LINE would make to the bot's webhook URL.</summary>
    public HttpRequestMessage CreateRequest(string requestUri)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, requestUri)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(SignatureHeader, Signature);
        return request;
    }

    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}

/// <summary>
/// Builds webhook events shaped like LINE's (valid against webhook.yml: ULID <c>webhookEventId</c>,
/// <c>deliveryContext</c>, millisecond <c>timestamp</c>, <c>mode</c>, reply tokens) and signs request bodies with
/// the channel secret: <c>x-line-signature</c> = Base64(HMAC-SHA256(secret, body)). Built by
/// <see cref="FakeLineServer.CreateSigner"/>, every reply token it hands out is known to that server, which
/// can then tell which chat a reply went to.
/// </summary>
public sealed class WebhookSigner(
    string channelSecret, string? destination = null, TimeProvider? time = null, Action<string, string>? onReplyToken = null)
{
    public string ChannelSecret { get; } = channelSecret;

    /// <summary>The bot's user ID, sent as <c>destination</c>.</summary>
    public string Destination { get; } = destination ?? LineIds.Bot();

    /// <summary>Clock for event timestamps and IDs; give it the test's fake clock to line events up with it.</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    // ---- events ----------------------------------------------------------------------------------------------

    public JsonObject TextMessage(WebhookSource source, string text, string? quotedMessageId = null, IReadOnlyList<WebhookMention>? mentions = null)
    {
        var message = new JsonObject
        {
            ["type"] = "text", ["id"] = NewMessageId(), ["quoteToken"] = NewQuoteToken(), ["text"] = text,
        };
        if (mentions is { Count: > 0 })
            message["mention"] = new JsonObject { ["mentionees"] = new JsonArray(mentions.Select(m => (JsonNode?)m.ToJson()).ToArray()) };
        if (quotedMessageId is not null) message["quotedMessageId"] = quotedMessageId;
        return Event("message", source, withReplyToken: true, ("message", message));
    }

    /// <summary>
    /// Text with "@name" mentions as LINE marks them: each "@…" written in <paramref name="text"/> for a key of
    /// <paramref name="people"/> becomes a mentionee at its index and length; the bot's own name (<paramref name="botName"/>) gets <c>isSelf</c>.
    /// </summary>
    public JsonObject TextWithMentions(WebhookSource source, string text, string botName, IReadOnlyDictionary<string, string> people, string? quotedMessageId = null)
    {
        var mentions = new List<WebhookMention>();
        for (var at = text.IndexOf('@'); at >= 0; at = text.IndexOf('@', at + 1))
        {
            if (text.AsSpan(at + 1).StartsWith(botName, StringComparison.Ordinal))
                mentions.Add(new WebhookMention(at, botName.Length + 1, Destination, IsSelf: true));
            else if (people.Where(p => text.AsSpan(at + 1).StartsWith(p.Key, StringComparison.Ordinal)).OrderByDescending(p => p.Key.Length).FirstOrDefault() is { Key: not null } person)
                mentions.Add(new WebhookMention(at, person.Key.Length + 1, person.Value, IsSelf: false));
        }
        return TextMessage(source, text, quotedMessageId, mentions);
    }

    public JsonObject ImageMessage(WebhookSource source) =>
        Event("message", source, withReplyToken: true, ("message", new JsonObject
        {
            ["type"] = "image", ["id"] = NewMessageId(), ["quoteToken"] = NewQuoteToken(),
            ["contentProvider"] = new JsonObject { ["type"] = "line" },
        }));

    /// <summary>One photo of several sent at once (LINE sends one event per photo, with the set's id, its index and the total).</summary>
    public JsonObject ImageSetMessage(WebhookSource source, string setId, int index, int total) =>
        Event("message", source, withReplyToken: true, ("message", new JsonObject
        {
            ["type"] = "image", ["id"] = NewMessageId(), ["quoteToken"] = NewQuoteToken(),
            ["contentProvider"] = new JsonObject { ["type"] = "line" },
            ["imageSet"] = new JsonObject { ["id"] = setId, ["index"] = index, ["total"] = total },
        }));

    public JsonObject VideoMessage(WebhookSource source, long durationMs = 15_000) =>
        Event("message", source, withReplyToken: true, ("message", new JsonObject
        {
            ["type"] = "video", ["id"] = NewMessageId(), ["quoteToken"] = NewQuoteToken(), ["duration"] = durationMs,
            ["contentProvider"] = new JsonObject { ["type"] = "line" },
        }));

    /// <summary>A file (PDF, DOCX …) a user sent; its bytes come from the content API (<see cref="FakeLineServer.AddMessageContent"/>).</summary>
    public JsonObject FileMessage(WebhookSource source, string fileName, long fileSize) =>
        Event("message", source, withReplyToken: true, ("message", new JsonObject
        {
            ["type"] = "file", ["id"] = NewMessageId(), ["fileName"] = fileName, ["fileSize"] = fileSize,
        }));

    public JsonObject StickerMessage(WebhookSource source, string packageId = "446", string stickerId = "1988") =>
        Event("message", source, withReplyToken: true, ("message", new JsonObject
        {
            ["type"] = "sticker", ["id"] = NewMessageId(), ["quoteToken"] = NewQuoteToken(),
            ["packageId"] = packageId, ["stickerId"] = stickerId, ["stickerResourceType"] = "STATIC",
        }));

    /// <summary>A button tap; <paramref name="parameters"/> are the date/time picker's <c>params</c>.</summary>
    public JsonObject Postback(WebhookSource source, string data, IReadOnlyDictionary<string, string>? parameters = null)
    {
        var postback = new JsonObject { ["data"] = data };
        if (parameters is not null)
            postback["params"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        return Event("postback", source, withReplyToken: true, ("postback", postback));
    }

    public JsonObject Follow(string userId, bool isUnblocked = false) =>
        Event("follow", WebhookSource.User(userId), withReplyToken: true, ("follow", new JsonObject { ["isUnblocked"] = isUnblocked }));

    public JsonObject Unfollow(string userId) => Event("unfollow", WebhookSource.User(userId), withReplyToken: false);

    /// <summary>The bot was added to a group or room.</summary>
    public JsonObject Join(WebhookSource chat) => Event("join", chat, withReplyToken: true, withUser: false);

    /// <summary>The bot was removed from a group or room.</summary>
    public JsonObject Leave(WebhookSource chat) => Event("leave", chat, withReplyToken: false, withUser: false);

    public JsonObject MemberJoined(WebhookSource chat, params string[] userIds) =>
        Event("memberJoined", chat, withReplyToken: true, withUser: false, ("joined", Members(userIds)));

    public JsonObject MemberLeft(WebhookSource chat, params string[] userIds) =>
        Event("memberLeft", chat, withReplyToken: false, withUser: false, ("left", Members(userIds)));

    public JsonObject Unsend(WebhookSource source, string messageId) =>
        Event("unsend", source, withReplyToken: false, ("unsend", new JsonObject { ["messageId"] = messageId }));

    /// <summary>
    /// A text message edited in a group (LINE sends it since 2026-08; the vendored webhook.yml predates it): the
    /// message by its id with the new text, no reply token. Several edits of one message may arrive out of order:
    /// the largest <c>timestamp</c> is the latest, so <paramref name="at"/> lets a test send them that way.
    /// </summary>
    public JsonObject MessageEdited(WebhookSource source, string messageId, string newText, DateTimeOffset? at = null)
    {
        if (source.Type != "group") throw new ArgumentException("LINE sends messageEdited only for group chats", nameof(source));
        var message = new JsonObject { ["type"] = "text", ["id"] = messageId, ["quoteToken"] = NewQuoteToken(), ["text"] = newText };
        var edited = Event("messageEdited", source, withReplyToken: false, ("message", message));
        if (at is { } when)
        {
            edited["timestamp"] = when.ToUnixTimeMilliseconds();
            edited["webhookEventId"] = NewWebhookEventId(when);
        }
        return edited;
    }

    /// <summary>The same event delivered again (same <c>webhookEventId</c>, <c>isRedelivery</c> true), as LINE does after a failed delivery.</summary>
    public static JsonObject Redelivered(JsonObject webhookEvent)
    {
        var copy = webhookEvent.DeepClone().AsObject();
        copy["deliveryContext"] = new JsonObject { ["isRedelivery"] = true };
        return copy;
    }

    // ---- signing ---------------------------------------------------------------------------------------------

    /// <summary>The request body LINE would send with these events (none: the connectivity check) and its signature.</summary>
    public SignedWebhook Sign(params JsonObject[] events)
    {
        var body = new JsonObject
        {
            ["destination"] = Destination,
            ["events"] = new JsonArray(events.Select(e => (JsonNode?)e.DeepClone()).ToArray()),
        };
        return Sign(body.ToJsonString(LineJson.Options));
    }

    /// <summary>Signs an exact body (to test odd bodies byte for byte).</summary>
    public SignedWebhook Sign(string body) => new(body, Signature(ChannelSecret, body));

    public static string Signature(string channelSecret, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channelSecret), Encoding.UTF8.GetBytes(body)));

    // ---- shapes ----------------------------------------------------------------------------------------------

    JsonObject Event(string type, WebhookSource source, bool withReplyToken, params (string Name, JsonNode Value)[] content) =>
        Event(type, source, withReplyToken, withUser: true, content);

    JsonObject Event(string type, WebhookSource source, bool withReplyToken, bool withUser, params (string Name, JsonNode Value)[] content)
    {
        var now = Time.GetUtcNow();
        var json = new JsonObject { ["type"] = type };
        foreach (var (name, value) in content) json[name] = value;
        json["webhookEventId"] = NewWebhookEventId(now);
        json["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
        json["timestamp"] = now.ToUnixTimeMilliseconds();
        json["source"] = source.ToJson(withUser);
        if (withReplyToken)
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            json["replyToken"] = token;
            onReplyToken?.Invoke(token, source.ChatId);
        }
        json["mode"] = "active";
        return json;
    }

    static JsonObject Members(IEnumerable<string> userIds) =>
        new() { ["members"] = new JsonArray(userIds.Select(id => (JsonNode?)WebhookSource.User(id).ToJson()).ToArray()) };

    static string NewMessageId() =>
        Random.Shared.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    static string NewQuoteToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A ULID: 48-bit millisecond time then 80 random bits, in Crockford base 32 (26 characters).</summary>
    public static string NewWebhookEventId(DateTimeOffset at) => ItaBot.Line.WebhookEventIds.New(at);
}

/// <summary>One "@someone" in a text message: characters [Index, Index + Length) of the text.</summary>
public sealed record WebhookMention(int Index, int Length, string? UserId, bool IsSelf)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["index"] = Index, ["length"] = Length, ["type"] = "user" };
        if (UserId is not null) json["userId"] = UserId;
        if (IsSelf) json["isSelf"] = true;
        return json;
    }
}

/// <summary>Reading back what a built event carries.</summary>
public static class WebhookEventExtensions
{
    public static string ReplyToken(this JsonObject webhookEvent) => webhookEvent["replyToken"]!.GetValue<string>();
    public static string WebhookEventId(this JsonObject webhookEvent) => webhookEvent["webhookEventId"]!.GetValue<string>();
    public static string MessageId(this JsonObject webhookEvent) => webhookEvent["message"]!["id"]!.GetValue<string>();
}
