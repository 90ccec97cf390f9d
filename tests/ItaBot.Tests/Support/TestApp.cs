using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Support;

/// <summary>The real app on a temporary SQLite file, with a clock the test controls.</summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    readonly TempDatabase _database = new();
    readonly Dictionary<string, string?> _settings = new();

    public FakeTimeProvider Time { get; } = FakeTimeProvider.AtBangkok(2025, 3, 3);
    public TempDatabase Database => _database;

    readonly List<Action<IServiceCollection>> _services = [];

    public TestApp With(string key, string? value) { _settings[key] = value; return this; }

    /// <summary>Changes services after the test clock is put in (e.g. a clock that wraps <see cref="Time"/>).</summary>
    public TestApp WithServices(Action<IServiceCollection> configure) { _services.Add(configure); return this; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", _database.ConnectionString);
        builder.UseSetting("Demo:Load", "false");
        // Reminder waves fire on their own once the scheduler runs; tests that want them say so.
        builder.UseSetting("Reminders:SchedulerEnabled", "false");
        // No LINE channel is configured in most tests: without this the LINE simulator would stand in for one.
        builder.UseSetting("Simulator:Enabled", "false");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            foreach (var configure in _services) configure(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _database.Dispose();
    }
}
