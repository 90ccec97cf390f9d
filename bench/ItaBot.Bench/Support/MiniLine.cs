using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Bench;

/// <summary>
/// Just enough of LINE's push endpoint: bearer tokens (<see cref="Token"/>, or <see cref="TokenOf"/> per channel), retry keys
/// remembered (a repeat is answered 409), some answers lost after delivery, LINE's rate limit per channel (more pushes than
/// the limit within one second are refused with 429, as LINE does), and group member counts.
/// </summary>
public sealed class MiniLine : IAsyncDisposable
{
    public const string Token = "bench-token";
    const string TokenPrefix = "bench-token-";
    readonly WebApplication _app;
    readonly int _lostPercent;
    readonly int _pushLimitPerSecond;
    // Per token: when its last pushes were taken, to refuse the one past the limit within a second.
    readonly ConcurrentDictionary<string, Queue<long>> _recentByToken = new();
    long _tooMany;
    readonly ConcurrentDictionary<Guid, string> _acceptedKeys = new();
    readonly ConcurrentDictionary<string, int> _deliveries = new();
    readonly ConcurrentQueue<long> _deliveredAt = new();
    long _delivered, _lost, _conflicts, _sequence;

    MiniLine(WebApplication app, int lostPercent, int pushLimitPerSecond) { _app = app; _lostPercent = lostPercent; _pushLimitPerSecond = pushLimitPerSecond; }

    /// <summary>The access token of a bench channel other than the default one.</summary>
    public static string TokenOf(string channel) => TokenPrefix + channel;

    /// <summary>Pushes refused with 429 because their channel was over the limit.</summary>
    public long TooMany => Interlocked.Read(ref _tooMany);

    public string BaseUrl { get; private set; } = "";
    public long Delivered => Interlocked.Read(ref _delivered);
    public long LostAnswers => Interlocked.Read(ref _lost);
    public long Conflicts => Interlocked.Read(ref _conflicts);
    public long Duplicates => _deliveries.Values.Count(n => n > 1);
    /// <summary>Users and chats given at least one push.</summary>
    public long Recipients => _deliveries.Count;

    /// <param name="pushLimitPerSecond">LINE's push limit per channel (2,000); 0: none.</param>
    public static async Task<MiniLine> StartAsync(int lostPercent, int pushLimitPerSecond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var line = new MiniLine(app, lostPercent, pushLimitPerSecond);
        app.MapPost("/v2/bot/message/push", (Delegate)line.PushAsync);
        app.MapGet("/v2/bot/group/{id}/members/count", () => Results.Json(new { count = 8 }));
        await app.StartAsync();
        line.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return line;
    }

    async Task<IResult> PushAsync(HttpContext http)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization != "Bearer " + Token && !authorization.StartsWith("Bearer " + TokenPrefix, StringComparison.Ordinal)) return Results.StatusCode(401);
        if (_pushLimitPerSecond > 0 && !WithinLimit(authorization))
        {
            Interlocked.Increment(ref _tooMany);
            return Results.Json(new { message = "The API rate limit has been exceeded. Try again later." }, statusCode: 429);
        }
        if (!Guid.TryParse(http.Request.Headers["X-Line-Retry-Key"], out var key)) return Results.BadRequest();
        using var body = await JsonDocument.ParseAsync(http.Request.Body);
        var to = body.RootElement.GetProperty("to").GetString()!;
        var requestId = Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        if (!_acceptedKeys.TryAdd(key, requestId))
        {
            Interlocked.Increment(ref _conflicts);
            http.Response.Headers["x-line-accepted-request-id"] = _acceptedKeys[key];
            return Results.Json(new { message = "The retry key is already accepted" }, statusCode: 409);
        }
        _deliveries.AddOrUpdate(to, 1, (_, n) => n + 1);
        _deliveredAt.Enqueue(Stopwatch.GetTimestamp());
        Interlocked.Increment(ref _delivered);
        if (Random.Shared.Next(100) < _lostPercent)
        {
            Interlocked.Increment(ref _lost);
            return Results.Json(new { message = "Internal server error" }, statusCode: 500);
        }
        return Results.Json(new { sentMessages = new[] { new { id = requestId, quoteToken = "q" + requestId } } });
    }

    bool WithinLimit(string token)
    {
        var recent = _recentByToken.GetOrAdd(token, _ => new Queue<long>());
        var now = Stopwatch.GetTimestamp();
        lock (recent)
        {
            while (recent.Count > 0 && Stopwatch.GetElapsedTime(recent.Peek(), now) >= TimeSpan.FromSeconds(1)) recent.Dequeue();
            if (recent.Count >= _pushLimitPerSecond) return false;
            recent.Enqueue(now);
            return true;
        }
    }

    /// <summary>First and last delivery, and the rate over the middle 80% of deliveries (start-up and retry tail left out).</summary>
    public (TimeSpan First, TimeSpan Last, double Steady) Rates()
    {
        var times = _deliveredAt.Order().ToArray();
        var origin = times[0];
        TimeSpan At(int i) => Stopwatch.GetElapsedTime(origin, times[i]);
        var a = times.Length / 10;
        var b = times.Length - 1 - times.Length / 10;
        var steady = b > a ? (b - a) / (At(b) - At(a)).TotalSeconds : 0;
        return (TimeSpan.Zero, At(times.Length - 1), steady);
    }

    public int MaxInOneSecond()
    {
        var origin = _deliveredAt.Min();
        var times = _deliveredAt.Order().Select(t => Stopwatch.GetElapsedTime(origin, t).TotalSeconds).ToArray();
        var best = 0;
        for (int i = 0, j = 0; j < times.Length; j++)
        {
            while (times[j] - times[i] >= 1) i++;
            best = Math.Max(best, j - i + 1);
        }
        return best;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
