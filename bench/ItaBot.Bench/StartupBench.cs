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
                var (ready, rssMb) = await StartOnceAsync(dll, database, work.FullName);
                Figures.Print(i == 0 ? "first start (empty database, demo load)" : $"start #{i + 1} (existing database)",
                    $"{ready.TotalMilliseconds,6:F0} ms to ready, {rssMb,4} MB resident");
            }
            Console.WriteLine("targets: ready < 3000 ms, resident < 150 MB");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

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
