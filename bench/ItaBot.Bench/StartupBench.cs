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
        for (var round = 0; round < rounds; round++)
        {
            var work = Directory.CreateTempSubdirectory("itabot-startup-");
            try
            {
                var database = Path.Combine(work.FullName, "itabot.db");
                for (var i = 0; i < startsPerRound; i++)
                {
                    var figure = await StartOnceAsync(dll, database, work.FullName);
                    (i == 0 ? first : later).Add(figure);
                    Figures.Print(i == 0 ? $"round {round + 1}: first start" : $"round {round + 1}: start #{i + 1}",
                        $"{figure.Ready.TotalMilliseconds,6:F0} ms to ready, {figure.RssMb,4} MB resident");
                }
            }
            finally
            {
                work.Delete(recursive: true);
            }
        }
        Print("first start (empty database, demo load)", first);
        Print("later starts (existing database)", later);
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

    static async Task<(TimeSpan Ready, long RssMb)> StartOnceAsync(string dll, string database, string workDir)
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
            return (ready, ResidentMb(process.Id));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    static long ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }
}
