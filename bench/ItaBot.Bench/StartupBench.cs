using System.Diagnostics;
using System.Net;

namespace ItaBot.Bench;

/// <summary>
/// Process start to ready (first 200 from /health) and resident memory after start, for first starts on an empty
/// database (schema, Hangfire's storage, demo data) and later starts on the same database. Each round starts on a
/// fresh database; the shared machine is noisy, so figures are min / median / max over the rounds.
/// Usage: <c>startup [rounds=3] [starts per round=3] [path/to/ItaBot.dll]</c>.
/// </summary>
public static class StartupBench
{
    public static async Task RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 3;
        var startsPerRound = args.Length > 1 && int.TryParse(args[1], out var s) ? s : 3;
        // A third argument names another build's ItaBot.dll, to compare two versions with the same measurement.
        var dll = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(AppContext.BaseDirectory, "ItaBot.dll");
        Console.WriteLine($"startup: {dll}, {rounds} rounds of {startsPerRound} starts");
        var first = new List<(TimeSpan Ready, long RssMb)>();
        var later = new List<(TimeSpan Ready, long RssMb)>();
        var settledFirst = new List<(TimeSpan Ready, long RssMb)>();
        var settledLater = new List<(TimeSpan Ready, long RssMb)>();
        Console.WriteLine($"load average before: {File.ReadAllText("/proc/loadavg").Trim()}");
        for (var round = 0; round < rounds; round++)
        {
            var work = Directory.CreateTempSubdirectory("itabot-startup-");
            try
            {
                var database = Path.Combine(work.FullName, "itabot.db");
                for (var i = 0; i < startsPerRound; i++)
                {
                    var (ready, rssMb, settled, simulator) = await StartOnceAsync(dll, database, work.FullName);
                    (i == 0 ? first : later).Add((ready, rssMb));
                    (i == 0 ? settledFirst : settledLater).Add((ready, settled.RssMb));
                    Figures.Print(i == 0 ? $"round {round + 1}: first start" : $"round {round + 1}: start #{i + 1}",
                        $"{ready.TotalMilliseconds,6:F0} ms to ready, {rssMb,4} MB resident{(simulator is null ? "" : " (LINE simulator on)")}; 10 s later {settled.RssMb} MB (PSS {settled.PssMb}, private {settled.PrivateMb})");
                    if (simulator is { } sim)
                        Figures.Print("  simulator", $"page {sim.Page.TotalMilliseconds,5:F0} ms, typed 'สถานะ' to the bot's card {sim.Answer.TotalMilliseconds,5:F0} ms, {sim.RssMb,4} MB resident after");
                }
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        Print("first start (empty database, demo load)", first);
        Print("later starts (existing database)", later);
        Print("first start, 10 s after ready", settledFirst);
        Print("later starts, 10 s after ready", settledLater);
        Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("resident = VmRSS (what the issue means); PSS shares the framework's pages with other dotnet processes; private = Private_Clean + Private_Dirty");
        Console.WriteLine("targets: ready < 3000 ms, resident < 150 MB");
    }

    static void Print(string name, List<(TimeSpan Ready, long RssMb)> figures)
    {
        if (figures.Count == 0) return;
        var ready = figures.Select(f => f.Ready.TotalMilliseconds).Order().ToList();
        var rss = figures.Select(f => (double)f.RssMb).Order().ToList();
        Figures.Print(name, $"ready {ready[0]:F0} / {Median(ready):F0} / {ready[^1]:F0} ms, resident {rss[0]:F0} / {Median(rss):F0} / {rss[^1]:F0} MB (min / median / max, n={figures.Count})");
    }

    static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    sealed record SimulatorFigures(TimeSpan Page, TimeSpan Answer, long RssMb);

    sealed record Settled(long RssMb, long PssMb, long PrivateMb);

    static async Task<(TimeSpan Ready, long RssMb, Settled Settled, SimulatorFigures? Simulator)> StartOnceAsync(string dll, string database, string workDir)
    {
        var port = BenchApp.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
                    if (response.StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                if (process.HasExited) throw new InvalidOperationException($"ItaBot exited with code {process.ExitCode} before it was ready");
                await Task.Delay(10);
            }
            var ready = watch.Elapsed;
            // Let start-up work settle before reading memory: background services, Hangfire's server and its first wave.
            await Task.Delay(2000);
            var rss = ResidentMb(process.Id);
            // Once start-up's one-off work is over (Data/MemoryAfterStart hands its heap back after two quiet seconds).
            await Task.Delay(8000);
            var settled = Rollup(process.Id);
            return (ready, rss, settled, await SimulatorAsync(port, process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>
    /// The simulator as a person meets it: open /simulator, open the first unit's group, type "สถานะ" as its head,
    /// and wait for the bot's card (webhook → inbox → chat → reply through the simulator's Messaging API).
    /// </summary>
    static async Task<SimulatorFigures?> SimulatorAsync(int port, int pid)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        using var opened = await http.GetAsync("/simulator");
        if (!opened.IsSuccessStatusCode) return null; // Simulator__Enabled=false
        var list = await opened.Content.ReadAsStringAsync();
        var page = watch.Elapsed;
        var group = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/simulator\\?chat=C[^\"]+)\"[^>]*>\\s*<span class=\"avatar\">[^<]*</span>\\s*<span class=\"name\">ITA ");
        if (!group.Success) return null;
        // The first start sets the chats up (the bot joins, the coordinator binds): wait for that before talking.
        var chatUrl = System.Net.WebUtility.HtmlDecode(group.Groups[1].Value);
        var chatId = System.Text.RegularExpressions.Regex.Match(chatUrl, "chat=(C[0-9a-f]+)").Groups[1].Value;
        for (var i = 0; i < 300 && System.Text.RegularExpressions.Regex.Count(await http.GetStringAsync($"/simulator/messages?chat={chatId}&after=0"), "row bot") < 2; i++)
            await Task.Delay(100);
        var html = await http.GetStringAsync(chatUrl);
        // The page's anti-forgery field, whatever the app names it (__csrf today).
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "<input[^>]*name=\"(__[A-Za-z]+)\"[^>]*type=\"hidden\"[^>]*value=\"([^\"]+)\"");
        var (tokenField, token) = (antiforgery.Groups[1].Value, antiforgery.Groups[2].Value);
        var me = System.Text.RegularExpressions.Regex.Match(html, "data-as=\"(U[0-9a-f]+)\"").Groups[1].Value;
        var last = System.Text.RegularExpressions.Regex.Match(html, "data-last=\"(\\d+)\"").Groups[1].Value;
        watch.Restart();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { [tokenField] = token, ["chat"] = chatId, ["as"] = me, ["text"] = "สถานะ" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/simulator/say") { Content = form };
        request.Headers.Add("X-Requested-With", "fetch");
        using (var sent = await http.SendAsync(request)) sent.EnsureSuccessStatusCode();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            var messages = await http.GetStringAsync($"/simulator/messages?chat={chatId}&as={me}&after={last}");
            if (messages.Contains("flex-message", StringComparison.Ordinal)) return new SimulatorFigures(page, watch.Elapsed, ResidentMb(pid));
            await Task.Delay(20);
        }
        return null;
    }

    static Settled Rollup(int pid)
    {
        long Kb(string name) => File.ReadLines($"/proc/{pid}/smaps_rollup").Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
            .Sum(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture));
        return new Settled(Kb("Rss") / 1024, Kb("Pss") / 1024, (Kb("Private_Clean") + Kb("Private_Dirty")) / 1024);
    }

    static long ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
