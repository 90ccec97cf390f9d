using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Bench;

/// <summary>
/// Outbox sender against a loopback stand-in for LINE's push API: N pushes are queued, then the sender drains
/// them at the configured per-channel rate. A share of pushes are delivered but answered 500 (the lost-answer
/// case), so retries happen and the retry key must turn them into 409s, not second deliveries.
///   dotnet run -c Release --project bench/ItaBot.Bench -- outbox [--rate 100] [--seconds 20] [--lost-answers-percent 1]
/// </summary>
public static class OutboxBench
{
    public static async Task RunAsync(string[] args)
    {
        var rate = WebhookBench.Option(args, "--rate", 100);
        var seconds = WebhookBench.Option(args, "--seconds", 20);
        var lostPercent = WebhookBench.Option(args, "--lost-answers-percent", 1);
        var total = rate * seconds;

        await using var line = await MiniLine.StartAsync(lostPercent);
        var database = BenchApp.TempDatabase("outbox");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={database}",
            ["Line:ChannelSecret"] = "bench-secret",
            ["Line:ChannelAccessToken"] = MiniLine.Token,
            ["Line:ApiBaseUrl"] = line.BaseUrl,
            ["Line:Outbox:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Line:Outbox:RetryBaseDelay"] = "00:00:01",
            ["Line:Outbox:Send"] = "false",
            // The lost answers make the client warn about every 409; expected here.
            ["Logging:LogLevel:ItaBot.Line.Api"] = "Error",
            ["Logging:LogLevel:ItaBot.Line.OutboxSender"] = "Error",
        };
        Console.WriteLine($"outbox: {total:N0} pushes to distinct users at a configured {rate}/s; {lostPercent}% delivered but answered 500");

        try
        {
            var queueTime = await Figures.TimeAsync(async () =>
            {
                await using var queueing = new BenchApp(settings);
                for (var start = 0; start < total; start += 1000)
                {
                    await using var scope = queueing.Services.CreateAsyncScope();
                    var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                    for (var i = start; i < Math.Min(total, start + 1000); i++)
                        await outbox.EnqueuePushAsync(LineOptions.DefaultChannelName, $"U{i:x32}",
                            [LineMessages.Text($"เตือน: กรุณารายงานผลมาตรการที่ {i % 40 + 1} รอบ ๖ เดือน ภายในวันที่ ๑๕ เม.ย. ๒๕๖๘")]);
                    await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SaveChangesAsync();
                }
            });
            Figures.Print("queued", $"{total:N0} rows in {queueTime.TotalSeconds:0.0} s");

            settings["Line:Outbox:Send"] = "true";
            var heap = new List<long>();
            var workingSet = new List<long>();
            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var wsBefore = Figures.WorkingSetMb();
            await using var sending = new BenchApp(settings);
            _ = sending.Services; // starts the host, and with it the sender
            var deadline = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(seconds * 3 + 60);
            while (line.Delivered < total && deadline.Elapsed < limit)
            {
                await Task.Delay(1000);
                heap.Add(GC.GetTotalMemory(false));
                workingSet.Add(Figures.WorkingSetMb());
            }
            long sent, pending, failed;
            await using (var scope = sending.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
                // A retried row needs its backoff to pass; give the last ones time to be marked.
                var settle = Stopwatch.StartNew();
                while (await db.LineOutbox.CountAsync(m => m.State == OutboxState.Pending) > 0 && settle.Elapsed < TimeSpan.FromSeconds(30))
                    await Task.Delay(250);
                sent = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Sent);
                pending = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Pending);
                failed = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Failed || m.State == OutboxState.Held);
            }
            GC.Collect();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

            var (first, last, steady) = line.Rates();
            var achieved = (line.Delivered - 1) / (last - first).TotalSeconds;
            Figures.Print("configured rate", $"{rate}/s per channel");
            Figures.Print("achieved rate, first to last delivery", $"{achieved:0.0}/s ({achieved / rate:P0} of the limit; target ≥ 90%: {(achieved >= 0.9 * rate ? "met" : "NOT met")})");
            Figures.Print("achieved rate, busiest-free middle 80%", $"{steady:0.0}/s ({steady / rate:P0})");
            Figures.Print("most deliveries in any 1 s window", $"{line.MaxInOneSecond()} (limit {rate} on average; a tenth of a second of burst is allowed)");
            Figures.Print("delivered", $"{line.Delivered:N0} of {total:N0}; rows sent {sent:N0}, pending {pending}, failed/held {failed}");
            Figures.Print("answers lost on purpose, retried", $"{line.LostAnswers:N0} → {line.Conflicts:N0} answered 409 on retry");
            Figures.Print("duplicates (a user given the same push twice)", $"{line.Duplicates} (target 0: {(line.Duplicates == 0 ? "met" : "NOT met")})");
            Figures.Print("managed heap before / after sending", $"{heapBefore / 1024 / 1024} MB / {heapAfter / 1024 / 1024} MB");
            if (heap.Count > 0)
                Figures.Print("managed heap while sending (min–max)", $"{heap.Min() / 1024 / 1024}–{heap.Max() / 1024 / 1024} MB over {heap.Count} s");
            if (workingSet.Count > 0)
                Figures.Print("working set before / while sending / end", $"{wsBefore} MB / {workingSet.Min()}–{workingSet.Max()} MB / {workingSet[^1]} MB");
        }
        finally
        {
            BenchApp.DeleteDatabase(database);
        }
    }

    /// <summary>Just enough of LINE's push endpoint: bearer token, retry keys remembered, some answers lost after delivery.</summary>
    sealed class MiniLine : IAsyncDisposable
    {
        public const string Token = "bench-token";
        readonly WebApplication _app;
        readonly int _lostPercent;
        readonly ConcurrentDictionary<Guid, string> _acceptedKeys = new();
        readonly ConcurrentDictionary<string, int> _deliveries = new();
        readonly ConcurrentQueue<long> _deliveredAt = new();
        long _delivered, _lost, _conflicts, _sequence;

        MiniLine(WebApplication app, int lostPercent) { _app = app; _lostPercent = lostPercent; }

        public string BaseUrl { get; private set; } = "";
        public long Delivered => Interlocked.Read(ref _delivered);
        public long LostAnswers => Interlocked.Read(ref _lost);
        public long Conflicts => Interlocked.Read(ref _conflicts);
        public long Duplicates => _deliveries.Values.Count(n => n > 1);

        public static async Task<MiniLine> StartAsync(int lostPercent)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var line = new MiniLine(app, lostPercent);
            app.MapPost("/v2/bot/message/push", (Delegate)line.PushAsync);
            await app.StartAsync();
            line.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return line;
        }

        async Task<IResult> PushAsync(HttpContext http)
        {
            if (http.Request.Headers.Authorization != "Bearer " + Token) return Results.StatusCode(401);
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
}
