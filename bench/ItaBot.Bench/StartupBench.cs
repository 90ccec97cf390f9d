using System.Diagnostics;
using System.Net;

namespace ItaBot.Bench;

/// <summary>
/// Process start to ready (first 200 from /health) and resident memory after start, for a first start on
/// an empty database (schema + demo data) and a second start on the same database.
/// </summary>
public static class StartupBench
{
    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 3;
        var dll = Path.Combine(AppContext.BaseDirectory, "ItaBot.dll");
        var work = Directory.CreateTempSubdirectory("itabot-startup-");
        try
        {
            var database = Path.Combine(work.FullName, "itabot.db");
            Console.WriteLine($"startup: {dll}");
            for (var i = 0; i < runs; i++)
            {
                var (ready, rssMb, simulator) = await StartOnceAsync(dll, database, work.FullName);
                Figures.Print(i == 0 ? "first start (empty database, demo load)" : $"start #{i + 1} (existing database)",
                    $"{ready.TotalMilliseconds,6:F0} ms to ready, {rssMb,4} MB resident{(simulator is null ? "" : " (LINE simulator on)")}");
                if (simulator is { } sim)
                    Figures.Print("  simulator", $"page {sim.Page.TotalMilliseconds,5:F0} ms, typed 'สถานะ' to the bot's card {sim.Answer.TotalMilliseconds,5:F0} ms, {sim.RssMb,4} MB resident after");
            }
            Console.WriteLine("targets: ready < 3000 ms, resident < 150 MB");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    sealed record SimulatorFigures(TimeSpan Page, TimeSpan Answer, long RssMb);

    static async Task<(TimeSpan Ready, long RssMb, SimulatorFigures? Simulator)> StartOnceAsync(string dll, string database, string workDir)
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
            while (watch.Elapsed < TimeSpan.FromSeconds(30))
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
            await Task.Delay(500); // let start-up work (demo load, background services) settle before reading memory
            var rss = ResidentMb(process.Id);
            return (ready, rss, await SimulatorAsync(port, process.Id));
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
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var me = System.Text.RegularExpressions.Regex.Match(html, "data-as=\"(U[0-9a-f]+)\"").Groups[1].Value;
        var last = System.Text.RegularExpressions.Regex.Match(html, "data-last=\"(\\d+)\"").Groups[1].Value;
        watch.Restart();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["chat"] = chatId, ["as"] = me, ["text"] = "สถานะ" });
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

    static long ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
