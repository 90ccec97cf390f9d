using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Bench;

/// <summary>
/// Webhook acknowledgements on loopback, one event per request, same signed payloads and load generator for all:
/// ItaBot (real Kestrel; signature check + durable inbox write) as a store-only instance, which is the issue's
/// figure, and again with its worker handling every event as well; side by side with a Node.js peer using
/// @line/bot-sdk's middleware (signature check, answers 200, stores nothing). First a fixed rate (open loop,
/// latency measured from the scheduled send time), then as fast as a fixed number of connections allows.
///   dotnet run -c Release --project bench/ItaBot.Bench -- webhook [--rate 500] [--seconds 10] [--connections 32]
/// </summary>
public static class WebhookBench
{
    const string Secret = "bench-channel-secret-0123456789ab";

    public static async Task RunAsync(string[] args)
    {
        var rate = Option(args, "--rate", 500);
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 32);
        var peerDirectory = FindPeerDirectory();

        // The issue's figure is the acknowledgement path (signature check + inbox write): measured on an instance
        // that only stores (Line__Inbox__HandleEvents=false, as a webhook-only node would run). The same load is
        // then sent to an instance whose worker also handles every event, the default single-node setup.
        var (storeOnly, storeOnlyPort, storeOnlyDatabase) = StartItaBot(handleEvents: false);
        var (itabot, itabotPort, database) = StartItaBot(handleEvents: true);

        var peerPort = BenchApp.FreeLoopbackPort();
        using var peer = await StartPeerAsync(peerDirectory, peerPort);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(connections, 64),
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                UseProxy = false,
            }) { Timeout = TimeSpan.FromSeconds(10) };
            var payloads = new Payloads();
            var storeOnlyUrl = $"http://127.0.0.1:{storeOnlyPort}/line/webhook";
            var itabotUrl = $"http://127.0.0.1:{itabotPort}/line/webhook";
            var peerUrl = $"http://127.0.0.1:{peerPort}/line/webhook";

            Console.WriteLine($"webhook: {rate}/s for {seconds} s, then {connections} connections flat out for {seconds} s; one event per request");
            Figures.Print("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
            Figures.Print("node", await PeerVersionAsync());
            Figures.Print("load average at start (1/5/15 min)", LoadAverage());

            // Warm-up: JIT, connection pools, SQLite pages. Each measurement starts with ItaBot's worker idle,
            // and nothing else runs while one server is measured, so none steals another's CPU.
            foreach (var url in new[] { storeOnlyUrl, itabotUrl, peerUrl })
                await MaxAsync(client, url, payloads, connections, TimeSpan.FromSeconds(2));
            await DrainAsync(itabot);

            var peerFixed = await FixedRateAsync(client, peerUrl, payloads, rate, TimeSpan.FromSeconds(seconds));
            var storeFixed = await FixedRateAsync(client, storeOnlyUrl, payloads, rate, TimeSpan.FromSeconds(seconds));
            var itabotFixed = await FixedRateAsync(client, itabotUrl, payloads, rate, TimeSpan.FromSeconds(seconds));
            await DrainAsync(itabot);
            var peerMax = await MaxAsync(client, peerUrl, payloads, connections, TimeSpan.FromSeconds(seconds));
            var storeMax = await MaxAsync(client, storeOnlyUrl, payloads, connections, TimeSpan.FromSeconds(seconds));
            var itabotMax = await MaxAsync(client, itabotUrl, payloads, connections, TimeSpan.FromSeconds(seconds));
            var (backlog, drainTime) = await DrainAsync(itabot);

            Print($"peer at {rate}/s", peerFixed);
            Print($"ItaBot at {rate}/s", storeFixed);
            Print($"ItaBot+worker at {rate}/s", itabotFixed);
            Print("peer flat out", peerMax);
            Print("ItaBot flat out", storeMax);
            Print("ItaBot+worker flat out", itabotMax);

            long stored = 0;
            foreach (var app in new[] { storeOnly, itabot })
            {
                await using var scope = app.Services.CreateAsyncScope();
                stored += await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineInbox.LongCountAsync();
            }
            var ratio = storeMax.PerSecond / peerMax.PerSecond;
            Figures.Print("ItaBot events in the inbox (all acks)", $"{stored:N0} stored, {payloads.Issued(storeOnlyUrl) + payloads.Issued(itabotUrl):N0} sent");
            Figures.Print("throughput ItaBot / peer", $"{ratio:0.00}x  (target ≥ 1.5x: {(ratio >= 1.5 ? "met" : "NOT met")})");
            Figures.Print("throughput ItaBot+worker / peer", $"{itabotMax.PerSecond / peerMax.PerSecond:0.00}x");
            Figures.Print($"ItaBot p99 at {rate}/s", $"{storeFixed.P99:0.0} ms  (target < 50 ms: {(storeFixed.P99 < 50 && storeFixed.Failed == 0 ? "met" : "NOT met")})");
            Figures.Print($"ItaBot+worker p99 at {rate}/s", $"{itabotFixed.P99:0.0} ms  (target < 50 ms: {(itabotFixed.P99 < 50 && itabotFixed.Failed == 0 ? "met" : "NOT met")})");
            Figures.Print("ItaBot worker: backlog after flat out", $"{backlog:N0} events handled in {drainTime.TotalSeconds:0.0} s after the load stopped");
            Figures.Print("bench process peak working set", $"{Figures.PeakWorkingSetMb()} MB");
            Figures.Print("load average at end (1/5/15 min)", LoadAverage());
        }
        finally
        {
            if (!peer.HasExited) peer.Kill(entireProcessTree: true);
            await itabot.DisposeAsync();
            await storeOnly.DisposeAsync();
            BenchApp.DeleteDatabase(database);
            BenchApp.DeleteDatabase(storeOnlyDatabase);
        }
    }

    /// <summary>Waits (bounded) until ItaBot's worker has handled every stored event; returns how many were left and how long it took.</summary>
    static async Task<(long Backlog, TimeSpan Took)> DrainAsync(BenchApp itabot)
    {
        var clock = Stopwatch.StartNew();
        long first = -1;
        while (clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            await using var scope = itabot.Services.CreateAsyncScope();
            var pending = await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineInbox.LongCountAsync(e => e.State == ItaBot.Line.InboxState.Pending);
            if (first < 0) first = pending;
            if (pending == 0) break;
            await Task.Delay(100);
        }
        return (first, clock.Elapsed);
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    static (BenchApp App, int Port, string Database) StartItaBot(bool handleEvents)
    {
        var database = BenchApp.TempDatabase("webhook");
        var port = BenchApp.FreeLoopbackPort();
        var app = new BenchApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={database}",
            ["Line:ChannelSecret"] = Secret,
            ["Line:ChannelAccessToken"] = "bench-token",
            // Pushes are not part of this benchmark; keep the sender away from the real LINE.
            ["Line:ApiBaseUrl"] = "http://127.0.0.1:9",
            ["Line:Inbox:HandleEvents"] = handleEvents ? "true" : "false",
            // The chat handler answers every event; with no LINE to answer to, its replies fall back to
            // pushes that the sender must not try (each failure would be logged and cost CPU the webhook needs).
            ["Line:Outbox:Send"] = "false",
            ["Logging:LogLevel:Default"] = "Error",
        });
        app.UseKestrel(port);
        app.StartServer();
        return (app, port, database);
    }

    sealed record Run(long Ok, long Failed, double PerSecond, double P50, double P99, double Max);

    static void Print(string name, Run run) =>
        Figures.Print(name, $"{run.PerSecond,8:N0} acks/s   p50 {run.P50,6:0.0} ms   p99 {run.P99,6:0.0} ms   max {run.Max,7:0.0} ms   failed {run.Failed}");

    /// <summary>Open loop: request i is due at i/rate whatever happened before, so a stall shows as latency.</summary>
    static async Task<Run> FixedRateAsync(HttpClient client, string url, Payloads payloads, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        long failed = 0;
        var tasks = new Task[total];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                var ok = await SendAsync(client, url, payloads);
                latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
                if (!ok) Interlocked.Increment(ref failed);
            });
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        return Summarise(latencies, total - failed, failed, elapsed);
    }

    /// <summary>Closed loop: each connection sends its next request as soon as the last one is answered.</summary>
    static async Task<Run> MaxAsync(HttpClient client, string url, Payloads payloads, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        long failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            while (clock.Elapsed < duration)
            {
                var start = clock.Elapsed;
                var ok = await SendAsync(client, url, payloads);
                mine.Add((clock.Elapsed - start).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failed);
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        return Summarise(all, all.Length - failed, failed, elapsed);
    }

    static Run Summarise(double[] latencies, long ok, long failed, double seconds)
    {
        Array.Sort(latencies);
        double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))];
        return new Run(ok, failed, ok / seconds, At(0.50), At(0.99), latencies.Length == 0 ? 0 : latencies[^1]);
    }

    static async Task<bool> SendAsync(HttpClient client, string url, Payloads payloads)
    {
        var (body, signature) = payloads.Next(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-line-signature", signature);
        try
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>LINE-shaped one-event bodies with unique webhookEventIds, signed with the channel secret; made as needed, identical work for both servers.</summary>
    sealed class Payloads
    {
        readonly string _run = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        readonly byte[] _key = Encoding.UTF8.GetBytes(Secret);
        readonly Dictionary<string, long> _issued = new();
        long _next;

        public long Issued(string url) { lock (_issued) return _issued.GetValueOrDefault(url); }

        public (byte[] Body, string Signature) Next(string url)
        {
            var i = Interlocked.Increment(ref _next);
            lock (_issued) _issued[url] = _issued.GetValueOrDefault(url) + 1;
            var user = (i % 1000).ToString("x32", CultureInfo.InvariantCulture);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var body = Encoding.UTF8.GetBytes(
                $$"""{"destination":"U0123456789abcdef0123456789abcdef","events":[{"type":"message","message":{"type":"text","id":"{{i}}","quoteToken":"q{{i}}","text":"สถานะ กองคลัง"},"webhookEventId":"01B{{_run}}{{i:D15}}","deliveryContext":{"isRedelivery":false},"timestamp":{{now}},"source":{"type":"user","userId":"U{{user}}"},"replyToken":"r{{i}}","mode":"active"}]}""");
            return (body, Convert.ToBase64String(HMACSHA256.HashData(_key, body)));
        }
    }

    static async Task<Process> StartPeerAsync(string directory, int port)
    {
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "@line", "bot-sdk")))
        {
            Console.WriteLine("peer: installing @line/bot-sdk with npm ci …");
            using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory })!;
            await install.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
            if (install.ExitCode != 0) throw new InvalidOperationException("npm ci failed in " + directory);
        }
        var start = new ProcessStartInfo("node", "server.js") { WorkingDirectory = directory, RedirectStandardOutput = true };
        start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["LINE_CHANNEL_SECRET"] = Secret;
        var process = Process.Start(start)!;
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited) throw new InvalidOperationException("The Node.js peer exited at start.");
            try
            {
                if ((await probe.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode) return process;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The Node.js peer did not start within 30 s.");
    }

    static async Task<string> PeerVersionAsync()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var version = (await node.StandardOutput.ReadToEndAsync()).Trim();
        await node.WaitForExitAsync();
        return version;
    }

    static string FindPeerDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "peer");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("bench/peer not found above " + AppContext.BaseDirectory);
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
