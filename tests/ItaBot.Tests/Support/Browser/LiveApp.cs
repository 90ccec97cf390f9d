using Microsoft.AspNetCore.Hosting;

namespace ItaBot.Tests.Support.Browser;

/// <summary>
/// The real app on a loopback port a browser can reach (<see cref="TestApp"/> otherwise answers in memory only).
/// </summary>
public static class LiveApp
{
    /// <summary>Starts <paramref name="app"/> on Kestrel at a free loopback port and returns its base address.</summary>
    public static Uri Serve(TestApp app)
    {
        app.UseKestrel(0);
        app.StartServer();
        return app.ClientOptions.BaseAddress;
    }
}
