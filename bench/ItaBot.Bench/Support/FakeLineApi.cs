using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ItaBot.Bench;

/// <summary>
/// Just enough of LINE's Messaging API on loopback for the chat benchmarks: replies and pushes answered 200 with sent
/// message ids; for every reply token, when it arrived and how often (a token used twice is an answer sent twice).
/// Profiles and member counts are answered so the chat layer's lookups cost what they cost against LINE.
/// </summary>
public sealed class FakeLineApi : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentDictionary<string, Arrival> _replies = new();
    long _pushes;
    long _sequence;

    public sealed record Arrival(long Ticks, int Count, long Sequence);

    FakeLineApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }
    public int GroupSize { get; set; } = 30;
    public long Pushes => Interlocked.Read(ref _pushes);

    /// <summary>When this token's reply arrived (Stopwatch ticks) and how many times, or null if not yet.</summary>
    public Arrival? Reply(string token) => _replies.TryGetValue(token, out var arrival) ? arrival : null;

    public static async Task<FakeLineApi> StartAsync()
    {
        var port = BenchApp.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeLineApi(app, $"http://127.0.0.1:{port}");
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        http.Response.ContentType = "application/json";
        if (path.EndsWith("/members/count", StringComparison.Ordinal)) { await http.Response.WriteAsync($"{{\"count\":{GroupSize}}}"); return; }
        if (path.Contains("/profile/", StringComparison.Ordinal) || path.Contains("/member/", StringComparison.Ordinal))
        {
            var user = path[(path.LastIndexOf('/') + 1)..];
            await http.Response.WriteAsync($"{{\"userId\":\"{user}\",\"displayName\":\"เจ้าหน้าที่ {user[^4..]}\"}}");
            return;
        }
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        var json = body.Length > 0 && body[0] == '{' ? JsonNode.Parse(body) as JsonObject : null;
        var now = Stopwatch.GetTimestamp();
        if (path.EndsWith("/message/reply", StringComparison.Ordinal) && json?["replyToken"]?.GetValue<string>() is { } token)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            _replies.AddOrUpdate(token, _ => new Arrival(now, 1, sequence), (_, a) => a with { Count = a.Count + 1 });
        }
        else if (path.EndsWith("/message/push", StringComparison.Ordinal) || path.EndsWith("/message/multicast", StringComparison.Ordinal))
            Interlocked.Increment(ref _pushes);
        var count = json?["messages"]?.AsArray().Count ?? 0;
        var sent = new JsonArray(Enumerable.Range(0, count)
            .Select(_ => (JsonNode?)new JsonObject { ["id"] = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture), ["quoteToken"] = "q" }).ToArray());
        await http.Response.WriteAsync(new JsonObject { ["sentMessages"] = sent }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
