using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace ItaBot.Bench;

/// <summary>
/// The real ItaBot as its own process (<c>dotnet ItaBot.dll</c>), as it runs in an office: the benchmark's load
/// generator and fake LINE never share its CPU time, its GC or its thread pool. Settings are environment variables;
/// <c>--env KEY=VALUE</c> on the command line adds more (GC settings to compare, for instance).
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly DirectoryInfo _work;

    AppProcess(Process process, DirectoryInfo work, int port)
    {
        _process = process;
        _work = work;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }
    public int Pid => _process.Id;
    public TimeSpan Ready { get; private set; }

    public static string DefaultDll => Path.Combine(AppContext.BaseDirectory, "ItaBot.dll");

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string? dll = null, IEnumerable<string>? extraEnv = null)
    {
        var work = Directory.CreateTempSubdirectory("itabot-bench-app-");
        var port = BenchApp.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [dll ?? DefaultDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = work.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(work.FullName, "itabot.db")}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "Error";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        foreach (var pair in extraEnv ?? [])
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0) start.Environment[pair[..at]] = pair[(at + 1)..];
        }
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, work, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"ItaBot exited with code {process.ExitCode} before it was ready");
            try
            {
                using var response = await http.GetAsync(app.Url + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    app.Ready = watch.Elapsed;
                    return app;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(50);
        }
        await app.DisposeAsync();
        throw new TimeoutException("ItaBot was not ready within 120 s");
    }

    /// <summary>Resident memory (VmRSS) of the app process now.</summary>
    public long ResidentMb() => ResidentMb(_process.Id);

    public static long ResidentMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU seconds (user + system) the app process has used so far.</summary>
    public double CpuSeconds() => Stats.CpuSeconds(_process.Id);

    /// <summary>Rows in the app's line_inbox (read from its SQLite file while it runs).</summary>
    public long InboxRows()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_work.FullName, "itabot.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM line_inbox";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { _work.Delete(recursive: true); } catch (IOException) { }
    }
}
