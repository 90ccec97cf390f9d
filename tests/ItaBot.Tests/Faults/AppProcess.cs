using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ItaBot.Tests.Support.FakeLine;

namespace ItaBot.Tests.Faults;

/// <summary>
/// The app as a real child process (<c>dotnet ItaBot.dll</c>, as it runs in production) on a given SQLite file,
/// pointed at the fake LINE server, so a test can kill it with SIGKILL mid-work and start it again on the same file.
/// Its clock is the real one.
/// </summary>
sealed class AppProcess : IAsyncDisposable
{
    static readonly TimeSpan StartWithin = TimeSpan.FromSeconds(90);

    readonly Process _process;
    readonly ConcurrentQueue<string> _log = new();

    AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the app wrote to stderr (warnings and errors), for the failure message.</summary>
    public string Log => string.Join('\n', _log.TakeLast(60));

    public static async Task<AppProcess> StartAsync(string databasePath, FakeLineServer line, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ItaBot.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = $"Data Source={databasePath}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
            ["Demo__Load"] = "false",
            ["Simulator__Enabled"] = "false",
            ["Reminders__SchedulerEnabled"] = "false",
            ["Line__ChannelSecret"] = line.ChannelSecret,
            ["Line__ChannelAccessToken"] = line.AccessToken,
            ["Line__ApiBaseUrl"] = line.BaseUrl.ToString(),
            ["Line__DataApiBaseUrl"] = line.DataBaseUrl.ToString(),
            // A dead instance's leases run out in seconds, not minutes.
            ["Line__Inbox__Lease"] = "00:00:03",
            ["Line__Outbox__Lease"] = "00:00:03",
            ["Line__Inbox__PollInterval"] = "00:00:01",
            ["Line__Outbox__PollInterval"] = "00:00:01",
            ["Line__Outbox__RequestTimeout"] = "00:00:02",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitReadyAsync();
        return app;
    }

    async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartWithin;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"ItaBot exited with {_process.ExitCode} before it was ready:\n{Log}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"ItaBot was not ready within {StartWithin.TotalSeconds} s:\n{Log}");
    }

    /// <summary>Posts a signed webhook as LINE would.</summary>
    public async Task PostAsync(SignedWebhook webhook)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.SendAsync(webhook.CreateRequest("/line/webhook"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>kill -9: no shutdown, no flushing, leases and transactions left as they are.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
