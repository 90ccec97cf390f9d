using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Line.Api;

public sealed class LineApiClientTests : IAsyncLifetime
{
    static readonly string Somchai = LineIds.User("somchai");
    static readonly string Finance = LineIds.Group("กองคลัง");

    FakeLineServer _line = null!;
    LineApiClient _client = null!;
    LineChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _line = await FakeLineServer.StartAsync();
        _client = Client();
        _channel = _line.Channel();
    }

    public async Task DisposeAsync() => await _line.DisposeAsync();

    static LineApiClient Client(TimeSpan? timeout = null) =>
        new(new HttpClient(new ReadCounter(LineApiClient.CreateHandler())) { Timeout = timeout ?? LineApiClient.DefaultTimeout }, NullLogger<LineApiClient>.Instance);

    /// <summary>Counts the response bytes the client actually reads (the server's count includes what the network buffered).</summary>
    sealed class ReadCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public static long LastRead;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var response = await base.SendAsync(request, ct);
            var counted = new StreamContent(new CountingStream(await response.Content.ReadAsStreamAsync(ct)));
            foreach (var header in response.Content.Headers) counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            response.Content = counted;
            return response;
        }

        sealed class CountingStream(Stream inner) : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => Count(await inner.ReadAsync(buffer, ct));
            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Count(await inner.ReadAsync(buffer.AsMemory(offset, count), ct));
            int Count(int n) { Interlocked.Add(ref LastRead, n); return n; }
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
            protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
        }
    }

    // ---- sending ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task PushDeliversTheMessagesToTheChatAndReturnsTheirIds()
    {
        var result = await _client.PushAsync(_channel, Finance,
            [LineMessages.Text("เตือน: ยังไม่ได้รายงานผล ๒ มาตรการ"), LineMessages.Flex("สถานะมาตรการ", LineSamples.StatusBubble())],
            Guid.NewGuid(), CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(2, result.Value!.Count);
        Assert.All(result.Value, m => Assert.False(string.IsNullOrEmpty(m.Id)));
        Assert.NotNull(result.RequestId);
        Assert.Equal(["เตือน: ยังไม่ได้รายงานผล ๒ มาตรการ", "สถานะมาตรการ"], _line.TextsTo(Finance));
        Assert.Empty(_line.ValidationErrors);
    }

    [Fact]
    public async Task PushSendsTheBearerTokenTheRetryKeyAndJson()
    {
        var key = Guid.NewGuid();
        await _client.PushAsync(_channel, Somchai, [LineMessages.Text("สวัสดีครับ")], key, CancellationToken.None);

        var request = Assert.Single(_line.Requests);
        Assert.Equal("Bearer " + FakeLineServer.DefaultAccessToken, request.Header("Authorization"));
        Assert.Equal(key.ToString(), request.Header("X-Line-Retry-Key"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Contains("สวัสดีครับ", request.Body); // Thai goes out as UTF-8, not \u escapes
    }

    [Fact]
    public async Task ReplyUsesTheTokenFromTheEventAndLandsInThatChat()
    {
        var ev = _line.CreateSigner().TextMessage(WebhookSource.Group(Finance, Somchai), "สถานะ");

        var result = await _client.ReplyAsync(_channel, ev.ReplyToken(), [LineMessages.Text("รับทราบครับ")], CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(Finance, Assert.Single(_line.Replies).ChatId);
        Assert.Equal(["รับทราบครับ"], _line.TextsTo(Finance));
    }

    [Fact]
    public async Task ASecondReplyWithTheSameTokenIsRefusedAsLineDoes()
    {
        var token = _line.CreateSigner().Follow(Somchai).ReplyToken();
        await _client.ReplyAsync(_channel, token, [LineMessages.Text("ยินดีต้อนรับ")], CancellationToken.None);

        var again = await _client.ReplyAsync(_channel, token, [LineMessages.Text("ยินดีต้อนรับอีกครั้ง")], CancellationToken.None);

        Assert.Equal(400, again.StatusCode);
        Assert.Equal(FakeLineServer.InvalidReplyTokenMessage, again.Error!.Message);
        Assert.False(again.IsRetryable);
        Assert.Single(_line.Replies);
    }

    [Fact]
    public async Task AnExpiredReplyTokenIsRefused()
    {
        var token = _line.CreateSigner().TextMessage(WebhookSource.User(Somchai), "ช่วยด้วย").ReplyToken();
        _line.ExpireReplyToken(token);

        var result = await _client.ReplyAsync(_channel, token, [LineMessages.Text("ช้าไป")], CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(FakeLineServer.InvalidReplyTokenMessage, result.Error!.Message);
    }

    [Fact]
    public async Task MulticastReachesEveryUser()
    {
        var heads = new[] { LineIds.User("head-finance"), LineIds.User("head-works"), LineIds.User("head-education") };

        var result = await _client.MulticastAsync(_channel, heads, [LineMessages.Text("ขอเชิญรายงานผลรอบ ๖ เดือน")], Guid.NewGuid(), CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.All(heads, head => Assert.Equal(["ขอเชิญรายงานผลรอบ ๖ เดือน"], _line.TextsTo(head)));
    }

    [Fact]
    public async Task MulticastToAGroupIsRefusedWithTheOffendingRecipient()
    {
        var result = await _client.MulticastAsync(_channel, [Somchai, Finance], [LineMessages.Text("ทดสอบ")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("to[1]", Assert.Single(result.Error!.Details).Property);
    }

    [Fact]
    public async Task LoadingAnimationIsShownInAOneToOneChat()
    {
        var result = await _client.ShowLoadingAnimationAsync(_channel, Somchai, 10, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(202, result.StatusCode);
        Assert.Equal([Somchai], _line.LoadingAnimations);
    }

    [Fact]
    public async Task LoadingAnimationInAGroupIsRefused()
    {
        var result = await _client.ShowLoadingAnimationAsync(_channel, Finance, 10, CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal("chatId", Assert.Single(result.Error!.Details).Property);
    }

    [Fact]
    public async Task ValidateAcceptsGoodMessagesAndExplainsBadOnes()
    {
        var good = await _client.ValidatePushAsync(_channel, [LineMessages.Flex("สถานะ", LineSamples.Carousel(3))], CancellationToken.None);
        var bad = await _client.ValidateReplyAsync(_channel,
            [LineMessages.Text("ok"), new JsonObject { ["type"] = "flex", ["altText"] = new string('ก', 1501), ["contents"] = LineSamples.StatusBubble() }], CancellationToken.None);

        Assert.True(good.Ok, good.ToString());
        Assert.Equal(400, bad.StatusCode);
        var detail = Assert.Single(bad.Error!.Details);
        Assert.Equal("messages[1].altText", detail.Property);
        Assert.Equal(["/v2/bot/message/validate/push", "/v2/bot/message/validate/reply"], _line.Requests.Select(r => r.Path));
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task ProfileOfAFriendIsRead()
    {
        _line.AddProfile(Somchai, "สมชาย ใจดี", "https://profile.line-scdn.net/somchai", "ผอ.กองคลัง");

        var result = await _client.GetProfileAsync(_channel, Somchai, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(new LineProfile(Somchai, "สมชาย ใจดี", "https://profile.line-scdn.net/somchai", "ผอ.กองคลัง", "th"), result.Value);
    }

    [Fact]
    public async Task ProfileOfAStrangerIsNotFound()
    {
        var result = await _client.GetProfileAsync(_channel, LineIds.User("stranger"), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(404, result.StatusCode);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task GroupSummaryCountAndMemberProfileAreRead()
    {
        _line.AddGroup(Finance, "กองคลัง เทศบาลเมืองจันท์", memberCount: 7);
        _line.AddGroupMember(Finance, Somchai, "สมชาย ใจดี");

        var summary = await _client.GetGroupSummaryAsync(_channel, Finance, CancellationToken.None);
        var count = await _client.GetGroupMemberCountAsync(_channel, Finance, CancellationToken.None);
        var member = await _client.GetGroupMemberProfileAsync(_channel, Finance, Somchai, CancellationToken.None);

        Assert.Equal(new LineGroupSummary(Finance, "กองคลัง เทศบาลเมืองจันท์", null), summary.Value);
        Assert.Equal(7, count.Value);
        Assert.Equal(new LineGroupMemberProfile(Somchai, "สมชาย ใจดี", null), member.Value);
    }

    [Fact]
    public async Task MessageContentIsDownloadedFromTheDataHost()
    {
        var pdf = "%PDF-1.7 รายงานผล"u8.ToArray();
        var ev = _line.CreateSigner().FileMessage(WebhookSource.Group(Finance, Somchai), "รายงานผล.pdf", pdf.Length);
        _line.AddMessageContent(ev.MessageId(), pdf, "application/pdf");

        var result = await _client.GetMessageContentAsync(_channel, ev.MessageId(), CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(pdf, result.Value!.Content);
        Assert.Equal("application/pdf", result.Value.ContentType);
        Assert.True(Assert.Single(_line.Requests).OnDataApi);
    }

    const long FiftyMegabytes = 50L * 1024 * 1024, Limit = 20L * 1024 * 1024;

    [Fact]
    public async Task ContentLargerThanTheLimitIsStoppedWhileItArrivesNotReadToTheEnd()
    {
        // Chunked: nothing says how big it is until it has been read.
        _line.AddMessageContent("100002", FiftyMegabytes, "application/octet-stream", declareLength: false, pace: TimeSpan.FromMilliseconds(1));
        Interlocked.Exchange(ref ReadCounter.LastRead, 0);

        var result = await _client.GetMessageContentAsync(_channel, "100002", Limit, CancellationToken.None);

        Assert.True(result.IsTooLarge);
        Assert.False(result.Ok);
        Assert.Null(result.Value);
        // Read up to the limit and one buffer more, no further; the connection is closed, so the server stops too.
        Assert.InRange(Interlocked.Read(ref ReadCounter.LastRead), Limit, Limit + 64 * 1024);
        await WaitForSenderAsync("100002");
        Assert.True(_line.ContentBytesSent("100002") < FiftyMegabytes, $"the server sent {_line.ContentBytesSent("100002")} bytes");
    }

    [Fact]
    public async Task ContentDeclaredLargerThanTheLimitIsRefusedBeforeReadingAnyOfIt()
    {
        _line.AddMessageContent("100003", FiftyMegabytes, "application/octet-stream", declareLength: true);

        Interlocked.Exchange(ref ReadCounter.LastRead, 0);

        var result = await _client.GetMessageContentAsync(_channel, "100003", Limit, CancellationToken.None);

        Assert.True(result.IsTooLarge);
        Assert.Equal(0, Interlocked.Read(ref ReadCounter.LastRead));
    }

    [Fact]
    public async Task ContentWithinTheLimitIsDownloadedWhole()
    {
        _line.AddMessageContent("100004", 3L * 1024 * 1024, "application/octet-stream");

        var result = await _client.GetMessageContentAsync(_channel, "100004", Limit, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(3 * 1024 * 1024, result.Value!.Content.Length);
    }

    /// <summary>The fake's sender stops once the client has closed the connection; give it a moment to notice.</summary>
    async Task WaitForSenderAsync(string messageId)
    {
        var last = -1L;
        for (var i = 0; i < 100 && _line.ContentBytesSent(messageId) != last; i++)
        {
            last = _line.ContentBytesSent(messageId);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task MessageContentAskedOfTheApiHostIsNotFound()
    {
        _line.AddMessageContent("100001", [1, 2, 3], "image/jpeg");
        var wrongHost = _channel with { DataApiBaseUrl = _channel.ApiBaseUrl };

        var result = await _client.GetMessageContentAsync(wrongHost, "100001", CancellationToken.None);

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task QuotaAndConsumptionCountEachPushOncePerRecipientAndRepliesNotAtAll()
    {
        _line.AddGroup(Finance, "กองคลัง", memberCount: 4);
        var token = _line.CreateSigner().TextMessage(WebhookSource.User(Somchai), "สรุป").ReplyToken();

        await _client.PushAsync(_channel, Somchai, [LineMessages.Text("1"), LineMessages.Text("2")], Guid.NewGuid(), CancellationToken.None);
        await _client.PushAsync(_channel, Finance, [LineMessages.Text("เตือน")], Guid.NewGuid(), CancellationToken.None);
        await _client.MulticastAsync(_channel, [LineIds.User("a"), LineIds.User("b"), LineIds.User("c")], [LineMessages.Text("เตือน")], Guid.NewGuid(), CancellationToken.None);
        await _client.ReplyAsync(_channel, token, [LineMessages.Text("ฟรี")], CancellationToken.None);

        var quota = await _client.GetQuotaAsync(_channel, CancellationToken.None);
        var used = await _client.GetQuotaConsumptionAsync(_channel, CancellationToken.None);

        Assert.Equal(new LineQuota("limited", 300), quota.Value);
        Assert.True(quota.Value!.IsLimited);
        Assert.Equal(1 + 4 + 3, used.Value!.TotalUsage);
    }

    [Fact]
    public async Task QuotaWithoutATargetSaysNone()
    {
        _line.MonthlyLimit = null;

        var quota = await _client.GetQuotaAsync(_channel, CancellationToken.None);

        Assert.Equal(new LineQuota("none", null), quota.Value);
        Assert.False(quota.Value!.IsLimited);
    }

    // ---- LINE's errors as typed results ----------------------------------------------------------------------

    [Fact]
    public async Task BadRequestCarriesLinesMessageAndEveryDetail()
    {
        var result = await _client.PushAsync(_channel, Somchai,
            [new JsonObject { ["type"] = "text" }, new JsonObject { ["type"] = "text", ["text"] = new string('ข', 5001) }], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(400, result.StatusCode);
        Assert.False(result.Ok);
        Assert.False(result.IsRetryable);
        Assert.Equal("The request body has 2 error(s)", result.Error!.Message);
        Assert.Equal(["messages[0].text", "messages[1].text"], result.Error.Details.Select(d => d.Property).Order());
        Assert.Equal(2, _line.ValidationErrors.Count);
        Assert.Empty(_line.Pushes);
    }

    [Fact]
    public async Task AWrongTokenIsAnAuthFailure()
    {
        var result = await _client.PushAsync(_channel with { AccessToken = "stale-token" }, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(401, result.StatusCode);
        Assert.True(result.IsAuthFailure);
        Assert.False(result.IsRetryable);
        Assert.Equal(FakeLineServer.AuthenticationFailedMessage, result.Error!.Message);
    }

    [Fact]
    public async Task RateLimitIsRetryableButTheMonthlyLimitIsNot()
    {
        _line.AnswerTooManyRequests();
        _line.AnswerMonthlyLimit();

        var rateLimited = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("1")], Guid.NewGuid(), CancellationToken.None);
        var monthly = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("2")], Guid.NewGuid(), CancellationToken.None);
        var afterwards = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("3")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(429, rateLimited.StatusCode);
        Assert.True(rateLimited.IsRetryable);
        Assert.False(rateLimited.IsMonthlyLimit);
        Assert.Equal(429, monthly.StatusCode);
        Assert.True(monthly.IsMonthlyLimit);
        Assert.False(monthly.IsRetryable);
        Assert.Equal(LineResult.MonthlyLimitMessage, monthly.Error!.Message);
        Assert.True(afterwards.Ok);
    }

    [Fact]
    public async Task PushesBeyondTheMonthsQuotaGetTheMonthlyLimit()
    {
        _line.MonthlyLimit = 5;
        _line.AddGroup(Finance, "กองคลัง", memberCount: 4);
        await _client.PushAsync(_channel, Finance, [LineMessages.Text("เตือนครั้งที่ ๑")], Guid.NewGuid(), CancellationToken.None);

        var second = await _client.PushAsync(_channel, Finance, [LineMessages.Text("เตือนครั้งที่ ๒")], Guid.NewGuid(), CancellationToken.None);

        Assert.True(second.IsMonthlyLimit, second.ToString());
        Assert.Equal(4, _line.TotalUsage);
        Assert.Single(_line.Pushes);
    }

    [Fact]
    public async Task RepeatingAnAcceptedRetryKeyIsAlreadyAcceptedAndSendsNothingMore()
    {
        var key = Guid.NewGuid();
        var first = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("เตือน")], key, CancellationToken.None);

        var repeat = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("เตือน")], key, CancellationToken.None);

        Assert.Equal(409, repeat.StatusCode);
        Assert.True(repeat.IsAlreadyAccepted);
        Assert.False(repeat.IsRetryable);
        Assert.Equal(first.RequestId, repeat.AcceptedRequestId);
        Assert.Equal(first.Value!.Select(m => m.Id), repeat.Error!.SentMessages!.Select(m => m.Id));
        Assert.Single(_line.Pushes);
    }

    [Fact]
    public async Task ALostAnswerRetriedWithTheSameKeyTurnsOutAlreadyAccepted()
    {
        var key = Guid.NewGuid();
        _line.AcceptButAnswerServerError();

        var lost = await _client.MulticastAsync(_channel, [Somchai], [LineMessages.Text("เตือน")], key, CancellationToken.None);
        var retry = await _client.MulticastAsync(_channel, [Somchai], [LineMessages.Text("เตือน")], key, CancellationToken.None);

        Assert.Equal(500, lost.StatusCode);
        Assert.True(lost.IsRetryable);
        Assert.True(retry.IsAlreadyAccepted, retry.ToString());
        Assert.Equal(["เตือน"], _line.TextsTo(Somchai));
    }

    [Fact]
    public async Task ServerErrorsAreRetryable()
    {
        _line.AnswerServerError(times: 2, pathPrefix: "/v2/bot/message/push");

        var profile = await _client.GetProfileAsync(_channel, Somchai, CancellationToken.None);
        var first = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);
        var second = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);
        var third = await _client.PushAsync(_channel, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(404, profile.StatusCode); // the fault only hit pushes
        Assert.Equal([500, 500], new[] { first.StatusCode, second.StatusCode });
        Assert.True(first.IsRetryable);
        Assert.True(third.Ok);
    }

    [Fact]
    public async Task AnInjectedConflictWithoutARetryKeyIsNotAlreadyAccepted()
    {
        _line.AnswerConflict();
        var token = _line.CreateSigner().TextMessage(WebhookSource.User(Somchai), "x").ReplyToken();

        var result = await _client.ReplyAsync(_channel, token, [LineMessages.Text("x")], CancellationToken.None);

        Assert.Equal(409, result.StatusCode);
        Assert.NotNull(result.AcceptedRequestId);
        Assert.False(result.IsAlreadyAccepted);
    }

    [Fact]
    public async Task ATimeoutIsAResultWithStatusZero()
    {
        _line.AnswerSlowly(TimeSpan.FromSeconds(3));
        var impatient = Client(TimeSpan.FromMilliseconds(300));

        var result = await impatient.PushAsync(_channel, Somchai, [LineMessages.Text("ช้า")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(0, result.StatusCode);
        Assert.True(result.IsNetworkFailure);
        Assert.True(result.IsRetryable);
        Assert.Contains("did not answer", result.Error!.Message);
        Assert.Single(_line.Pushes); // LINE may well have sent it: only the retry key makes retrying safe
    }

    [Fact]
    public async Task AReplyLineNeverAnswersIsGivenUpOnWhenTheAppsClockPassesItsTimeout()
    {
        // Reply tokens expire by the app's clock: the attempt must end by it too, or the token is gone before a retry
        // could learn (from "Invalid reply token") that the unanswered attempt was delivered.
        var clock = FakeTimeProvider.AtBangkok(2025, 3, 3);
        var client = new LineApiClient(new HttpClient { Timeout = TimeSpan.FromMinutes(5) }, NullLogger<LineApiClient>.Instance, clock);
        _line.FailNext(FakeLineFault.AcceptThenHang, times: 1, "/v2/bot/message/reply");
        var token = _line.CreateSigner().TextMessage(WebhookSource.Group(Finance, Somchai), "สถานะ").ReplyToken();

        var replying = client.ReplyAsync(_channel, token, [LineMessages.Text("ตอบ")], CancellationToken.None, timeout: TimeSpan.FromMinutes(1));
        await _line.WaitForRequestsAsync(1, TimeSpan.FromSeconds(30));
        Assert.False(replying.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await replying.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.StatusCode);
        Assert.True(result.MayHaveBeenDone);
        Assert.Single(_line.Replies);
    }

    [Fact]
    public async Task AnUnreachableServerIsAResultWithStatusZero()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var nowhere = _channel with { ApiBaseUrl = new Uri($"http://127.0.0.1:{port}") };

        var result = await _client.GetQuotaAsync(nowhere, CancellationToken.None);

        Assert.Equal(0, result.StatusCode);
        Assert.True(result.IsRetryable);
        Assert.Contains("Could not reach LINE", result.Error!.Message);
    }

    [Fact]
    public async Task CancellationByTheCallerIsThrownNotReported()
    {
        _line.AnswerSlowly(TimeSpan.FromSeconds(3));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _client.PushAsync(_channel, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), cancel.Token));
    }

    [Fact]
    public async Task AChannelWithoutATokenIsAConfigurationError()
    {
        var noToken = _channel with { AccessToken = null };

        await Assert.ThrowsAsync<InvalidOperationException>(() => _client.GetQuotaAsync(noToken, CancellationToken.None));
    }

    [Fact]
    public async Task MessagesAlreadyInsideAnotherJsonTreeCanBeSent()
    {
        var template = new JsonObject { ["cached"] = LineMessages.Text("จากแม่แบบ") };

        var result = await _client.PushAsync(_channel, Somchai, [template["cached"]!.AsObject()], Guid.NewGuid(), CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
    }

    [Fact]
    public async Task TheRegisteredClientNeverLogsTheAccessToken()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddLineApi();
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<LineApiClient>();

        await client.PushAsync(_channel, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);
        await client.PushAsync(_channel with { AccessToken = "wrong-token" }, Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);

        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("401"));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(FakeLineServer.DefaultAccessToken) || l.Contains("wrong-token"));
    }

    [Fact]
    public async Task EveryAnswerTheFakeGivesMatchesLinesResponseSchemas()
    {
        _line.AddProfile(Somchai, "สมชาย");
        _line.AddGroup(Finance, "กองคลัง", 3);
        _line.AddGroupMember(Finance, Somchai, "สมชาย");
        var key = Guid.NewGuid();
        var token = _line.CreateSigner().TextMessage(WebhookSource.User(Somchai), "x").ReplyToken();

        await _client.ReplyAsync(_channel, token, [LineMessages.Text("x")], CancellationToken.None);
        await _client.ReplyAsync(_channel, token, [LineMessages.Text("x")], CancellationToken.None);
        await _client.PushAsync(_channel, Finance, [LineMessages.Text("x")], key, CancellationToken.None);
        await _client.PushAsync(_channel, Finance, [LineMessages.Text("x")], key, CancellationToken.None);
        await _client.PushAsync(_channel, Finance, [new JsonObject { ["type"] = "nope" }], Guid.NewGuid(), CancellationToken.None);
        await _client.MulticastAsync(_channel, [Somchai], [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);
        await _client.GetProfileAsync(_channel, Somchai, CancellationToken.None);
        await _client.GetGroupSummaryAsync(_channel, Finance, CancellationToken.None);
        await _client.GetGroupMemberCountAsync(_channel, Finance, CancellationToken.None);
        await _client.GetGroupMemberProfileAsync(_channel, Finance, Somchai, CancellationToken.None);
        await _client.GetQuotaAsync(_channel, CancellationToken.None);
        await _client.GetQuotaConsumptionAsync(_channel, CancellationToken.None);
        await _client.ShowLoadingAnimationAsync(_channel, Somchai, 5, CancellationToken.None);
        await _client.ValidatePushAsync(_channel, [LineMessages.Text("x")], CancellationToken.None);

        var spec = OpenApiSpec.MessagingApi;
        var checkedAnswers = 0;
        foreach (var request in _line.Requests)
        {
            var operation = spec.Find(request.Method, request.Path)!;
            if (!operation.ResponseSchemas.TryGetValue(request.StatusCode, out var schema) || schema is null) continue;
            Assert.Empty(new OpenApiValidator(spec).Validate(JsonNode.Parse(request.ResponseBody!), schema));
            checkedAnswers++;
        }
        Assert.True(checkedAnswers >= 13, $"only {checkedAnswers} answers had a documented schema");
    }
}
