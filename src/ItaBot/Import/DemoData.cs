using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Import;

/// <summary>
/// A new installation shows real data at once: with an empty database the bot loads เทศบาลตำบลเมืองจันทร์'s
/// FY 2568 plan (Import/Demo/muangchan-2568.json, built from the agency's published plan) through the same
/// import as any other plan, with its units and both rounds (kept open to try things out).
/// Configuration <c>Demo:Load=false</c> turns it off (tests, production).
/// </summary>
public static class DemoData
{
    public const string OrganizationName = "เทศบาลตำบลเมืองจันทร์";
    public const int FiscalYear = 2568;
    public const string PlanFileName = "muangchan-2568.json";

    public static async Task LoadIfEmptyAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        if (string.Equals(configuration["Demo:Load"], "false", StringComparison.OrdinalIgnoreCase)) return;

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        if (await db.Organizations.AnyAsync(ct)) return;

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData).FullName!);
        var path = PlanPath(services);
        if (path is null)
        {
            logger.LogWarning("Demo plan {File} not found; starting with an empty database", PlanFileName);
            return;
        }

        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var result = await importer.ImportAsync(await PlanFile.ReadAsync(path, ct), OrganizationName, FiscalYear, dryRun: false, ct);
        if (!result.Succeeded)
        {
            logger.LogWarning("Demo plan not loaded: {Problems}", string.Join("; ", result.Problems));
            return;
        }
        var organization = await db.Organizations.SingleAsync(o => o.Name == OrganizationName, ct);
        var dueDates = scope.ServiceProvider.GetService<IOptions<RoundDueDates>>()?.Value;
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, organization, FiscalYear,
            services.GetRequiredService<TimeProvider>(), ct, keepOpen: true, dueDates);
        logger.LogInformation("Loaded demo organization {Organization}, FY {Year}: {Count} measures, {Rounds} rounds (set Demo:Load=false to skip)",
            OrganizationName, FiscalYear, result.Measures.Count, rounds.Count);
    }

    /// <summary>Next to the binaries when built, or in the source tree when run from it.</summary>
    static string? PlanPath(IServiceProvider services)
    {
        var contentRoot = services.GetService<IHostEnvironment>()?.ContentRootPath;
        return new[] { AppContext.BaseDirectory, contentRoot }
            .OfType<string>()
            .Select(root => Path.Combine(root, "Import", "Demo", PlanFileName))
            .FirstOrDefault(File.Exists);
    }
}
