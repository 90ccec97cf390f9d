using System.Diagnostics;
using System.Globalization;
using ItaBot.Thai;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(ItaBot.Tests.Support.ProcessClock))]

namespace ItaBot.Tests.Support;

/// <summary>
/// The clock of an app started as a process by <see cref="AppProcess"/>: loaded into it as a hosting startup
/// (ASPNETCORE_HOSTINGSTARTUPASSEMBLIES), it makes the app's <see cref="TimeProvider"/> start at the moment the test
/// named and run on from there at the machine's pace. Without the variable it does nothing.
/// </summary>
public sealed class ProcessClock : IHostingStartup
{
    public const string Variable = "ITABOT_TEST_CLOCK_START";

    public void Configure(IWebHostBuilder builder)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } start) return;
        var clock = new RunningClock(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
    }

    sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        readonly long _startedAt = Stopwatch.GetTimestamp();
        public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + Stopwatch.GetElapsedTime(_startedAt);
        public override TimeZoneInfo LocalTimeZone => Bangkok.Zone;
    }
}
