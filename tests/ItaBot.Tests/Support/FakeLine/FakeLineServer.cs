using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>
/// LINE's Messaging API over real HTTP on loopback, for tests. It checks what LINE checks (bearer token, JSON
/// content type, every request body against messaging-api.yml plus LINE's documented limits, retry keys,
/// single-use reply tokens, the monthly quota), answers in LINE's shapes, records everything, and can be told
/// to misbehave (<see cref="FailNext"/>). api.line.me and api-data.line.me are two ports, so a download sent to
/// the wrong host fails here as it would there.
/// </summary>
public sealed partial class FakeLineServer : IAsyncDisposable
{
    public const string DefaultAccessToken = "test-token";
    public const string DefaultChannelSecret = "test-secret";
    public const string MonthlyLimitMessage = LineResult.MonthlyLimitMessage;
    public const string InvalidReplyTokenMessage = "Invalid reply token";
    public const string AuthenticationFailedMessage = "Authentication failed. Confirm that the access token in the authorization header is valid.";
    public const string RateLimitMessage = "The API rate limit has been exceeded. Try again later.";
    public const string RetryKeyAcceptedMessage = "The retry key is already accepted";

    static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    readonly WebApplication _app;
    readonly CancellationTokenSource _stopping = new();
    readonly Lock _gate = new();
    readonly OpenApiValidator _validator = OpenApiValidator.MessagingApi;

    // What happened (cleared by ClearRecorded).
    readonly List<FakeLineRequest> _requests = [];
    readonly List<FakeLineValidationError> _validationErrors = [];
    readonly List<FakeLinePush> _pushes = [];
    readonly List<FakeLineReply> _replies = [];
    readonly List<FakeLineMulticast> _multicasts = [];
    readonly List<string> _loadingAnimations = [];
    TaskCompletionSource _changed = NewSignal();
    long _sequence;

    // LINE's state.
    readonly Dictionary<Guid, (string RequestId, JsonArray? SentMessages)> _acceptedRetryKeys = [];
    readonly Dictionary<string, string> _replyTokenChats = [];
    readonly HashSet<string> _spentReplyTokens = [];
    readonly Dictionary<string, JsonObject> _profiles = [];
    readonly Dictionary<string, FakeGroup> _groups = [];
    readonly Dictionary<string, (byte[] Content, string ContentType)> _contents = [];
    readonly Dictionary<string, (long Length, string ContentType, bool DeclareLength, TimeSpan Pace)> _generatedContents = [];
    readonly Dictionary<string, long> _contentBytesSent = [];
    readonly Dictionary<string, string> _transcoding = [];
    readonly Dictionary<string, int> _contentRequests = [];
    readonly List<(FakeLineFault Fault, string? PathPrefix)> _faults = [];
    readonly List<(FakeLineFault Fault, string? PathPrefix)> _outages = [];
    CancellationTokenSource _hanging = new();
    long _totalUsage;

    FakeLineServer(WebApplication app, string accessToken, string channelSecret)
    {
        _app = app;
        AccessToken = accessToken;
        ChannelSecret = channelSecret;
    }

    /// <summary>Starts a fake on two free loopback ports (api and api-data).</summary>
    public static async Task<FakeLineServer> StartAsync(string accessToken = DefaultAccessToken, string channelSecret = DefaultChannelSecret)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(FakeLineServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var server = new FakeLineServer(app, accessToken, channelSecret);
        app.Run(server.HandleAsync);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).ToList();
        server.BaseUrl = addresses[0];
        server.DataBaseUrl = addresses[1];
        return server;
    }

    /// <summary>Stands for https://api.line.me.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Stands for https://api-data.line.me (message content downloads).</summary>
    public Uri DataBaseUrl { get; private set; } = null!;

    /// <summary>The only channel access token accepted; anything else is answered 401.</summary>
    public string AccessToken { get; }

    /// <summary>The secret webhook bodies from <see cref="CreateSigner"/> are signed with.</summary>
    public string ChannelSecret { get; }

    /// <summary>The bot's own user ID (webhook <c>destination</c>).</summary>
    public string BotUserId { get; } = LineIds.Bot();

    /// <summary>The month's message target (quota <c>limited</c>); pushes beyond it get 429 monthly limit. Null: no target.</summary>
    public long? MonthlyLimit { get; set; } = 300;

    /// <summary>Refuse reply tokens this server did not hand out through <see cref="CreateSigner"/> (LINE refuses unknown tokens).</summary>
    public bool RequireKnownReplyTokens { get; set; }

    /// <summary>A channel pointing at this fake, with its token and secret.</summary>
    public LineChannel Channel(string name = LineOptions.DefaultChannelName) =>
        new(name, ChannelSecret, AccessToken, BaseUrl, DataBaseUrl);

    /// <summary>Configuration that points the app's default channel here (keys as in appsettings, e.g. <c>Line:ApiBaseUrl</c>).</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        [$"{LineOptions.Section}:{nameof(LineOptions.ChannelSecret)}"] = ChannelSecret,
        [$"{LineOptions.Section}:{nameof(LineOptions.ChannelAccessToken)}"] = AccessToken,
        [$"{LineOptions.Section}:{nameof(LineOptions.ApiBaseUrl)}"] = BaseUrl.ToString(),
        [$"{LineOptions.Section}:{nameof(LineOptions.DataApiBaseUrl)}"] = DataBaseUrl.ToString(),
    };

    /// <summary>Builds and signs webhook bodies for this channel; reply tokens it makes are known here with their chat.</summary>
    public WebhookSigner CreateSigner(TimeProvider? time = null) =>
        new(ChannelSecret, BotUserId, time, (token, chatId) => { lock (_gate) _replyTokenChats[token] = chatId; });

    // ---- what the test sets up -------------------------------------------------------------------------------

    public void AddProfile(string userId, string displayName, string? pictureUrl = null, string? statusMessage = null, string? language = "th")
    {
        var profile = new JsonObject { ["displayName"] = displayName, ["userId"] = userId };
        if (pictureUrl is not null) profile["pictureUrl"] = pictureUrl;
        if (statusMessage is not null) profile["statusMessage"] = statusMessage;
        if (language is not null) profile["language"] = language;
        lock (_gate) _profiles[userId] = profile;
    }

    /// <summary>A group (or room) the bot is in; <paramref name="memberCount"/> (not counting the bot) is what each push to it costs.</summary>
    public void AddGroup(string groupId, string groupName, int memberCount = 1, string? pictureUrl = null)
    {
        lock (_gate) _groups[groupId] = new FakeGroup(groupName, pictureUrl) { MemberCount = memberCount };
    }

    /// <summary>Adds a member (creating the group if needed) whose profile the group member API returns.</summary>
    public void AddGroupMember(string groupId, string userId, string displayName, string? pictureUrl = null)
    {
        lock (_gate)
        {
            var group = _groups.TryGetValue(groupId, out var existing) ? existing : _groups[groupId] = new FakeGroup("กลุ่ม", null);
            group.Members[userId] = (displayName, pictureUrl);
            group.MemberCount = Math.Max(group.MemberCount, group.Members.Count);
        }
    }

    public void SetGroupMemberCount(string groupId, int count)
    {
        lock (_gate)
        {
            if (_groups.TryGetValue(groupId, out var group)) group.MemberCount = count;
            else _groups[groupId] = new FakeGroup("กลุ่ม", null) { MemberCount = count };
        }
    }

    /// <summary>What the content API returns for a message a user sent (see <see cref="WebhookSigner.FileMessage"/>).</summary>
    public void AddMessageContent(string messageId, byte[] content, string contentType)
    {
        lock (_gate) _contents[messageId] = (content, contentType);
    }

    /// <summary>
    /// Content of <paramref name="length"/> bytes made while it is sent (64 KB at a time), for downloads larger than a
    /// test would hold. Without <paramref name="declareLength"/> it goes chunked, so only counting while reading
    /// finds out how big it is. <see cref="ContentBytesSent"/> tells how much of it the client took; with a
    /// <paramref name="pace"/> between chunks the network buffers stay nearly empty, so that is close to what it read.
    /// </summary>
    public void AddMessageContent(string messageId, long length, string contentType, bool declareLength = false, TimeSpan pace = default)
    {
        lock (_gate) _generatedContents[messageId] = (length, contentType, declareLength, pace);
    }

    /// <summary>
    /// LINE's preparation of a video: "processing" (the content answers 202 with no body until it changes),
    /// "succeeded" (the default) or "failed" (the content answers 404).
    /// </summary>
    public void SetTranscoding(string messageId, string status)
    {
        lock (_gate) _transcoding[messageId] = status;
    }

    /// <summary>How often the content (not its preparation status) of a message was asked for.</summary>
    public int ContentRequests(string messageId)
    {
        lock (_gate) return _contentRequests.GetValueOrDefault(messageId);
    }

    /// <summary>Bytes of a generated content the server managed to send before the client stopped reading.</summary>
    public long ContentBytesSent(string messageId)
    {
        lock (_gate) return _contentBytesSent.GetValueOrDefault(messageId);
    }

    /// <summary>Makes a reply token unusable, as after its minute has passed: replies get 400 "Invalid reply token".</summary>
    public void ExpireReplyToken(string replyToken)
    {
        lock (_gate) _spentReplyTokens.Add(replyToken);
    }

    /// <summary>Messages already counted this month (to start a test near the quota).</summary>
    public void SetTotalUsage(long totalUsage)
    {
        lock (_gate) _totalUsage = totalUsage;
    }

    /// <summary>The next <paramref name="times"/> requests (only those whose path starts with <paramref name="pathPrefix"/>, if given) meet this fault.</summary>
    public void FailNext(FakeLineFault fault, int times = 1, string? pathPrefix = null)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _faults.Add((fault, pathPrefix));
    }

    public void AnswerTooManyRequests(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.TooManyRequests, times, pathPrefix);
    public void AnswerMonthlyLimit(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.MonthlyLimit, times, pathPrefix);
    public void AnswerServerError(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.ServerError, times, pathPrefix);
    public void AnswerConflict(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.Conflict, times, pathPrefix);
    public void AnswerSlowly(TimeSpan delay, int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.Slow(delay), times, pathPrefix);
    public void AcceptButAnswerServerError(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.AcceptedButServerError, times, pathPrefix);

    public void AnswerBadRequest(int times = 1, string? pathPrefix = null) => FailNext(FakeLineFault.BadRequest, times, pathPrefix);

    /// <summary>
    /// An outage: from now on every request (whose path starts with <paramref name="pathPrefix"/>, if given) meets
    /// <paramref name="fault"/> — 500, 429, a hang, an accept-then-hang — until <see cref="ComeBack"/>. Calling it
    /// again for the same prefix changes how that part is down; the most specific prefix wins.
    /// </summary>
    public void GoDown(FakeLineFault fault, string? pathPrefix = null)
    {
        lock (_gate)
        {
            _outages.RemoveAll(o => o.PathPrefix == pathPrefix);
            _outages.Add((fault, pathPrefix));
            _outages.Sort((a, b) => (b.PathPrefix?.Length ?? 0).CompareTo(a.PathPrefix?.Length ?? 0));
        }
    }

    /// <summary>The outage is over; requests held by a hang are let go (answered 503) and what comes next is handled normally.</summary>
    public void ComeBack()
    {
        CancellationTokenSource released;
        lock (_gate)
        {
            _outages.Clear();
            released = _hanging;
            _hanging = new CancellationTokenSource();
        }
        released.Cancel();
        released.Dispose();
    }

    public bool IsDown { get { lock (_gate) return _outages.Count > 0; } }

    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    /// <summary>Forgets what was received (requests, deliveries, errors); keeps profiles, groups, quota use and tokens.</summary>
    public void ClearRecorded()
    {
        lock (_gate)
        {
            _requests.Clear();
            _validationErrors.Clear();
            _pushes.Clear();
            _replies.Clear();
            _multicasts.Clear();
            _loadingAnimations.Clear();
        }
    }

    // ---- what the test reads back ----------------------------------------------------------------------------

    public IReadOnlyList<FakeLineRequest> Requests { get { lock (_gate) return [.. _requests]; } }

    /// <summary>Bodies refused as LINE would refuse them. Any entry here is a bug in what the app sends.</summary>
    public IReadOnlyList<FakeLineValidationError> ValidationErrors { get { lock (_gate) return [.. _validationErrors]; } }

    /// <summary>Accepted pushes, in order.</summary>
    public IReadOnlyList<FakeLinePush> Pushes { get { lock (_gate) return [.. _pushes]; } }

    /// <summary>Accepted replies, in order.</summary>
    public IReadOnlyList<FakeLineReply> Replies { get { lock (_gate) return [.. _replies]; } }

    public IReadOnlyList<FakeLineMulticast> Multicasts { get { lock (_gate) return [.. _multicasts]; } }

    /// <summary>Chats a loading animation was shown in.</summary>
    public IReadOnlyList<string> LoadingAnimations { get { lock (_gate) return [.. _loadingAnimations]; } }

    /// <summary>Messages counted against the quota this month (a push costs one per recipient; replies are free).</summary>
    public long TotalUsage { get { lock (_gate) return _totalUsage; } }

    /// <summary>Every message that reached a chat, in order: pushes, multicasts and replies to tokens issued for it.</summary>
    public IReadOnlyList<JsonObject> MessagesTo(string chatId)
    {
        lock (_gate)
        {
            return _pushes.Where(p => p.To == chatId).Select(p => (p.Sequence, p.Messages))
                .Concat(_multicasts.Where(m => m.To.Contains(chatId)).Select(m => (m.Sequence, m.Messages)))
                .Concat(_replies.Where(r => r.ChatId == chatId).Select(r => (r.Sequence, r.Messages)))
                .OrderBy(d => d.Sequence)
                .SelectMany(d => d.Messages)
                .ToList();
        }
    }

    /// <summary>What a person would read first in each message to a chat: the text, or a Flex/template message's altText.</summary>
    public IReadOnlyList<string> TextsTo(string chatId) => MessagesTo(chatId).Select(Readable).ToList();

    public static string Readable(JsonObject message) =>
        (message["text"] ?? message["altText"])?.GetValue<string>() ?? $"[{message["type"]}]";

    /// <summary>Waits (bounded) until at least <paramref name="count"/> requests were answered.</summary>
    public Task WaitForRequestsAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(s => s.Requests.Count >= count, timeout, $"{count} request(s)");

    /// <summary>Waits (bounded) until the condition holds; re-checked after every request. Throws TimeoutException listing what arrived.</summary>
    public async Task WaitUntilAsync(Func<FakeLineServer, bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (condition(this)) return;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException(
                    $"Fake LINE: waited {(timeout ?? DefaultWait).TotalSeconds:0.#} s for {what ?? "a condition"}; received: " +
                    (Requests.Count == 0 ? "nothing" : string.Join(", ", Requests)));
            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    // ---- the HTTP side ---------------------------------------------------------------------------------------

    async Task HandleAsync(HttpContext context)
    {
        var http = context.Request;
        string body;
        using (var reader = new StreamReader(http.Body, Encoding.UTF8)) body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = http.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var incoming = new Incoming(http.Method, http.Path.Value ?? "/", http.QueryString.Value ?? "", headers, body,
            OnDataApi: context.Connection.LocalPort == DataBaseUrl.Port);

        Answer answer;
        lock (_gate)
        {
            var sequence = ++_sequence;
            answer = Decide(incoming, sequence);
            _requests.Add(new FakeLineRequest(sequence, incoming.Method, incoming.Path, incoming.Query, headers, body,
                TryParse(body), incoming.OnDataApi, answer.Status, answer.Text));
            _changed.TrySetResult();
            _changed = NewSignal();
        }

        if (answer.Hang)
        {
            // Held until the caller gives up, the outage ends or the fake stops; then the connection is dropped unanswered.
            CancellationToken released;
            lock (_gate) released = _hanging.Token;
            using var held = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted, released);
            try { await Task.Delay(Timeout.Infinite, held.Token); }
            catch (OperationCanceledException) { }
            context.Abort();
            return;
        }
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, _stopping.Token); }
            catch (OperationCanceledException) { return; }
        }

        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers["x-line-request-id"] = answer.RequestId;
        foreach (var (name, value) in answer.Headers) response.Headers[name] = value;
        if (answer.Generated is { } generated)
        {
            await SendGeneratedAsync(context, generated);
            return;
        }
        if (answer.Bytes is { } bytes)
        {
            response.ContentType = answer.ContentType;
            response.ContentLength = bytes.Length;
            try { await response.Body.WriteAsync(bytes, context.RequestAborted); }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        }
    }

    bool Counted(string messageId)
    {
        _contentRequests[messageId] = _contentRequests.GetValueOrDefault(messageId) + 1;
        return true;
    }

    async Task SendGeneratedAsync(HttpContext context, (string MessageId, long Length, string ContentType, bool DeclareLength, TimeSpan Pace) content)
    {
        var response = context.Response;
        response.ContentType = content.ContentType;
        if (content.DeclareLength) response.ContentLength = content.Length;
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        try
        {
            for (long sent = 0; sent < content.Length;)
            {
                var size = (int)Math.Min(chunk.Length, content.Length - sent);
                await response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                sent += size;
                lock (_gate) _contentBytesSent[content.MessageId] = sent;
                if (content.Pace > TimeSpan.Zero) await Task.Delay(content.Pace, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        catch (InvalidOperationException) { }
    }

    // Runs under _gate: decides the answer and changes LINE's state in one step, so concurrent retries are serialised.
    Answer Decide(Incoming r, long sequence)
    {
        var requestId = NewRequestId();

        if (r.Header("Authorization") != "Bearer " + AccessToken)
            return Error(requestId, 401, AuthenticationFailedMessage);

        var operation = OpenApiSpec.MessagingApi.Find(r.Method, r.Path);
        if (operation is null)
            return OpenApiSpec.MessagingApi.HasPath(r.Path) ? Error(requestId, 405, "Method not allowed") : Error(requestId, 404, "Not found");
        if ((operation.Server is not null) != r.OnDataApi)
            return Error(requestId, 404, "Not found");

        JsonNode? json = null;
        if (operation.RequestSchema is not null)
        {
            var contentType = r.Header("Content-Type") ?? "";
            if (!contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                Refuse(r, "Content-Type", $"must be application/json, was '{contentType}'");
                return Error(requestId, 415, "Unsupported Media Type");
            }
            try
            {
                json = JsonNode.Parse(r.Body);
            }
            catch (JsonException e)
            {
                Refuse(r, "", "The request body is not valid JSON: " + e.Message);
                return Error(requestId, 400, "The request body could not be parsed as JSON");
            }
            var errors = _validator.Validate(json, operation.RequestSchema);
            if (errors.Count > 0)
            {
                foreach (var error in errors) Refuse(r, error.Property, error.Message);
                return Error(requestId, 400, $"The request body has {errors.Count} error(s)", errors);
            }
        }

        Guid? retryKey = null;
        if (r.Header(LineApiClient.RetryKeyHeader) is { } keyText)
        {
            if (operation.OperationId is not ("pushMessage" or "multicast" or "narrowcast" or "broadcast"))
            {
                Refuse(r, LineApiClient.RetryKeyHeader, "Only push, multicast, narrowcast and broadcast take a retry key");
                return Error(requestId, 400, "The retry key is not supported by this API");
            }
            if (!Guid.TryParseExact(keyText, "D", out var key))
            {
                Refuse(r, LineApiClient.RetryKeyHeader, $"must be a UUID, was '{keyText}'");
                return Error(requestId, 400, "The value of the X-Line-Retry-Key header is invalid");
            }
            retryKey = key;
        }

        var fault = TakeFault(r.Path);
        switch (fault?.Kind)
        {
            case FakeLineFaultKind.Hang: return Error(requestId, 0, "") with { Hang = true };
            case FakeLineFaultKind.BadRequest:
                return Error(requestId, 400, "The request body has 1 error(s)", [new SchemaError("messages[0]", "refused by the fake for this test")]);
            case FakeLineFaultKind.TooManyRequests: return Error(requestId, 429, RateLimitMessage);
            case FakeLineFaultKind.MonthlyLimit: return Error(requestId, 429, MonthlyLimitMessage);
            case FakeLineFaultKind.ServerError: return Error(requestId, 500, "Internal server error");
            case FakeLineFaultKind.Conflict:
                return Error(requestId, 409, RetryKeyAcceptedMessage) with
                {
                    Headers = [(LineApiClient.AcceptedRequestIdHeader, NewRequestId())],
                };
        }

        var answer = operation.OperationId switch
        {
            "replyMessage" => Reply(json!.AsObject(), requestId, sequence),
            "pushMessage" => Push(json!.AsObject(), retryKey, requestId, sequence),
            "multicast" => Multicast(json!.AsObject(), retryKey, requestId, sequence),
            "validateReply" or "validatePush" or "validateMulticast" or "validateNarrowcast" or "validateBroadcast" =>
                Json(requestId, 200, new JsonObject()),
            "getProfile" => Found(requestId, _profiles.GetValueOrDefault(operation.Parameter(r.Path, "userId")!)),
            "getGroupSummary" => GroupSummary(operation.Parameter(r.Path, "groupId")!, requestId),
            "getGroupMemberCount" => _groups.TryGetValue(operation.Parameter(r.Path, "groupId")!, out var counted)
                ? Json(requestId, 200, new JsonObject { ["count"] = counted.MemberCount })
                : Error(requestId, 404, "Not found"),
            "getGroupMemberProfile" => GroupMember(operation.Parameter(r.Path, "groupId")!, operation.Parameter(r.Path, "userId")!, requestId),
            "getMessageContentTranscodingByMessageId" => Json(requestId, 200, new JsonObject { ["status"] = _transcoding.GetValueOrDefault(operation.Parameter(r.Path, "messageId")!, "succeeded") }),
            "getMessageContent" when Counted(operation.Parameter(r.Path, "messageId")!) && _transcoding.GetValueOrDefault(operation.Parameter(r.Path, "messageId")!) == "processing" =>
                new Answer(requestId, 202, null, null),
            "getMessageContent" when _transcoding.GetValueOrDefault(operation.Parameter(r.Path, "messageId")!) == "failed" => Error(requestId, 404, "Not found"),
            "getMessageContent" => _contents.TryGetValue(operation.Parameter(r.Path, "messageId")!, out var content)
                ? new Answer(requestId, 200, content.Content, content.ContentType)
                : _generatedContents.TryGetValue(operation.Parameter(r.Path, "messageId")!, out var generated)
                    ? new Answer(requestId, 200, null, generated.ContentType)
                    {
                        Generated = (operation.Parameter(r.Path, "messageId")!, generated.Length, generated.ContentType, generated.DeclareLength, generated.Pace),
                    }
                    : Error(requestId, 404, "Not found"),
            "getMessageQuota" => Json(requestId, 200, MonthlyLimit is { } limit
                ? new JsonObject { ["type"] = "limited", ["value"] = limit }
                : new JsonObject { ["type"] = "none" }),
            "getMessageQuotaConsumption" => Json(requestId, 200, new JsonObject { ["totalUsage"] = _totalUsage }),
            "showLoadingAnimation" => LoadingAnimation(json!.AsObject(), requestId),
            _ => Error(requestId, 501, $"The fake LINE server does not implement {operation}"),
        };

        return fault?.Kind switch
        {
            FakeLineFaultKind.Slow => answer with { Delay = fault.Delay },
            FakeLineFaultKind.AcceptThenHang => answer with { Hang = true },
            FakeLineFaultKind.AcceptedButServerError => Error(requestId, 500, "Internal server error"),
            _ => answer,
        };
    }

    Answer Reply(JsonObject body, string requestId, long sequence)
    {
        var token = body["replyToken"]!.GetValue<string>();
        var known = _replyTokenChats.TryGetValue(token, out var chatId);
        if (_spentReplyTokens.Contains(token) || (RequireKnownReplyTokens && !known))
            return Error(requestId, 400, InvalidReplyTokenMessage);
        _spentReplyTokens.Add(token);
        var messages = Messages(body);
        var sent = SentMessages(messages.Count);
        _replies.Add(new FakeLineReply(sequence, token, chatId, messages, requestId) { SentMessageIds = Ids(sent) });
        return Json(requestId, 200, new JsonObject { ["sentMessages"] = sent });
    }

    Answer Push(JsonObject body, Guid? retryKey, string requestId, long sequence)
    {
        if (AlreadyAccepted(retryKey, requestId) is { } conflict) return conflict;
        var to = body["to"]!.GetValue<string>();
        if (OverMonthlyLimit(Cost(to), requestId) is { } limited) return limited;
        var messages = Messages(body);
        var sent = SentMessages(messages.Count);
        _pushes.Add(new FakeLinePush(sequence, to, messages, retryKey, requestId) { SentMessageIds = Ids(sent) });
        if (retryKey is { } key) _acceptedRetryKeys[key] = (requestId, sent);
        return Json(requestId, 200, new JsonObject { ["sentMessages"] = sent.DeepClone() });
    }

    Answer Multicast(JsonObject body, Guid? retryKey, string requestId, long sequence)
    {
        if (AlreadyAccepted(retryKey, requestId) is { } conflict) return conflict;
        var to = body["to"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
        if (OverMonthlyLimit(to.Count, requestId) is { } limited) return limited;
        _multicasts.Add(new FakeLineMulticast(sequence, to, Messages(body), retryKey, requestId));
        if (retryKey is { } key) _acceptedRetryKeys[key] = (requestId, null);
        return Json(requestId, 200, new JsonObject());
    }

    Answer? AlreadyAccepted(Guid? retryKey, string requestId)
    {
        if (retryKey is not { } key || !_acceptedRetryKeys.TryGetValue(key, out var accepted)) return null;
        var body = new JsonObject { ["message"] = RetryKeyAcceptedMessage };
        if (accepted.SentMessages is { } sent) body["sentMessages"] = sent.DeepClone();
        return Json(requestId, 409, body) with { Headers = [(LineApiClient.AcceptedRequestIdHeader, accepted.RequestId)] };
    }

    Answer? OverMonthlyLimit(long cost, string requestId)
    {
        if (MonthlyLimit is { } limit && _totalUsage + cost > limit) return Error(requestId, 429, MonthlyLimitMessage);
        _totalUsage += cost;
        return null;
    }

    // LINE counts a push once per person who receives it; the bot itself is not counted.
    long Cost(string to) => to[0] == 'U' ? 1 : _groups.TryGetValue(to, out var group) ? group.MemberCount : 1;

    Answer GroupSummary(string groupId, string requestId)
    {
        if (!_groups.TryGetValue(groupId, out var group)) return Error(requestId, 404, "Not found");
        var json = new JsonObject { ["groupId"] = groupId, ["groupName"] = group.Name };
        if (group.PictureUrl is not null) json["pictureUrl"] = group.PictureUrl;
        return Json(requestId, 200, json);
    }

    Answer GroupMember(string groupId, string userId, string requestId)
    {
        if (!_groups.TryGetValue(groupId, out var group) || !group.Members.TryGetValue(userId, out var member))
            return Error(requestId, 404, "Not found");
        var json = new JsonObject { ["displayName"] = member.DisplayName, ["userId"] = userId };
        if (member.PictureUrl is not null) json["pictureUrl"] = member.PictureUrl;
        return Json(requestId, 200, json);
    }

    Answer LoadingAnimation(JsonObject body, string requestId)
    {
        _loadingAnimations.Add(body["chatId"]!.GetValue<string>());
        return Json(requestId, 202, new JsonObject());
    }

    FakeLineFault? TakeFault(string path)
    {
        foreach (var outage in _outages)
            if (outage.PathPrefix is null || path.StartsWith(outage.PathPrefix, StringComparison.Ordinal)) return outage.Fault;
        var index = _faults.FindIndex(f => f.PathPrefix is null || path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
        if (index < 0) return null;
        var fault = _faults[index].Fault;
        _faults.RemoveAt(index);
        return fault;
    }

    void Refuse(Incoming r, string property, string message) =>
        _validationErrors.Add(new FakeLineValidationError(r.Method, r.Path, property, message));

    static List<JsonObject> Messages(JsonObject body) =>
        body["messages"]!.AsArray().Select(m => m!.DeepClone().AsObject()).ToList();

    static JsonArray SentMessages(int count) =>
        new(Enumerable.Range(0, count).Select(_ => (JsonNode?)new JsonObject
        {
            ["id"] = Random.Shared.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(CultureInfo.InvariantCulture),
            ["quoteToken"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        }).ToArray());

    static List<string> Ids(JsonArray sent) => sent.Select(m => m!["id"]!.GetValue<string>()).ToList();

    /// <summary>The id LINE gave the last message the bot sent to a chat (by reply or push), to quote it.</summary>
    public string? LastSentMessageId(string chatId)
    {
        lock (_gate)
        {
            return _pushes.Where(p => p.To == chatId).Select(p => (p.Sequence, p.SentMessageIds))
                .Concat(_replies.Where(r => r.ChatId == chatId).Select(r => (r.Sequence, r.SentMessageIds)))
                .OrderBy(d => d.Sequence).SelectMany(d => d.SentMessageIds).LastOrDefault();
        }
    }

    static Answer Found(string requestId, JsonObject? json) =>
        json is null ? Error(requestId, 404, "Not found") : Json(requestId, 200, json.DeepClone().AsObject());

    static Answer Error(string requestId, int status, string message, IReadOnlyList<SchemaError>? details = null)
    {
        var json = new JsonObject { ["message"] = message };
        if (details is { Count: > 0 })
            json["details"] = new JsonArray(details.Select(d => (JsonNode?)new JsonObject { ["message"] = d.Message, ["property"] = d.Property }).ToArray());
        return Json(requestId, status, json);
    }

    static Answer Json(string requestId, int status, JsonObject json) =>
        new(requestId, status, Encoding.UTF8.GetBytes(json.ToJsonString(LineJson.Options)), "application/json; charset=utf-8");

    static JsonNode? TryParse(string body)
    {
        if (body.Length == 0) return null;
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }

    static string NewRequestId() => Guid.NewGuid().ToString("D");

    static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _hanging.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    sealed record Incoming(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body, bool OnDataApi)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    sealed record Answer(string RequestId, int Status, byte[]? Bytes, string? ContentType)
    {
        public TimeSpan Delay { get; init; }
        public bool Hang { get; init; }
        public (string MessageId, long Length, string ContentType, bool DeclareLength, TimeSpan Pace)? Generated { get; init; }
        public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];
        public string? Text => Bytes is null || ContentType?.StartsWith("application/json", StringComparison.Ordinal) != true
            ? null
            : Encoding.UTF8.GetString(Bytes);
    }

    sealed class FakeGroup(string name, string? pictureUrl)
    {
        public string Name { get; } = name;
        public string? PictureUrl { get; } = pictureUrl;
        public int MemberCount { get; set; } = 1;
        public Dictionary<string, (string DisplayName, string? PictureUrl)> Members { get; } = [];
    }
}
