using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using Microsoft.Extensions.Options;

namespace ItaBot.Simulator;

/// <summary>
/// The Messaging API as LINE answers it, for the app's own <see cref="LineApiClient"/>: bearer token checked,
/// JSON bodies only, messages refused by LINE's limits (<see cref="LineMessageLimits"/>) with LINE's error
/// shape, single-use reply tokens, retry keys (a repeat of an accepted push is 409), the monthly quota billed
/// per recipient. api.line.me and api-data.line.me are two base paths: content downloads only work on the data one.
/// </summary>
public static class SimulatorMessagingApi
{
    /// <summary>LINE refuses request bodies far smaller than this; anything bigger is not read.</summary>
    const int MaxBodyBytes = 2 * 1024 * 1024;

    public static void MapSimulatorMessagingApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(SimulatorChannel.ApiPath + "/{**path}", ["GET", "POST", "DELETE", "PUT"], (string path, HttpContext http, SimulatorPlatform line, IOptions<SimulatorOptions> options) =>
            HandleAsync(path, dataApi: false, http, line, options.Value));
        app.MapMethods(SimulatorChannel.DataApiPath + "/{**path}", ["GET", "POST"], (string path, HttpContext http, SimulatorPlatform line, IOptions<SimulatorOptions> options) =>
            HandleAsync(path, dataApi: true, http, line, options.Value));
    }

    static async Task<IResult> HandleAsync(string path, bool dataApi, HttpContext http, SimulatorPlatform line, SimulatorOptions options)
    {
        http.Response.Headers["x-line-request-id"] = Guid.NewGuid().ToString("D");
        var ct = http.RequestAborted;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!FixedEquals(authorization, "Bearer " + line.Channel.AccessToken))
            return Error(401, "Authentication failed. Confirm that the access token in the authorization header is valid.");

        var method = http.Request.Method;
        var segments = path.Split('/');
        if (dataApi)
            return method == "GET" && segments is ["v2", "bot", "message", var id, "content"] ? ContentOf(line, id) : Error(404, "Not found");

        JsonObject? body = null;
        if (method == "POST")
        {
            if (http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
                return Error(415, "Unsupported Media Type");
            if (http.Request.ContentLength > MaxBodyBytes) return Error(413, "Request Entity Too Large");
            var bytes = await ReadAtMostAsync(http.Request.Body, MaxBodyBytes, ct);
            if (bytes is null) return Error(413, "Request Entity Too Large");
            try
            {
                body = JsonNode.Parse(bytes) as JsonObject;
            }
            catch (JsonException)
            {
                return Error(400, "The request body could not be parsed as JSON");
            }
            if (body is null) return Error(400, "The request body must be a JSON object");
        }

        return (method, segments) switch
        {
            ("POST", ["v2", "bot", "message", "reply"]) => await ReplyAsync(line, body!, ct),
            ("POST", ["v2", "bot", "message", "push"]) => await PushAsync(http, line, options, body!, ct),
            ("POST", ["v2", "bot", "message", "multicast"]) => await MulticastAsync(http, line, options, body!, ct),
            ("POST", ["v2", "bot", "message", "validate", "reply" or "push" or "multicast" or "broadcast" or "narrowcast"]) =>
                Refusal(LineMessageLimits.Check(body!["messages"])) ?? Json(200, new JsonObject()),
            ("POST", ["v2", "bot", "chat", "loading", "start"]) => Loading(line, body!),
            ("GET", ["v2", "bot", "profile", var userId]) => line.World.Person(userId) is { } person
                ? Json(200, new JsonObject { ["userId"] = person.UserId, ["displayName"] = person.Name, ["language"] = "th", ["statusMessage"] = person.Role })
                : Error(404, "Not found"),
            ("GET", ["v2", "bot", "group", var groupId, "summary"]) => line.World.Chat(groupId) is { IsGroup: true } group
                ? Json(200, new JsonObject { ["groupId"] = group.ChatId, ["groupName"] = group.Name })
                : Error(404, "Not found"),
            ("GET", ["v2", "bot", "group", var groupId, "members", "count"]) => line.World.Chat(groupId) is { IsGroup: true } counted
                ? Json(200, new JsonObject { ["count"] = counted.Members.Count })
                : Error(404, "Not found"),
            ("GET", ["v2", "bot", "group", var groupId, "member", var userId]) =>
                line.World.Chat(groupId) is { IsGroup: true } g && g.Members.FirstOrDefault(m => m.UserId == userId) is { } member
                    ? Json(200, new JsonObject { ["userId"] = member.UserId, ["displayName"] = member.Name })
                    : Error(404, "Not found"),
            ("GET", ["v2", "bot", "message", "quota"]) => Json(200, new JsonObject { ["type"] = "limited", ["value"] = options.MonthlyQuota }),
            ("GET", ["v2", "bot", "message", "quota", "consumption"]) => Json(200, new JsonObject { ["totalUsage"] = await line.UsageThisMonthAsync(ct) }),
            ("GET", ["v2", "bot", "info"]) => Json(200, new JsonObject
            {
                ["userId"] = line.Channel.BotUserId, ["basicId"] = "@itabot-sim", ["displayName"] = SimulatorChannel.BotName, ["chatMode"] = "bot", ["markAsReadMode"] = "auto",
            }),
            ("GET", ["v2", "bot", "message", _, "content"]) => Error(404, "Not found"), // content lives on api-data only
            _ => Error(404, "Not found"),
        };
    }

    static async Task<IResult> ReplyAsync(SimulatorPlatform line, JsonObject body, CancellationToken ct)
    {
        if (Str(body, "replyToken") is not { Length: > 0 } token) return Error(400, "The request body has 1 error(s)", [new("replyToken", "must be specified")]);
        if (Refusal(LineMessageLimits.Check(body["messages"])) is { } refused) return refused;
        var (chatId, problem) = line.UseReplyToken(token);
        if (chatId is null) return Error(400, problem!);
        var messages = Messages(body);
        await line.RecordBotAsync(chatId, messages, "reply", 0, null, ct);
        return Json(200, new JsonObject { ["sentMessages"] = Sent(messages.Count) });
    }

    static async Task<IResult> PushAsync(HttpContext http, SimulatorPlatform line, SimulatorOptions options, JsonObject body, CancellationToken ct)
    {
        var to = Str(body, "to");
        if (to is null || line.World.Chat(to) is null)
            return Error(400, "The request body has 1 error(s)", [new("to", "The property, 'to', in the request body is invalid (line-id)")]);
        if (Refusal(LineMessageLimits.Check(body["messages"])) is { } refused) return refused;
        return await SendAsync(http, line, options, [to], body, "push", ct);
    }

    static async Task<IResult> MulticastAsync(HttpContext http, SimulatorPlatform line, SimulatorOptions options, JsonObject body, CancellationToken ct)
    {
        if (body["to"] is not JsonArray { Count: > 0 and <= LineApiClient.MaxMulticastRecipients } recipients)
            return Error(400, "The request body has 1 error(s)", [new("to", $"Size must be between 1 and {LineApiClient.MaxMulticastRecipients}")]);
        var ids = recipients.Select(r => r is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "").ToList();
        if (ids.FirstOrDefault(id => !line.World.IsUser(id)) is { } bad)
            return Error(400, "The request body has 1 error(s)", [new($"to[{ids.IndexOf(bad)}]", "Invalid recipient: multicast only reaches user IDs")]);
        if (Refusal(LineMessageLimits.Check(body["messages"])) is { } refused) return refused;
        return await SendAsync(http, line, options, ids, body, "multicast", ct);
    }

    static async Task<IResult> SendAsync(HttpContext http, SimulatorPlatform line, SimulatorOptions options, IReadOnlyList<string> to, JsonObject body, string via, CancellationToken ct)
    {
        Guid? retryKey = null;
        if (http.Request.Headers[LineApiClient.RetryKeyHeader].ToString() is { Length: > 0 } keyText)
        {
            if (!Guid.TryParseExact(keyText, "D", out var key)) return Error(400, "The value of the X-Line-Retry-Key header is invalid");
            if (await line.RetryKeyAcceptedAsync(key, ct))
            {
                http.Response.Headers[LineApiClient.AcceptedRequestIdHeader] = Guid.NewGuid().ToString("D");
                return Error(409, "The retry key is already accepted");
            }
            retryKey = key;
        }
        var cost = to.Sum(line.World.Recipients);
        if (await line.UsageThisMonthAsync(ct) + cost > options.MonthlyQuota) return Error(429, LineResult.MonthlyLimitMessage);
        var messages = Messages(body);
        foreach (var chatId in to) await line.RecordBotAsync(chatId, messages, via, line.World.Recipients(chatId), chatId == to[0] ? retryKey : null, ct);
        return Json(200, via == "push" ? new JsonObject { ["sentMessages"] = Sent(messages.Count) } : new JsonObject());
    }

    static IResult Loading(SimulatorPlatform line, JsonObject body)
    {
        if (Str(body, "chatId") is not { } chatId || !line.World.IsUser(chatId))
            return Error(400, "The request body has 1 error(s)", [new("chatId", "The loading animation is only shown in one-to-one chats")]);
        if (body["loadingSeconds"] is JsonValue seconds && seconds.TryGetValue<int>(out var s) && (s % 5 != 0 || s is < 5 or > 60))
            return Error(400, "The request body has 1 error(s)", [new("loadingSeconds", "Must be a multiple of 5 between 5 and 60")]);
        return Json(202, new JsonObject());
    }

    static async Task<byte[]?> ReadAtMostAsync(Stream stream, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static IResult ContentOf(SimulatorPlatform line, string messageId) =>
        line.FindContent(messageId) is { } content ? Results.Bytes(content.Bytes, content.ContentType) : Error(404, "Not found");

    static IResult? Refusal(IReadOnlyList<LineLimitViolation> errors) =>
        errors.Count == 0 ? null : Error(400, $"The request body has {errors.Count} error(s)", errors);

    static List<JsonObject> Messages(JsonObject body) => body["messages"]!.AsArray().Select(m => m!.DeepClone().AsObject()).ToList();

    static JsonArray Sent(int count) => new(Enumerable.Range(0, count).Select(_ => (JsonNode?)new JsonObject
    {
        ["id"] = SimulatorIds.Message(),
        ["quoteToken"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
    }).ToArray());

    static IResult Error(int status, string message, IReadOnlyList<LineLimitViolation>? details = null)
    {
        var json = new JsonObject { ["message"] = message };
        if (details is { Count: > 0 })
            json["details"] = new JsonArray(details.Select(d => (JsonNode?)new JsonObject { ["message"] = d.Message, ["property"] = d.Property }).ToArray());
        return Json(status, json);
    }

    static IResult Json(int status, JsonObject json) =>
        Results.Text(json.ToJsonString(LineJson.Options), "application/json; charset=utf-8", Encoding.UTF8, status);

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
