using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ItaBot.Bench;

/// <summary>The real ItaBot app in this process, with settings of the benchmark's choosing; warnings only in the log.</summary>
// Typed by a class of the app's assembly: this project has a Program of its own, and the factory only needs the assembly.
sealed class BenchApp(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<ItaBot.Line.LineOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Error");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public static string TempDatabase(string name) =>
        Path.Combine(Path.GetTempPath(), $"itabot-bench-{name}-{Guid.NewGuid():N}.db");

    public static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(path + suffix); } catch (IOException) { }
    }

    public static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
