using System.Diagnostics;
using System.Net;
using System.Text;

namespace ItaBot.Tests.Support;

/// <summary>
/// The built app as a process of its own (<c>dotnet ItaBot.dll</c>, the binaries beside the tests), the way a server
/// or a person at a terminal runs it: its own configuration loading, working directory and lifetime. With a clock,
/// it runs on the tests' dependency list so <see cref="ProcessClock"/> can give it that clock.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    static readonly TimeSpan StartWait = TimeSpan.FromSeconds(180);
    readonly Process _process;
    readonly StringBuilder _output = new();

    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public int Id => _process.Id;

    AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts the app serving on a free loopback port and waits (bounded) until <c>/health</c> answers.</summary>
    public static async Task<AppProcess> ServeAsync(IReadOnlyDictionary<string, string?> environment, DateTimeOffset? clock = null, string? workingDirectory = null)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var app = new AppProcess(Process.Start(StartInfo(["--urls", address.ToString()], environment, clock, workingDirectory))!, address);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartWait;
        while (true)
        {
            if (app._process.HasExited) throw new InvalidOperationException($"ItaBot exited ({app._process.ExitCode}) before it was ready:\n{app.Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(address, "/health"));
                if (response.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                await app.DisposeAsync();
                throw new TimeoutException($"ItaBot did not answer /health within {StartWait.TotalSeconds:0} s:\n{app.Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Runs a command (<c>report …</c>) in <paramref name="workingDirectory"/> to its end (bounded).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] args, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var app = new AppProcess(Process.Start(StartInfo(args, environment ?? new Dictionary<string, string?>(), null, workingDirectory))!, new Uri("http://127.0.0.1"));
        await using (app)
        {
            using var timeout = new CancellationTokenSource(StartWait);
            await app._process.WaitForExitAsync(timeout.Token);
            app._process.WaitForExit(); // drains the output
            return (app._process.ExitCode, app.Output);
        }
    }

    static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, DateTimeOffset? clock, string? workingDirectory)
    {
        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (clock is { } startAt)
        {
            // The tests' dependency list puts this assembly beside the app, for the hosting startup that brings the clock.
            foreach (var a in new[] { "exec", "--depsfile", Path.Combine(bin, "ItaBot.Tests.deps.json"), "--runtimeconfig", Path.Combine(bin, "ItaBot.Tests.runtimeconfig.json") })
                start.ArgumentList.Add(a);
            start.Environment["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = typeof(ProcessClock).Assembly.GetName().Name;
            start.Environment[ProcessClock.Variable] = startAt.ToString("O");
        }
        start.ArgumentList.Add(Path.Combine(bin, "ItaBot.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // What the test runner's own environment says about hosting is not the app's business.
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" }) start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }

    static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>kill -9 (SIGKILL): no shutdown, nothing flushed, leases and transactions left as they were.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
