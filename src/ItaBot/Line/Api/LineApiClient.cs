using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItaBot.Line.Api;

/// <summary>
/// LINE Messaging API over HttpClient. Every call names the channel it speaks for (a host may serve several
/// agencies' Official Accounts) and returns a <see cref="LineResult"/>: LINE's errors, timeouts and network
/// failures come back as values; only the caller's cancellation is thrown. The access token is sent as a header
/// and never logged.
/// </summary>
public sealed partial class LineApiClient(HttpClient http, ILogger<LineApiClient> logger, TimeProvider? clock = null)
{
    /// <summary>Timeout for one call; a reply token only lives a minute, so waiting longer is pointless.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Largest answer LINE's JSON calls are read to (their answers are a few hundred bytes).</summary>
    public const long MaxAnswerBytes = 1024 * 1024;

    /// <summary>Largest message content downloaded when the caller names no smaller limit.</summary>
    public const long DefaultMaxContentBytes = 100 * 1024 * 1024;

    public const int MaxMessagesPerCall = 5;
    public const int MaxMulticastRecipients = 500;
    public const string RetryKeyHeader = "X-Line-Retry-Key";
    public const string RequestIdHeader = "x-line-request-id";
    public const string AcceptedRequestIdHeader = "x-line-accepted-request-id";

    /// <summary>
    /// The HTTP handler for LINE: a download stopped at its limit closes the connection at once, rather than the
    /// handler reading on (draining) to reuse it.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new() { MaxResponseDrainSize = 0 };

    // ---- sending -------------------------------------------------------------------------------------------

    /// <summary>Answers an event with its reply token (free, single use, valid about a minute).</summary>
    /// <remarks>
    /// Reply has no retry key: after a <paramref name="timeout"/> the reply may or may not have been delivered. Retry with
    /// the same token while it is valid; LINE answers "Invalid reply token" (<see cref="LineResult.IsInvalidReplyToken"/>)
    /// once a token has been used, which after an unanswered attempt means that attempt got through.
    /// </remarks>
    public Task<LineResult<IReadOnlyList<LineSentMessage>>> ReplyAsync(
        LineChannel channel, string replyToken, IReadOnlyList<JsonObject> messages, CancellationToken ct = default, TimeSpan? timeout = null) =>
        CallAsync(channel, "reply", HttpMethod.Post, ApiUrl(channel, "v2/bot/message/reply"),
            JsonBody(w =>
            {
                w.WriteString("replyToken", replyToken);
                WriteMessages(w, messages);
            }),
            retryKey: null, ReadSentMessages, ct, timeout);

    /// <summary>
    /// Pushes to a user, group or room (counts against the monthly quota once per recipient). Reuse the same
    /// <paramref name="retryKey"/> when retrying: LINE then answers 409 (<see cref="LineResult.IsAlreadyAccepted"/>)
    /// instead of sending twice.
    /// </summary>
    public Task<LineResult<IReadOnlyList<LineSentMessage>>> PushAsync(
        LineChannel channel, string to, IReadOnlyList<JsonObject> messages, Guid retryKey, CancellationToken ct = default, TimeSpan? timeout = null) =>
        CallAsync(channel, "push", HttpMethod.Post, ApiUrl(channel, "v2/bot/message/push"),
            JsonBody(w =>
            {
                w.WriteString("to", to);
                WriteMessages(w, messages);
            }),
            RequireKey(retryKey), ReadSentMessages, ct, timeout);

    /// <summary>Sends the same messages to up to 500 users (not groups or rooms) in one call; same retry-key rules as push.</summary>
    public async Task<LineResult> MulticastAsync(
        LineChannel channel, IReadOnlyList<string> to, IReadOnlyList<JsonObject> messages, Guid retryKey, CancellationToken ct = default, TimeSpan? timeout = null) =>
        await CallAsync(channel, "multicast", HttpMethod.Post, ApiUrl(channel, "v2/bot/message/multicast"),
            JsonBody(w =>
            {
                w.WriteStartArray("to");
                foreach (var id in to) w.WriteStringValue(id);
                w.WriteEndArray();
                WriteMessages(w, messages);
            }),
            RequireKey(retryKey), IgnoreBody, ct, timeout);

    /// <summary>Shows the "…" typing indicator in a one-to-one chat for 5–60 seconds (multiples of 5), or until the next message.</summary>
    public async Task<LineResult> ShowLoadingAnimationAsync(LineChannel channel, string chatId, int seconds, CancellationToken ct = default) =>
        await CallAsync(channel, "loading animation", HttpMethod.Post, ApiUrl(channel, "v2/bot/chat/loading/start"),
            JsonBody(w =>
            {
                w.WriteString("chatId", chatId);
                w.WriteNumber("loadingSeconds", seconds);
            }),
            retryKey: null, IgnoreBody, ct);

    /// <summary>Asks LINE whether these messages would be accepted by push; a 400 carries the details.</summary>
    public Task<LineResult> ValidatePushAsync(LineChannel channel, IReadOnlyList<JsonObject> messages, CancellationToken ct = default) =>
        ValidateAsync(channel, "push", messages, ct);

    /// <summary>Asks LINE whether these messages would be accepted by reply; a 400 carries the details.</summary>
    public Task<LineResult> ValidateReplyAsync(LineChannel channel, IReadOnlyList<JsonObject> messages, CancellationToken ct = default) =>
        ValidateAsync(channel, "reply", messages, ct);

    async Task<LineResult> ValidateAsync(LineChannel channel, string kind, IReadOnlyList<JsonObject> messages, CancellationToken ct) =>
        await CallAsync(channel, "validate " + kind, HttpMethod.Post, ApiUrl(channel, "v2/bot/message/validate/" + kind),
            JsonBody(w => WriteMessages(w, messages)), retryKey: null, IgnoreBody, ct);

    // ---- reading -------------------------------------------------------------------------------------------

    public Task<LineResult<LineProfile>> GetProfileAsync(LineChannel channel, string userId, CancellationToken ct = default) =>
        CallAsync(channel, "profile", HttpMethod.Get, ApiUrl(channel, $"v2/bot/profile/{Segment(userId)}"), null, null,
            json => new LineProfile(Required(json, "userId"), Required(json, "displayName"),
                Optional(json, "pictureUrl"), Optional(json, "statusMessage"), Optional(json, "language")), ct);

    public Task<LineResult<LineGroupSummary>> GetGroupSummaryAsync(LineChannel channel, string groupId, CancellationToken ct = default) =>
        CallAsync(channel, "group summary", HttpMethod.Get, ApiUrl(channel, $"v2/bot/group/{Segment(groupId)}/summary"), null, null,
            json => new LineGroupSummary(Required(json, "groupId"), Required(json, "groupName"), Optional(json, "pictureUrl")), ct);

    /// <summary>Members of a group, not counting the Official Account itself.</summary>
    public Task<LineResult<int>> GetGroupMemberCountAsync(LineChannel channel, string groupId, CancellationToken ct = default) =>
        CallAsync(channel, "group member count", HttpMethod.Get, ApiUrl(channel, $"v2/bot/group/{Segment(groupId)}/members/count"), null, null,
            json => json.GetProperty("count").GetInt32(), ct);

    public Task<LineResult<LineGroupMemberProfile>> GetGroupMemberProfileAsync(
        LineChannel channel, string groupId, string userId, CancellationToken ct = default) =>
        CallAsync(channel, "group member profile", HttpMethod.Get,
            ApiUrl(channel, $"v2/bot/group/{Segment(groupId)}/member/{Segment(userId)}"), null, null,
            json => new LineGroupMemberProfile(Required(json, "userId"), Required(json, "displayName"), Optional(json, "pictureUrl")), ct);

    /// <summary>Downloads what a user sent (file, image, video, audio) from api-data.line.me.</summary>
    public Task<LineResult<LineMessageContent>> GetMessageContentAsync(LineChannel channel, string messageId, CancellationToken ct = default) =>
        GetMessageContentAsync(channel, messageId, DefaultMaxContentBytes, ct);

    /// <summary>
    /// Downloads what a user sent, reading at most <paramref name="maxBytes"/>: the size the webhook event declared
    /// is not trusted, so the body is counted while it arrives and the download stops (<see cref="LineResult.IsTooLarge"/>)
    /// as soon as it passes the limit, or at once when LINE's Content-Length already does.
    /// </summary>
    public async Task<LineResult<LineMessageContent>> GetMessageContentAsync(LineChannel channel, string messageId, long maxBytes, CancellationToken ct = default)
    {
        var url = Url(channel.DataApiBaseUrl, $"v2/bot/message/{Segment(messageId)}/content");
        return await SendAsync(channel, "message content", HttpMethod.Get, url, null, null,
            (bytes, contentType) => new LineMessageContent(bytes, contentType ?? "application/octet-stream"), ct, maxBytes: maxBytes);
    }

    public Task<LineResult<LineQuota>> GetQuotaAsync(LineChannel channel, CancellationToken ct = default) =>
        CallAsync(channel, "quota", HttpMethod.Get, ApiUrl(channel, "v2/bot/message/quota"), null, null,
            json => new LineQuota(Required(json, "type"),
                json.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null), ct);

    public Task<LineResult<LineQuotaConsumption>> GetQuotaConsumptionAsync(LineChannel channel, CancellationToken ct = default) =>
        CallAsync(channel, "quota consumption", HttpMethod.Get, ApiUrl(channel, "v2/bot/message/quota/consumption"), null, null,
            json => new LineQuotaConsumption(json.GetProperty("totalUsage").GetInt64()), ct);

    // ---- the one path every call takes ----------------------------------------------------------------------

    static void CancelQuietly(object? limit)
    {
        try { ((CancellationTokenSource)limit!).Cancel(); }
        catch (ObjectDisposedException) { }
    }

    Task<LineResult<T>> CallAsync<T>(LineChannel channel, string operation, HttpMethod method, Uri url, HttpContent? body,
        Guid? retryKey, Func<JsonElement, T> readJson, CancellationToken ct, TimeSpan? timeout = null) =>
        SendAsync(channel, operation, method, url, body, retryKey, (bytes, _) =>
        {
            using var document = JsonDocument.Parse(bytes.Length == 0 ? "{}"u8.ToArray() : bytes);
            return readJson(document.RootElement);
        }, ct, timeout);

    async Task<LineResult<T>> SendAsync<T>(LineChannel channel, string operation, HttpMethod method, Uri url, HttpContent? body,
        Guid? retryKey, Func<byte[], string?, T> read, CancellationToken callerCt, TimeSpan? timeout = null, long maxBytes = MaxAnswerBytes)
    {
        // A shorter limit than the client's own for this call; running out of it is "no answer", not the caller's cancellation.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(callerCt);
        await using var _ = timeout is { } t && t < http.Timeout ? Limit(limit, t) : null;
        var ct = limit.Token;
        var waited = timeout is { } w && w < http.Timeout ? w : http.Timeout;
        if (!channel.CanSend)
            throw new InvalidOperationException($"{channel} has no channel access token; set Line__ChannelAccessToken (or the channel's own).");

        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.AccessToken);
        if (retryKey is { } key) request.Headers.Add(RetryKeyHeader, key.ToString("D"));

        LineResult<T> result;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var bytes = await ReadBodyAsync(response, maxBytes, ct);
            if (bytes is null)
            {
                // Disposing the response closes the connection: the rest is never read.
                result = new LineResult<T>
                {
                    StatusCode = (int)response.StatusCode, RequestId = Header(response, RequestIdHeader), SentRetryKey = retryKey.HasValue, IsTooLarge = true,
                    Error = new LineError($"LINE's {operation} answer is larger than {maxBytes} bytes; not read"),
                };
                return Logged(result, operation, channel);
            }
            var status = (int)response.StatusCode;
            var requestId = Header(response, RequestIdHeader);
            var acceptedId = Header(response, AcceptedRequestIdHeader);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    var value = read(bytes, response.Content.Headers.ContentType?.MediaType);
                    result = new LineResult<T> { StatusCode = status, Value = value, RequestId = requestId, SentRetryKey = retryKey.HasValue };
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    // LINE did what was asked (a push may already be delivered); we just cannot read its answer.
                    result = new LineResult<T>
                    {
                        StatusCode = status, RequestId = requestId, SentRetryKey = retryKey.HasValue,
                        Error = new LineError($"LINE answered {status} with a body that is not a valid {operation} answer: {e.Message}"),
                    };
                }
            }
            else
            {
                result = new LineResult<T>
                {
                    StatusCode = status, Error = ReadError(bytes, response), RequestId = requestId,
                    AcceptedRequestId = acceptedId, SentRetryKey = retryKey.HasValue,
                };
            }
        }
        catch (Exception e) when (Unanswered<T>(e, callerCt, $"LINE did not answer within {waited.TotalSeconds:0.#} s", retryKey) is { } unanswered)
        {
            result = unanswered;
        }
        return Logged(result, operation, channel);
    }

    /// <summary>
    /// A call's own time limit, on real time; and also on the app's clock when that is not the system's (a test's), which
    /// reply tokens and leases live by: an answer that never comes is then given up on before the token it was sent with
    /// has expired by that clock, so the retry can still settle it.
    /// </summary>
    ITimer? Limit(CancellationTokenSource limit, TimeSpan after)
    {
        limit.CancelAfter(after);
        return clock is null || clock == TimeProvider.System ? null : clock.CreateTimer(CancelQuietly, limit, after, Timeout.InfiniteTimeSpan);
    }

    /// <summary>LINE gave no answer: out of time, unreachable or cut off. Null for anything else (the caller's own cancellation goes on up).</summary>
    static LineResult<T>? Unanswered<T>(Exception e, CancellationToken callerCt, string outOfTime, Guid? retryKey) => e switch
    {
        OperationCanceledException when !callerCt.IsCancellationRequested => NoAnswer<T>(outOfTime, retryKey),
        HttpRequestException => NoAnswer<T>($"Could not reach LINE: {e.Message}", retryKey),
        IOException => NoAnswer<T>($"Connection to LINE broke: {e.Message}", retryKey),
        _ => null,
    };

    LineResult<T> Logged<T>(LineResult<T> result, string operation, LineChannel channel)
    {
        if (result.Ok) LogCall(operation, channel.Name, result.StatusCode, result.RequestId);
        else LogFailure(operation, channel.Name, result.StatusCode, result.Error?.ToString(), result.RequestId);
        return result;
    }

    /// <summary>The body, or null once it passes <paramref name="maxBytes"/> (declared or counted). Bounded in time too.</summary>
    async Task<byte[]?> ReadBodyAsync(HttpResponseMessage response, long maxBytes, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes) return null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(http.Timeout == Timeout.InfiniteTimeSpan ? DefaultTimeout : http.Timeout);
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        using var body = new MemoryStream();
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                if (body.Length + read > maxBytes) return null;
                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return body.ToArray();
    }

    static LineResult<T> NoAnswer<T>(string why, Guid? retryKey) =>
        new() { StatusCode = 0, Error = new LineError(why), SentRetryKey = retryKey.HasValue };

    static LineError ReadError(byte[] bytes, HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                var details = new List<LineErrorDetail>();
                if (root.TryGetProperty("details", out var array) && array.ValueKind == JsonValueKind.Array)
                    foreach (var detail in array.EnumerateArray())
                        details.Add(new LineErrorDetail(Optional(detail, "message"), Optional(detail, "property")));
                var sent = root.TryGetProperty("sentMessages", out var sentArray) && sentArray.ValueKind == JsonValueKind.Array
                    ? ReadSentMessages(root)
                    : null;
                return new LineError(message.GetString()!, details, sent);
            }
        }
        catch (JsonException)
        {
        }
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 200)).Trim();
        return new LineError(text.Length > 0 ? text : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
    }

    static IReadOnlyList<LineSentMessage> ReadSentMessages(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("sentMessages", out var array) || array.ValueKind != JsonValueKind.Array)
            return [];
        return array.EnumerateArray()
            .Select(m => new LineSentMessage(Optional(m, "id") ?? "", Optional(m, "quoteToken")))
            .ToList();
    }

    static object? IgnoreBody(JsonElement _) => null;

    static string Required(JsonElement json, string name) =>
        json.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");

    static string? Optional(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    static Guid RequireKey(Guid retryKey) =>
        retryKey == Guid.Empty ? throw new ArgumentException("A retry key must be a fresh UUID, not Guid.Empty.", nameof(retryKey)) : retryKey;

    static Uri ApiUrl(LineChannel channel, string path) => Url(channel.ApiBaseUrl, path);

    // Appending keeps any path prefix of the base URL (a proxy, or a simulator mounted under a path).
    static Uri Url(Uri baseUrl, string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    static string Segment(string value) => Uri.EscapeDataString(value);

    static ByteArrayContent JsonBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, LineJson.WriterOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    // Written node by node: the caller's JsonObjects may already belong to another tree (a template, a cache),
    // and putting them into a new JsonArray would throw.
    static void WriteMessages(Utf8JsonWriter writer, IReadOnlyList<JsonObject> messages)
    {
        writer.WriteStartArray("messages");
        foreach (var message in messages) message.WriteTo(writer, LineJson.Options);
        writer.WriteEndArray();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "LINE {Operation} on channel {Channel}: {Status} (request {RequestId})")]
    partial void LogCall(string operation, string channel, int status, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LINE {Operation} on channel {Channel} failed: {Status} {Error} (request {RequestId})")]
    partial void LogFailure(string operation, string channel, int status, string? error, string? requestId);
}
