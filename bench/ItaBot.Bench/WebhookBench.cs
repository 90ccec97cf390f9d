using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

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
        var rate = Stats.Option(args, "--rate", 500);
        var seconds = Stats.Option(args, "--seconds", 10);
        var connections = Stats.Option(args, "--connections", 32);
        var repeats = Stats.Option(args, "--repeats", 3);
        var dll = Stats.Text(args, "--dll");
        var extraEnv = Stats.All(args, "--env");

        Console.WriteLine($"webhook: each server its own process, one load generator process per measurement (the same for all);");
        Console.WriteLine($"  {rate}/s open loop for {seconds} s, then {connections} connections flat out for {seconds} s; one event per request; {repeats} repeats");
        Figures.Print("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Figures.Print("load average at start (1/5/15 min)", Stats.LoadAverage());

        var servers = new List<(string Name, string Url, Func<ValueTask> Stop, Func<long>? Stored, int Pid)>();
        try
        {
            // The issue's figure is the acknowledgement path (signature check + durable inbox write), measured on an
            // instance that only stores (Line__Inbox__HandleEvents=false, a webhook-only node); the default single
            // node, whose worker also handles every event, is measured with the same load.
            foreach (var (name, handle) in new[] { ("ItaBot", false), ("ItaBot+worker", true) })
            {
                var app = await AppProcess.StartAsync(new Dictionary<string, string>
                {
                    ["Line__ChannelSecret"] = Secret,
                    ["Line__ChannelAccessToken"] = "bench-token",
                    ["Line__ApiBaseUrl"] = "http://127.0.0.1:9",
                    ["Line__Inbox__HandleEvents"] = handle ? "true" : "false",
                    // Replies have no LINE to go to here; the sender must not spend the webhook's CPU failing at them.
                    ["Line__Outbox__Send"] = "false",
                    ["Reminders__SchedulerEnabled"] = "false",
                    ["Simulator__Enabled"] = "false",
                    ["Logging__LogLevel__Default"] = "Error",
                }, dll, extraEnv);
                servers.Add((name, app.Url + "/line/webhook", app.DisposeAsync, () => app.InboxRows(), app.Pid));
            }
            if (FindPeerDirectory() is { } peerDirectory && await StartPeerAsync(peerDirectory) is { } peer)
            {
                Figures.Print("node peer", $"{await PeerVersionAsync()}, @line/bot-sdk middleware (signature + JSON parse), stores nothing");
                servers.Add(("Node @line/bot-sdk", peer.Url, peer.Stop, null, peer.Pid));
            }
            else Console.WriteLine("node peer: NOT measured (node, npm or @line/bot-sdk not available here)");
            var floor = await ChildProcess.StartServerAsync("webhook-floor", Secret);
            servers.Add(("floor: minimal API + HMAC", floor.Url, floor.Stop, null, floor.Pid));

            var results = servers.ToDictionary(s => s.Name, _ => new List<(Run Fixed, Run Max)>());
            // The server's own CPU per acknowledgement flat out: what its capacity is made of, and far less sensitive
            // than acks/s to what else the machine runs meanwhile.
            var cpuPerAck = servers.ToDictionary(s => s.Name, _ => new List<double>());
            foreach (var server in servers) await GenerateAsync(server.Url, "max", rate, 2, connections); // warm-up: JIT, pools, pages
            for (var repeat = 1; repeat <= repeats; repeat++)
            {
                Console.WriteLine($"repeat {repeat}: load {Stats.LoadAverage()}");
                foreach (var server in servers)
                {
                    var fixedRun = await GenerateAsync(server.Url, "fixed", rate, seconds, connections);
                    var cpuBefore = Stats.CpuSeconds(server.Pid);
                    var maxRun = await GenerateAsync(server.Url, "max", rate, seconds, connections);
                    cpuPerAck[server.Name].Add((Stats.CpuSeconds(server.Pid) - cpuBefore) * 1000 / Math.Max(1, maxRun.Ok));
                    results[server.Name].Add((fixedRun, maxRun));
                    Print($"  {server.Name} at {rate}/s", fixedRun);
                    Print($"  {server.Name} flat out", maxRun);
                    Figures.Print($"  {server.Name} flat out: CPU per ack", string.Create(CultureInfo.InvariantCulture, $"{cpuPerAck[server.Name][^1] * 1000:0} µs"));
                }
                var peerMax = results.TryGetValue("Node @line/bot-sdk", out var p) ? p[^1].Max.PerSecond : double.NaN;
                var floorMax = results["floor: minimal API + HMAC"][^1].Max.PerSecond;
                var itabotMax = results["ItaBot"][^1].Max.PerSecond;
                Figures.Print("  ItaBot / peer · ItaBot / floor", string.Create(CultureInfo.InvariantCulture, $"{itabotMax / peerMax:0.00}x · {itabotMax / floorMax:0.00}x"));
            }

            Console.WriteLine();
            Console.WriteLine("summary (min / median / max over repeats)");
            foreach (var (name, runs) in results)
            {
                Figures.Print($"{name}: flat out", Stats.Show(runs.Select(r => r.Max.PerSecond), "acks/s"));
                Figures.Print($"{name}: p99 at {rate}/s", Stats.Show(runs.Select(r => r.Fixed.P99), "ms", "0.0"));
                Figures.Print($"{name}: failed", runs.Sum(r => r.Fixed.Failed + r.Max.Failed).ToString(CultureInfo.InvariantCulture));
                Figures.Print($"{name}: CPU per ack flat out", Stats.Show(cpuPerAck[name].Select(ms => ms * 1000), "µs"));
            }
            if (results.TryGetValue("Node @line/bot-sdk", out var peerRuns))
                Figures.Print("ItaBot / peer, same repeat", Stats.Show(results["ItaBot"].Zip(peerRuns, (a, b) => a.Max.PerSecond / b.Max.PerSecond), "x", "0.00") + "  (target ≥ 2x)");
            Figures.Print("ItaBot / floor, same repeat", Stats.Show(results["ItaBot"].Zip(results["floor: minimal API + HMAC"], (a, b) => a.Max.PerSecond / b.Max.PerSecond), "x", "0.00") + "  (target ≥ 0.30x)");
            // The same ratios from CPU per ack (acks one core-second buys), which a busy machine disturbs far less.
            if (cpuPerAck.TryGetValue("Node @line/bot-sdk", out var peerCpu))
                Figures.Print("ItaBot / peer by CPU per ack", Stats.Show(cpuPerAck["ItaBot"].Zip(peerCpu, (a, b) => b / a), "x", "0.00"));
            Figures.Print("ItaBot / floor by CPU per ack", Stats.Show(cpuPerAck["ItaBot"].Zip(cpuPerAck["floor: minimal API + HMAC"], (a, b) => b / a), "x", "0.00"));
            foreach (var server in servers.Where(s => s.Stored is not null))
                Figures.Print($"{server.Name}: events in its inbox", $"{server.Stored!():N0} (every 200 is a stored event)");
            Figures.Print("load average at end (1/5/15 min)", Stats.LoadAverage());
        }
        finally
        {
            foreach (var server in servers) await server.Stop();
        }
    }

    /// <summary>One measurement by a load generator process of its own: <c>webhook-load</c>, printing its figures as JSON.</summary>
    static async Task<Run> GenerateAsync(string url, string mode, int rate, int seconds, int connections)
    {
        var output = await ChildProcess.RunAsync("webhook-load", "--url", url, "--mode", mode, "--rate", rate.ToString(CultureInfo.InvariantCulture),
            "--seconds", seconds.ToString(CultureInfo.InvariantCulture), "--connections", connections.ToString(CultureInfo.InvariantCulture));
        return JsonSerializer.Deserialize<Run>(output.Trim().Split('\n')[^1])!;
    }

    /// <summary>The load generator process: one run against one URL, figures as one JSON line.</summary>
    public static async Task LoadAsync(string[] args)
    {
        var url = Stats.Text(args, "--url") ?? throw new ArgumentException("--url");
        var seconds = TimeSpan.FromSeconds(Stats.Option(args, "--seconds", 10));
        var connections = Stats.Option(args, "--connections", 32);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(connections, 256),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        }) { Timeout = TimeSpan.FromSeconds(10) };
        var payloads = new Payloads();
        var run = Stats.Text(args, "--mode") == "fixed"
            ? await FixedRateAsync(client, url, payloads, Stats.Option(args, "--rate", 500), seconds)
            : await MaxAsync(client, url, payloads, connections, seconds);
        Console.WriteLine(JsonSerializer.Serialize(run));
    }

    /// <summary>
    /// The floor: what any webhook must do, and nothing else — an ASP.NET Core minimal API that reads the body, checks
    /// its HMAC signature and parses the JSON, answering 200. Its own process, Kestrel's defaults, no logging.
    /// </summary>
    public static async Task FloorAsync(string[] args)
    {
        var key = Encoding.UTF8.GetBytes(Stats.Text(args, "--secret") ?? Secret);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Stats.Option(args, "--port", 5098)}");
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/line/webhook", async (HttpContext http) =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            var body = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var expected = HMACSHA256.HashData(key, body);
            var given = new byte[32];
            if (!Convert.TryFromBase64String(http.Request.Headers["x-line-signature"].ToString(), given, out var length)
                || length != 32 || !CryptographicOperations.FixedTimeEquals(expected, given)) return Results.StatusCode(401);
            using var json = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
            return json.RootElement.TryGetProperty("events", out _) ? Results.Ok() : Results.BadRequest();
        });
        await app.RunAsync();
    }

    public sealed record Run(long Ok, long Failed, double PerSecond, double P50, double P99, double Max);

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

    sealed record Peer(string Url, int Pid, Func<ValueTask> Stop);

    /// <summary>The Node.js peer (bench/peer, @line/bot-sdk's middleware), or null when node or the package cannot be had here.</summary>
    static async Task<Peer?> StartPeerAsync(string directory)
    {
        try
        {
            if (!Directory.Exists(Path.Combine(directory, "node_modules", "@line", "bot-sdk")))
            {
                Console.WriteLine("peer: installing @line/bot-sdk with npm ci …");
                using var install = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = directory })!;
                await install.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(5)).Token);
                if (install.ExitCode != 0) return null;
            }
            var port = BenchApp.FreeLoopbackPort();
            var start = new ProcessStartInfo("node", "server.js") { WorkingDirectory = directory, RedirectStandardOutput = true };
            start.Environment["PORT"] = port.ToString(CultureInfo.InvariantCulture);
            start.Environment["LINE_CHANNEL_SECRET"] = Secret;
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            await ChildProcess.WaitHealthyAsync(process, $"http://127.0.0.1:{port}/health");
            return new Peer($"http://127.0.0.1:{port}/line/webhook", process.Id, async () =>
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no node or npm on this machine
        }
    }

    static async Task<string> PeerVersionAsync()
    {
        using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
        var version = (await node.StandardOutput.ReadToEndAsync()).Trim();
        await node.WaitForExitAsync();
        return version;
    }

    static string? FindPeerDirectory()
    {
        // Above the binaries, or above the folder the benchmark was started from (binaries copied elsewhere).
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "peer");
                if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
            }
        return null;
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
