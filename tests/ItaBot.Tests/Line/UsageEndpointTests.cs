using System.Net;
using ItaBot.Line;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Line;

public sealed class UsageEndpointTests
{
    const string Key = "an-admin-key-long-enough";

    static HttpRequestMessage Usage(string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/line/usage");
        if (key is not null) request.Headers.Add("X-Admin-Key", key);
        return request;
    }

    [Fact]
    public async Task GuessingTheAdminKeyIsStoppedAfterAFewWrongKeysEvenForTheRightOneUntilTheWindowPasses()
    {
        await using var app = new TestApp().With("Line:AdminApiKey", Key);
        using var client = app.CreateClient();

        // Asking without a key is how an operator learns what to send: not counted.
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Usage(null))).StatusCode);
        for (var i = 0; i < WrongKeyLimiter.MaxWrong; i++)
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Usage($"guess-number-{i:D4}-xxxxxxxx"))).StatusCode);

        var blockedGuess = await client.SendAsync(Usage("guess-number-9999-xxxxxxxx"));
        var blockedRight = await client.SendAsync(Usage(Key));
        Assert.Equal(HttpStatusCode.TooManyRequests, blockedGuess.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, blockedRight.StatusCode);
        Assert.NotNull(blockedRight.Headers.RetryAfter);

        app.Time.Advance(WrongKeyLimiter.Window);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Usage(Key))).StatusCode);
    }

    [Fact]
    public async Task TheRightKeyIsNeverLimitedHoweverOftenItIsUsed()
    {
        await using var app = new TestApp().With("Line:AdminApiKey", Key);
        using var client = app.CreateClient();

        for (var i = 0; i < 30; i++) Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Usage(Key))).StatusCode);
    }
}
