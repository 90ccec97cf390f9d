using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line;
using ItaBot.Line.Api;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Line.Api;

/// <summary>The fake checks requests the way LINE does, so a test against it fails where LINE would.</summary>
public sealed class FakeLineServerTests : IAsyncLifetime
{
    static readonly string Somchai = LineIds.User("somchai");
    static readonly string Finance = LineIds.Group("กองคลัง");

    FakeLineServer _line = null!;
    readonly HttpClient _http = new();

    public async Task InitializeAsync() => _line = await FakeLineServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _line.DisposeAsync();
    }

    HttpRequestMessage Post(string path, string body, string contentType = "application/json", string? token = FakeLineServer.DefaultAccessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_line.BaseUrl, path))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null) request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    static string PushBody(string to = "", string text = "สวัสดี") =>
        new JsonObject { ["to"] = to.Length == 0 ? Somchai : to, ["messages"] = new JsonArray(LineMessages.Text(text)) }.ToJsonString();

    async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    [Fact]
    public async Task ARequestWithoutTheBearerTokenGetsLinesAuthenticationError()
    {
        var (status, body) = await SendAsync(Post("/v2/bot/message/push", PushBody(), token: null));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(FakeLineServer.AuthenticationFailedMessage, body["message"]!.GetValue<string>());
        Assert.Empty(OpenApiValidator.MessagingApi.ValidateComponent(body, "ErrorResponse"));
        Assert.Empty(_line.Pushes);
    }

    [Fact]
    public async Task ABodyThatIsNotDeclaredJsonIsRefusedAndRecorded()
    {
        using var response = await _http.SendAsync(Post("/v2/bot/message/push", PushBody(), "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("Content-Type", Assert.Single(_line.ValidationErrors).Property);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsRefusedAndRecorded()
    {
        using var response = await _http.SendAsync(Post("/v2/bot/message/push", "{\"to\": \"U…\", messages: [}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", Assert.Single(_line.ValidationErrors).Message);
    }

    [Fact]
    public async Task ARefusedBodyIsAnsweredInLinesErrorShapeWithEveryDetail()
    {
        var body = new JsonObject { ["to"] = "กองคลัง", ["messages"] = new JsonArray(new JsonObject { ["type"] = "text" }) }.ToJsonString();

        var (status, answer) = await SendAsync(Post("/v2/bot/message/push", body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The request body has 2 error(s)", answer["message"]!.GetValue<string>());
        Assert.Equal(["messages[0].text", "to"], answer["details"]!.AsArray().Select(d => d!["property"]!.GetValue<string>()).Order());
        Assert.Empty(OpenApiValidator.MessagingApi.ValidateComponent(answer, "ErrorResponse"));
        Assert.Equal(2, _line.ValidationErrors.Count);
        Assert.All(_line.ValidationErrors, e => Assert.Equal("/v2/bot/message/push", e.Path));
    }

    [Fact]
    public async Task ARetryKeyMustBeAUuid()
    {
        var request = Post("/v2/bot/message/push", PushBody());
        request.Headers.Add(LineApiClient.RetryKeyHeader, "retry-1");

        var (status, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(LineApiClient.RetryKeyHeader, Assert.Single(_line.ValidationErrors).Property);
    }

    [Fact]
    public async Task ARetryKeyOnAReplyIsRefused()
    {
        var request = Post("/v2/bot/message/reply", new JsonObject { ["replyToken"] = "abc", ["messages"] = new JsonArray(LineMessages.Text("x")) }.ToJsonString());
        request.Headers.Add(LineApiClient.RetryKeyHeader, Guid.NewGuid().ToString());

        var (status, _) = await SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(_line.Replies);
    }

    [Fact]
    public async Task UnknownPathsAreNotFoundAndUnimplementedOnesSaySo()
    {
        using var unknown = await _http.SendAsync(Post("/v2/bot/message/shout", PushBody()));
        using var getInfo = new HttpRequestMessage(HttpMethod.Get, new Uri(_line.BaseUrl, "/v2/bot/info"));
        getInfo.Headers.Authorization = new("Bearer", FakeLineServer.DefaultAccessToken);
        using var info = await _http.SendAsync(getInfo);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotImplemented, info.StatusCode);
    }

    [Fact]
    public async Task ReplyTokensNotHandedOutHereCanBeRefused()
    {
        var client = new LineApiClient(_http, NullLogger<LineApiClient>.Instance);
        _line.RequireKnownReplyTokens = true;
        var issued = _line.CreateSigner().TextMessage(WebhookSource.User(Somchai), "x").ReplyToken();

        var madeUp = await client.ReplyAsync(_line.Channel(), "0123456789abcdef0123456789abcdef", [LineMessages.Text("x")], CancellationToken.None);
        var real = await client.ReplyAsync(_line.Channel(), issued, [LineMessages.Text("x")], CancellationToken.None);

        Assert.Equal(400, madeUp.StatusCode);
        Assert.True(real.Ok, real.ToString());
    }

    [Fact]
    public async Task MessagesToAChatInterleaveRepliesAndPushesInOrder()
    {
        var client = new LineApiClient(_http, NullLogger<LineApiClient>.Instance);
        var signer = _line.CreateSigner();
        var channel = _line.Channel();

        await client.PushAsync(channel, Finance, [LineMessages.Text("เตือน ๑")], Guid.NewGuid(), CancellationToken.None);
        await client.ReplyAsync(channel, signer.TextMessage(WebhookSource.Group(Finance, Somchai), "สถานะ").ReplyToken(),
            [LineMessages.Text("ตอบ ๑"), LineMessages.Flex("การ์ดสถานะ", LineSamples.StatusBubble())], CancellationToken.None);
        await client.PushAsync(channel, Somchai, [LineMessages.Text("ส่วนตัว")], Guid.NewGuid(), CancellationToken.None);
        await client.PushAsync(channel, Finance, [LineMessages.Text("เตือน ๒")], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(["เตือน ๑", "ตอบ ๑", "การ์ดสถานะ", "เตือน ๒"], _line.TextsTo(Finance));
        Assert.Equal(["ส่วนตัว"], _line.TextsTo(Somchai));
    }

    [Fact]
    public async Task WaitingReturnsOnceTheRequestsArrive()
    {
        var client = new LineApiClient(_http, NullLogger<LineApiClient>.Instance);
        var sending = Task.Run(async () =>
        {
            for (var i = 0; i < 3; i++)
                await client.PushAsync(_line.Channel(), Somchai, [LineMessages.Text($"{i}")], Guid.NewGuid(), CancellationToken.None);
        });

        await _line.WaitForRequestsAsync(3, TimeSpan.FromSeconds(10));
        await sending;

        Assert.Equal(3, _line.Pushes.Count);
    }

    [Fact]
    public async Task WaitingTooLongFailsAndSaysWhatDidArrive()
    {
        var client = new LineApiClient(_http, NullLogger<LineApiClient>.Instance);
        await client.GetQuotaAsync(_line.Channel(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            _line.WaitUntilAsync(l => l.Pushes.Count > 0, TimeSpan.FromMilliseconds(200), "a push"));

        Assert.Contains("a push", error.Message);
        Assert.Contains("GET /v2/bot/message/quota", error.Message);
    }

    [Fact]
    public async Task ClearingRecordsKeepsTheSetUp()
    {
        var client = new LineApiClient(_http, NullLogger<LineApiClient>.Instance);
        _line.AddProfile(Somchai, "สมชาย");
        await client.PushAsync(_line.Channel(), Somchai, [LineMessages.Text("x")], Guid.NewGuid(), CancellationToken.None);

        _line.ClearRecorded();
        var profile = await client.GetProfileAsync(_line.Channel(), Somchai, CancellationToken.None);

        Assert.Empty(_line.Pushes);
        Assert.Single(_line.Requests);
        Assert.Equal("สมชาย", profile.Value!.DisplayName);
        Assert.Equal(1, _line.TotalUsage);
    }

    [Fact]
    public void ItsSettingsConfigureTheAppsDefaultChannel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_line.Settings()).Build();

        var options = configuration.GetSection(LineOptions.Section).Get<LineOptions>()!;

        Assert.Equal(_line.Channel(), options.AllChannels()[LineOptions.DefaultChannelName]);
    }

    [Fact]
    public async Task TwoFakesRunSideBySideOnTheirOwnPorts()
    {
        await using var other = await FakeLineServer.StartAsync(accessToken: "other-token");

        Assert.NotEqual(_line.BaseUrl, other.BaseUrl);
        Assert.NotEqual(other.BaseUrl, other.DataBaseUrl);
        Assert.Equal("127.0.0.1", other.BaseUrl.Host);
    }
}
