using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ItaBot.Bench;

/// <summary>
/// Chat handling end to end, the app in its own process: signed status updates ("M6 กำลังดำเนินการค่ะ") posted to the
/// webhook in N groups bound to a unit, each answered by a reply that arrives at a fake LINE on loopback. Per round
/// (a fresh app each): reply latency one message a second; fixed rates (open loop: webhook ack and reply latency,
/// handled per second); flat out (32 posters, then every reply awaited: capacity); a burst of 30 messages from 30
/// members of one group at once; resident memory. Every reply is checked to arrive once and, per group, in the order
/// sent. Figures are min / median / max over the rounds, with the load average (the machine is shared).
///   dotnet run -c Release --project bench/ItaBot.Bench -- chat [--rounds 3] [--groups 20] [--rates 50,100,200,400]
///       [--seconds 8] [--flat 2000] [--slow 20] [--warmup 40] [--cpu 100] [--burst 0|1] [--soak-seconds 300 --soak-rate 20] [--dll other/ItaBot.dll] [--env KEY=VALUE]…
/// </summary>
public static class ChatBench
{
    const string Secret = "bench-channel-secret-0123456789ab";
    const string Bot = "Ubench0000000000000000000000000bot";
    static readonly string Admin = "U" + new string('a', 32);

    static readonly string[] Texts = ["M6 กำลังดำเนินการค่ะ", "M7 อยู่ระหว่างดำเนินการครับ", "M6 ดำเนินการอยู่ครับ", "M7 กำลังดำเนินการค่ะ"];

    sealed record Sent(int Group, long Seq, string Token, long SentTicks, double AckMs, bool Ok)
    {
        public long AckedTicks => SentTicks + (long)(AckMs * Stopwatch.Frequency / 1000);
    }

    sealed record Outcome(int Sent, int Replied, int Missing, int Twice, int OutOfOrder, double AckP50, double AckP99,
        double ReplyP50, double ReplyP99, double ReplyMax, double HandledPerSecond, double OfferedPerSecond);

    public static async Task RunAsync(string[] args)
    {
        var rounds = Stats.Option(args, "--rounds", 3);
        var groups = Stats.Option(args, "--groups", 20);
        var rates = Stats.Ints(args, "--rates", 50, 100, 200, 400);
        var seconds = Stats.Option(args, "--seconds", 8);
        var flat = Stats.Option(args, "--flat", 2000);
        var slow = Stats.Option(args, "--slow", 20);
        var soakSeconds = Stats.Option(args, "--soak-seconds", 0);
        var soakRate = Stats.Option(args, "--soak-rate", 20);
        var dll = Stats.Text(args, "--dll");
        var extraEnv = Stats.All(args, "--env");
        var burst = Stats.Option(args, "--burst", 1) > 0;
        var warmup = Stats.Option(args, "--warmup", groups * 2);
        var cpuMessages = Stats.Option(args, "--cpu", 100);

        await using var line = await FakeLineApi.StartAsync();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false })
        { Timeout = TimeSpan.FromSeconds(30) };

        Console.WriteLine($"chat: {rounds} rounds, {groups} bound groups; 1/s × {slow}; rates {string.Join(",", rates)}/s × {seconds} s; flat out {flat}; burst 30 in one group");
        Console.WriteLine($"app: {dll ?? AppProcess.DefaultDll} {string.Join(" ", extraEnv)}");
        Figures.Print("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Figures.Print("load average at start (1/5/15 min)", Stats.LoadAverage());

        var startRss = new List<double>();
        var endRss = new List<double>();
        var slowP50 = new List<double>();
        var slowP99 = new List<double>();
        var slowCpu = new List<double>();
        var cpuNet = new List<double>();
        var byRate = rates.ToDictionary(r => r, _ => new List<Outcome>());
        var cpuPerEvent = rates.ToDictionary(r => r, _ => new List<double>());
        var flats = new List<Outcome>();
        var bursts = new List<Outcome>();
        var problems = 0;
        for (var round = 1; round <= rounds; round++)
        {
            await using var app = await AppProcess.StartAsync(AppSettings(line), dll, extraEnv);
            var poster = new Poster(client, app.Url);
            await Task.Delay(2000); // start-up work settles (background services, the first reminder check)
            startRss.Add(app.ResidentMb());
            Console.WriteLine($"round {round}: app pid {app.Pid} ready in {app.Ready.TotalMilliseconds:0} ms, {startRss[^1]} MB resident; load {Stats.LoadAverage()}");

            for (var g = 0; g < groups; g++)
            {
                var bound = await poster.PostAsync(g, Admin, "ผูกกลุ่ม กองคลัง");
                await WaitAsync(line, [bound], TimeSpan.FromSeconds(30));
            }
            await WaitAsync(line, await Sequentially(poster, warmup, g => g % groups), TimeSpan.FromSeconds(60 + warmup / 2)); // warm-up

            var outcomes = new List<Outcome>();
            if (cpuMessages > 0)
            {
                var (net, idle) = await CpuPerMessageAsync(app, poster, line, groups, cpuMessages);
                cpuNet.Add(net);
                Figures.Print("  CPU per message, one at a time (net of idle)", string.Create(CultureInfo.InvariantCulture, $"{net:0.0} ms (idle {idle:0.0} ms/s)"));
            }
            if (slow > 0)
            {
                var cpuBefore = app.CpuSeconds();
                var slowOutcome = await Summarise(line, await Paced(poster, groups, 1, slow), TimeSpan.FromSeconds(30));
                slowP50.Add(slowOutcome.ReplyP50);
                slowP99.Add(slowOutcome.ReplyP99);
                outcomes.Add(slowOutcome);
                Show($"  1/s", slowOutcome);
                // Every message answered, none waiting: the cleanest CPU per message (at a rate the app cannot keep up
                // with, webhooks stored but not yet answered count against the answered ones).
                slowCpu.Add((app.CpuSeconds() - cpuBefore) * 1000 / Math.Max(1, slowOutcome.Replied));
                Figures.Print("  1/s: app CPU per answered message", string.Create(CultureInfo.InvariantCulture, $"{slowCpu[^1]:0.0} ms (idle work included)"));
            }

            foreach (var rate in rates)
            {
                var cpuBefore = app.CpuSeconds();
                var sent = await Paced(poster, groups, rate, rate * seconds);
                var outcome = await Summarise(line, sent, TimeSpan.FromSeconds(120));
                byRate[rate].Add(outcome);
                outcomes.Add(outcome);
                Show($"  {rate}/s", outcome);
                // The app's own CPU per answered message, webhook to reply: what caps capacity on a busy machine (2 cores
                // give 2,000 ms a second), and less sensitive than latencies to what else the machine runs.
                cpuPerEvent[rate].Add((app.CpuSeconds() - cpuBefore) * 1000 / Math.Max(1, outcome.Replied));
                Figures.Print($"  {rate}/s: app CPU per answered message", string.Create(CultureInfo.InvariantCulture, $"{cpuPerEvent[rate][^1]:0.0} ms"));
            }

            if (flat > 0)
            {
                var flatOutcome = await Summarise(line, await FlatOut(poster, groups, flat, connections: 32), TimeSpan.FromSeconds(180));
                flats.Add(flatOutcome);
                outcomes.Add(flatOutcome);
                Show("  flat out", flatOutcome);
            }

            if (burst)
            {
                var burstOutcome = await Summarise(line, await Burst(poster, line, groups, 30), TimeSpan.FromSeconds(60));
                bursts.Add(burstOutcome);
                outcomes.Add(burstOutcome);
                Show("  burst of 30, one group", burstOutcome);
            }

            endRss.Add(app.ResidentMb());
            Console.WriteLine($"  resident after the round: {endRss[^1]} MB; app CPU {app.CpuSeconds():0.0} s; pushes seen {line.Pushes}; load {Stats.LoadAverage()}");
            problems += outcomes.Sum(o => o.Missing + o.Twice + o.OutOfOrder);

            if (round == 1 && soakSeconds > 0) await SoakAsync(app, poster, line, groups, soakRate, soakSeconds);
        }

        Console.WriteLine();
        Console.WriteLine("summary (min / median / max over rounds)");
        Figures.Print("resident after start", Stats.Show(startRss, "MB"));
        Figures.Print("resident after a round", Stats.Show(endRss, "MB"));
        Figures.Print("reply at 1/s: p50", Stats.Show(slowP50, "ms"));
        Figures.Print("reply at 1/s: p99", Stats.Show(slowP99, "ms"));
        Figures.Print("CPU per message, one at a time, net of idle", Stats.Show(cpuNet, "ms", "0.0"));
        Figures.Print("1/s: app CPU per answered message", Stats.Show(slowCpu, "ms", "0.0"));
        foreach (var (rate, outcomes) in byRate)
        {
            Figures.Print($"{rate}/s: webhook ack p99", Stats.Show(outcomes.Select(o => o.AckP99), "ms", "0.0"));
            Figures.Print($"{rate}/s: reply p50", Stats.Show(outcomes.Select(o => o.ReplyP50), "ms"));
            Figures.Print($"{rate}/s: reply p99", Stats.Show(outcomes.Select(o => o.ReplyP99), "ms"));
            Figures.Print($"{rate}/s: handled per second", Stats.Show(outcomes.Select(o => o.HandledPerSecond), "/s"));
            Figures.Print($"{rate}/s: app CPU per answered message", Stats.Show(cpuPerEvent[rate], "ms", "0.0"));
        }
        Figures.Print("flat out: handled per second (capacity)", Stats.Show(flats.Select(o => o.HandledPerSecond), "/s"));
        Figures.Print("flat out: webhook ack p99", Stats.Show(flats.Select(o => o.AckP99), "ms", "0.0"));
        Figures.Print("burst of 30: last reply", Stats.Show(bursts.Select(o => o.ReplyMax), "ms"));
        Figures.Print("burst of 30: handled per second", Stats.Show(bursts.Select(o => o.HandledPerSecond), "/s"));
        Figures.Print("replies missing + sent twice + out of order", problems.ToString(CultureInfo.InvariantCulture));
        Figures.Print("load average at end (1/5/15 min)", Stats.LoadAverage());
    }

    static Dictionary<string, string> AppSettings(FakeLineApi line) => new()
    {
        ["Demo__Load"] = "true",
        ["Line__ChannelSecret"] = Secret,
        ["Line__ChannelAccessToken"] = "bench-access-token",
        ["Line__ApiBaseUrl"] = line.Url,
        ["Line__DataApiBaseUrl"] = line.Url,
        ["Admin__LineUserIds__0"] = Admin,
        ["Reminders__SchedulerEnabled"] = "false",
        ["Simulator__Enabled"] = "false",
    };

    static async Task SoakAsync(AppProcess app, Poster poster, FakeLineApi line, int groups, int rate, int seconds)
    {
        Console.WriteLine($"  soak: {rate}/s for {seconds} s; resident every 30 s");
        var samples = new List<double>();
        var clock = Stopwatch.StartNew();
        var all = new List<Sent>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            var chunk = Math.Min(30, seconds - (int)clock.Elapsed.TotalSeconds);
            if (chunk <= 0) break;
            all.AddRange(await Paced(poster, groups, rate, rate * chunk));
            samples.Add(app.ResidentMb());
            Console.WriteLine($"    {clock.Elapsed.TotalSeconds,4:0} s: {samples[^1]} MB resident; load {Stats.LoadAverage()}");
        }
        var outcome = await Summarise(line, all, TimeSpan.FromSeconds(60));
        Show("  soak", outcome);
        Figures.Print("  soak: resident at the end · max", $"{samples[^1]} · {samples.Max()} MB");
    }

    /// <summary>
    /// The app's CPU for one status update, webhook to reply, measured so that the shared machine matters least: the
    /// app's own idle CPU (timers, polls, background work) over 10 s first, then messages one at a time (each sent
    /// when the previous one's reply arrived), and the CPU they took less the idle rate over the same time.
    /// </summary>
    static async Task<(double NetMs, double IdleMsPerSecond)> CpuPerMessageAsync(AppProcess app, Poster poster, FakeLineApi line, int groups, int count)
    {
        var idleClock = Stopwatch.StartNew();
        var idleBefore = app.CpuSeconds();
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idle = (app.CpuSeconds() - idleBefore) * 1000 / idleClock.Elapsed.TotalSeconds;
        var clock = Stopwatch.StartNew();
        var before = app.CpuSeconds();
        for (var i = 0; i < count; i++)
        {
            var g = i % groups;
            var sent = await poster.PostAsync(g, Member(g, 100 + i / groups), Texts[i % Texts.Length]);
            await WaitAsync(line, [sent], TimeSpan.FromSeconds(30));
        }
        var used = (app.CpuSeconds() - before) * 1000 - idle * clock.Elapsed.TotalSeconds;
        return (used / count, idle);
    }

    static void Show(string name, Outcome o) => Figures.Print(name,
        string.Create(CultureInfo.InvariantCulture, $"sent {o.Sent} replied {o.Replied} · ack p50 {o.AckP50:0.0} p99 {o.AckP99:0.0} ms · reply p50 {o.ReplyP50:0} p99 {o.ReplyP99:0} max {o.ReplyMax:0} ms · {o.HandledPerSecond:0}/s handled of {o.OfferedPerSecond:0}/s offered · missing {o.Missing} twice {o.Twice} out of order {o.OutOfOrder}"));

    /// <summary>One message at a time per group in turn, each awaited to its ack (warm-up).</summary>
    static async Task<List<Sent>> Sequentially(Poster poster, int count, Func<int, int> group)
    {
        var sent = new List<Sent>();
        for (var i = 0; i < count; i++) sent.Add(await poster.PostAsync(group(i), Member(group(i), i), Texts[i % Texts.Length]));
        return sent;
    }

    /// <summary>Open loop: message i is due at i/rate, round robin over the groups, whatever happened before.</summary>
    static async Task<List<Sent>> Paced(Poster poster, int groups, int rate, int count)
    {
        var tasks = new Task<Sent>[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            var g = i % groups;
            var n = i / groups;
            tasks[i] = poster.PostAsync(g, Member(g, n), Texts[n % Texts.Length]);
        }
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>Closed loop: a fixed number of posters, each sending its next message when the last one is acknowledged.</summary>
    static async Task<List<Sent>> FlatOut(Poster poster, int groups, int count, int connections)
    {
        var sent = new ConcurrentBag<Sent>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var g = i % groups;
                var n = i / groups;
                sent.Add(await poster.PostAsync(g, Member(g, n), Texts[n % Texts.Length]));
            }
        })));
        return [.. sent];
    }

    /// <summary>30 members of one group report at the same moment.</summary>
    static async Task<List<Sent>> Burst(Poster poster, FakeLineApi line, int groups, int members)
    {
        var g = groups; // a group of its own, bound first
        var bound = await poster.PostAsync(g, Admin, "ผูกกลุ่ม กองคลัง");
        await WaitAsync(line, [bound], TimeSpan.FromSeconds(30));
        return [.. await Task.WhenAll(Enumerable.Range(0, members).Select(m => poster.PostAsync(g, Member(g, m), Texts[m % 2])))];
    }

    static string Member(int group, int n) => "U" + (group * 1000 + n % 30).ToString("x32", CultureInfo.InvariantCulture);

    /// <summary>Waits (bounded) until every sent message's reply arrived, or nothing new arrived for 15 s.</summary>
    static async Task WaitAsync(FakeLineApi line, IReadOnlyCollection<Sent> sent, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var lastProgress = clock.Elapsed;
        var arrived = 0;
        while (clock.Elapsed < limit && clock.Elapsed - lastProgress < TimeSpan.FromSeconds(15))
        {
            var now = sent.Count(s => line.Reply(s.Token) is not null);
            if (now == sent.Count) return;
            if (now > arrived) { arrived = now; lastProgress = clock.Elapsed; }
            await Task.Delay(20);
        }
    }

    static async Task<Outcome> Summarise(FakeLineApi line, List<Sent> sent, TimeSpan limit)
    {
        await WaitAsync(line, sent, limit);
        // A moment more, so an answer sent twice has time to show.
        await Task.Delay(300);
        var arrivals = sent.Select(s => (Sent: s, Arrival: line.Reply(s.Token))).ToList();
        var replied = arrivals.Where(a => a.Arrival is not null).ToList();
        var latencies = replied.Select(a => Stopwatch.GetElapsedTime(a.Sent.SentTicks, a.Arrival!.Ticks).TotalMilliseconds).Order().ToList();
        var acks = sent.Where(s => s.Ok).Select(s => s.AckMs).Order().ToList();
        // Out of order: in one group, a message acknowledged before the next one was posted, answered after it. (Two
        // messages in flight at once may be stored either way round, as LINE's own deliveries may.)
        var outOfOrder = replied.GroupBy(a => a.Sent.Group).Sum(g =>
        {
            var inOrder = g.OrderBy(a => a.Sent.Seq).ToList();
            return inOrder.Sum(later => inOrder.Count(earlier => earlier.Sent.Seq < later.Sent.Seq && earlier.Sent.AckedTicks < later.Sent.SentTicks
                && earlier.Arrival!.Sequence > later.Arrival!.Sequence));
        });
        var first = sent.Min(s => s.SentTicks);
        var lastSent = sent.Max(s => s.SentTicks);
        var lastReply = replied.Count == 0 ? first : replied.Max(a => a.Arrival!.Ticks);
        var handled = replied.Count / Math.Max(1e-6, Stopwatch.GetElapsedTime(first, lastReply).TotalSeconds);
        var offered = sent.Count / Math.Max(1e-6, Stopwatch.GetElapsedTime(first, lastSent).TotalSeconds);
        return new Outcome(sent.Count, replied.Count, sent.Count - replied.Count, replied.Count(a => a.Arrival!.Count > 1), outOfOrder,
            Stats.Percentile(acks, 0.5), Stats.Percentile(acks, 0.99),
            Stats.Percentile(latencies, 0.5), Stats.Percentile(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies[^1], handled, offered);
    }

    /// <summary>Signs and posts one group text message; the webhook's ack time is measured, the reply is looked up by its token.</summary>
    sealed class Poster(HttpClient client, string url)
    {
        readonly byte[] _key = Encoding.UTF8.GetBytes(Secret);
        readonly long _base = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long _seq;

        public async Task<Sent> PostAsync(int group, string user, string text)
        {
            var seq = Interlocked.Increment(ref _seq);
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var groupId = "C" + group.ToString("x32", CultureInfo.InvariantCulture);
            // Timestamps strictly increase with the sending order, so "order per chat" has one meaning.
            var timestamp = Math.Max(_base + seq, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var body = Encoding.UTF8.GetBytes(
                $$"""{"destination":"{{Bot}}","events":[{"type":"message","message":{"type":"text","id":"{{9_000_000_000_000 + seq}}","quoteToken":"q{{seq}}","text":"{{text}}"},"webhookEventId":"01BENCH{{token[..8].ToUpperInvariant()}}{{seq:D12}}","deliveryContext":{"isRedelivery":false},"timestamp":{{timestamp}},"source":{"type":"group","groupId":"{{groupId}}","userId":"{{user}}"},"replyToken":"{{token}}","mode":"active"}]}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, url + "/line/webhook") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("x-line-signature", Convert.ToBase64String(HMACSHA256.HashData(_key, body)));
            var start = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var response = await client.SendAsync(request);
                ok = response.StatusCode == HttpStatusCode.OK;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            return new Sent(group, seq, token, start, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
        }
    }
}
