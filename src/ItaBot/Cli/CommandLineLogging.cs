namespace ItaBot.Cli;

public static class CommandLineLogging
{
    /// <summary>Commands print their answer on stdout (often JSON); logs go to stderr and only when they matter.</summary>
    public static void UseCommandLineLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
    }
}
