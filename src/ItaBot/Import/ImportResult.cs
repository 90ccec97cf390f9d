using ItaBot.Thai;

namespace ItaBot.Import;

public enum MeasureChange { Created, Updated, Unchanged }

/// <summary>A measure as it is (or, in a dry run, would be) after the import, with its units' names.</summary>
public sealed record ImportedMeasure(
    string Code,
    string? Issue,
    string? OitItem,
    string Title,
    IReadOnlyList<string> Steps,
    IReadOnlyList<string> Units,
    MonthPeriod? Period,
    string? PeriodText,
    string? FollowUp,
    MeasureChange Change,
    IReadOnlyDictionary<string, string>? Extra = null);

/// <param name="Removed">Measures of the year that are not in the plan any more and had no reports, so were deleted.</param>
/// <param name="Kept">Measures not in the plan that were kept because units already reported on them.</param>
public sealed record ImportCounts(
    bool OrganizationCreated,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Kept,
    IReadOnlyList<string> UnitsCreated)
{
    public static readonly ImportCounts None = new(false, 0, 0, 0, [], [], []);

    public bool ChangesAnything => OrganizationCreated || Created + Updated + Removed.Count + UnitsCreated.Count > 0;
}

/// <summary>What an import did (or would do, in a dry run), or why it did nothing.</summary>
public sealed record ImportResult(
    string File,
    string Organization,
    int FiscalYear,
    bool DryRun,
    IReadOnlyList<ImportedMeasure> Measures,
    ImportCounts Counts,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<TablePreview>? Tables = null)
{
    public bool Succeeded => Problems.Count == 0;
}
