namespace ItaBot.Cli;

/// <summary>
/// Where the app looks for its own files, whatever folder it is started from: appsettings.json, the demo plan
/// and the holiday lists ship beside its binaries, so that folder is the content root. The working directory
/// stays the user's: the database (<c>data/itabot.db</c>) and paths typed on the command line are relative to it.
/// An explicit <c>--contentRoot</c> or ASPNETCORE_CONTENTROOT still wins.
/// </summary>
public static class StartFolders
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRootGiven(args) ? null : AppContext.BaseDirectory,
    };

    static bool ContentRootGiven(string[] args) =>
        args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase)) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT")) ||
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
}
