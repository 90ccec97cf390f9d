using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ItaBot.Bench;

/// <summary>This benchmark program started again as a process of its own (a load generator, the minimal-API floor).</summary>
public static class ChildProcess
{
    static ProcessStartInfo Self(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ItaBot.Bench.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        return start;
    }

    /// <summary>Runs to the end and returns what it printed.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        using var process = Process.Start(Self(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"bench {string.Join(" ", args)} failed: {await error}");
        return await output;
    }

    public sealed record Server(string Url, int Pid, Func<ValueTask> Stop);

    /// <summary>Starts a server mode of this program on a free port and waits for its /health.</summary>
    public static async Task<Server> StartServerAsync(string mode, string secret)
    {
        var port = BenchApp.FreeLoopbackPort();
        var process = Process.Start(Self([mode, "--port", port.ToString(CultureInfo.InvariantCulture), "--secret", secret]))!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitHealthyAsync(process, $"http://127.0.0.1:{port}/health");
        return new Server($"http://127.0.0.1:{port}/line/webhook", process.Id, async () =>
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        });
    }

    public static async Task WaitHealthyAsync(Process process, string url)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"{url}: the process exited at start");
            try
            {
                using var response = await probe.GetAsync(url);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{url} did not answer within 60 s");
    }
}
