using ItaBot.Import;
using ItaBot.Reports;

namespace ItaBot.Cli;

/// <summary>
/// `dotnet run --project src/ItaBot -- &lt;command&gt; …` runs one command against the same services
/// and database as the bot, then exits; with no command the bot serves.
/// </summary>
public static class CommandLine
{
    static readonly Dictionary<string, Func<IServiceProvider, string[], CancellationToken, Task<int>>> Commands = new()
    {
        ["import"] = ImportCommand.RunAsync,
        ["report"] = ReportCommand.RunAsync,
        ["admin"] = Dashboard.AdminCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.ContainsKey(args[0]);

    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct = default) =>
        Commands[args[0]](services, args[1..], ct);
}
