using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Import;

/// <summary>What a test expects of one imported measure; period months as "yyyy-MM".</summary>
public sealed record ExpectedMeasure(string? Issue, string Title, string[] Steps, string[] Units, string? Start, string? End);

/// <summary>Imports into a temporary database and reads back what a user of the bot would see.</summary>
public static class ImportTestKit
{
    public static FakeTimeProvider Clock() => FakeTimeProvider.AtBangkok(2024, 11, 1);

    public static async Task<ImportResult> ImportAsync(TempDatabase database, PlanFile file, string organization, int fiscalYear,
        bool dryRun = false, TimeProvider? time = null)
    {
        await using var db = await database.MigratedContextAsync();
        return await new PlanImporter(db, time ?? Clock()).ImportAsync(file, organization, fiscalYear, dryRun);
    }

    public static async Task<ImportResult> ImportOkAsync(TempDatabase database, PlanFile file, string organization, int fiscalYear, TimeProvider? time = null)
    {
        var result = await ImportAsync(database, file, organization, fiscalYear, time: time);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return result;
    }

    public static async Task<List<Measure>> MeasuresAsync(TempDatabase database, string organization, int fiscalYear)
    {
        await using var db = database.NewContext();
        return await db.Measures.Include(m => m.Responsible).ThenInclude(r => r.Unit)
            .Where(m => m.Organization!.Name == organization && m.FiscalYear == fiscalYear)
            .OrderBy(m => m.Order).ToListAsync();
    }

    public static List<string> UnitsOf(Measure measure) =>
        measure.Responsible.OrderBy(r => r.Order).Select(r => r.Unit!.Name).ToList();

    public static string? Month(DateOnly? month) => month?.ToString("yyyy-MM");

    public static void AssertMeasures(IReadOnlyList<ExpectedMeasure> expected, IReadOnlyList<Measure> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var which = $"measure {i + 1} ({a.Code})";
            Assert.True(e.Issue == a.Issue, $"{which} issue:\n expected {e.Issue}\n actual   {a.Issue}");
            Assert.True(e.Title == a.Title, $"{which} title:\n expected {e.Title}\n actual   {a.Title}");
            Assert.True(e.Steps.SequenceEqual(a.Steps), $"{which} steps:\n expected {string.Join(" | ", e.Steps)}\n actual   {string.Join(" | ", a.Steps)}");
            Assert.True(e.Units.SequenceEqual(UnitsOf(a)), $"{which} units: expected {string.Join(", ", e.Units)}, actual {string.Join(", ", UnitsOf(a))}");
            Assert.True(e.Start == Month(a.PeriodStart) && e.End == Month(a.PeriodEnd),
                $"{which} period: expected {e.Start}..{e.End}, actual {Month(a.PeriodStart)}..{Month(a.PeriodEnd)} from “{a.PeriodText}”");
            Assert.Equal($"M{i + 1}", a.Code);
        }
    }

    public static async Task<int> CountAsync<T>(TempDatabase database) where T : class
    {
        await using var db = database.NewContext();
        return await db.Set<T>().CountAsync();
    }
}
