using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Import;

/// <summary>
/// A new installation shows real work at once: with an empty database the bot loads เทศบาลตำบลเมืองจันทร์'s plan
/// (Import/Demo/muangchan-2568.json, built from the agency's published FY 2568 plan) into the fiscal year it is
/// now by the app's clock, its periods moved by as many years, through the same import as any other plan, with
/// that year's rounds. So the open round, its due date and the reminders a new user sees are today's.
/// The file stays as the agency wrote it; only the demo copy moves. Configuration <c>Demo:Load=false</c> turns it
/// off (tests, production).
/// </summary>
public static class DemoData
{
    public const string OrganizationName = "เทศบาลตำบลเมืองจันทร์";
    /// <summary>The fiscal year the plan file was written for.</summary>
    public const int PlanFiscalYear = 2568;
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

        var time = services.GetRequiredService<TimeProvider>();
        var fiscalYear = ThaiCalendar.FiscalYearOf(time.Today());
        var file = await PlanFile.ReadAsync(path, ct);
        var draft = MovedTo(PlanReader.Read(file, PlanFiscalYear), fiscalYear);
        var importer = scope.ServiceProvider.GetRequiredService<PlanImporter>();
        var result = await importer.ImportAsync(file.Name, draft, OrganizationName, fiscalYear, dryRun: false, ct);
        if (!result.Succeeded)
        {
            logger.LogWarning("Demo plan not loaded: {Problems}", string.Join("; ", result.Problems));
            return;
        }
        var organization = await db.Organizations.SingleAsync(o => o.Name == OrganizationName, ct);
        var dueDates = scope.ServiceProvider.GetService<IOptions<RoundDueDates>>()?.Value;
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, organization, fiscalYear, time, ct, dueDates: dueDates);
        logger.LogInformation("Loaded demo organization {Organization}, FY {Year}: {Count} measures, {Rounds} rounds (set Demo:Load=false to skip)",
            OrganizationName, fiscalYear, result.Measures.Count, rounds.Count);
    }

    /// <summary>The plan as if written for <paramref name="fiscalYear"/>: each period moved by whole years, its text written anew.</summary>
    public static PlanDraft MovedTo(PlanDraft plan, int fiscalYear)
    {
        var years = fiscalYear - PlanFiscalYear;
        if (years == 0 || !plan.IsValid) return plan;
        return plan with
        {
            Measures = plan.Measures.Select(m => m.Period is { } period
                ? m with
                {
                    Period = new MonthPeriod(period.Start.AddYears(years), period.End.AddYears(years)),
                    PeriodText = ThaiCalendar.FormatPeriod(period.Start.AddYears(years), period.End.AddYears(years)),
                }
                : m).ToList(),
        };
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
