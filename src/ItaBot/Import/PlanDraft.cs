using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// Something wrong with the file that stops the import, and where: file, table, row and column as the person
/// who wrote the file sees them. Messages are Thai with a short English gloss.
/// </summary>
public sealed record ImportProblem(string File, string? Table, int? Row, string? Column, string Message)
{
    public string Where =>
        string.Join(" ", new[]
        {
            File,
            Table,
            Row is { } row ? $"แถว {row}" : null,
            Column is { } column ? $"คอลัมน์ {column}" : null,
        }.Where(part => part is not null));

    public override string ToString() => $"{Where}: {Message}";
}

/// <summary>A measure read from a file, before its units are matched to the organization's units.</summary>
/// <param name="Extra">Columns kept with the measure as the plan wrote them (ลำดับ, งบประมาณ, เป้าหมาย), by header.</param>
/// <param name="ResponsibleCell">Where the ผู้รับผิดชอบ cell is, for warnings about the names in it.</param>
public sealed record DraftMeasure(
    string Code,
    int Order,
    string? Issue,
    string? OitItem,
    string Title,
    IReadOnlyList<string> Steps,
    IReadOnlyList<UnitMention> Responsible,
    MonthPeriod? Period,
    string? PeriodText,
    string? FollowUp,
    IReadOnlyDictionary<string, string>? Extra = null,
    string? ResponsibleCell = null);

/// <summary>A unit a plan declares up front (JSON plans only), with the names people also call it.</summary>
public sealed record DeclaredUnit(string Name, IReadOnlyList<string> Aliases);

/// <summary>What a file says, or why it cannot be read. Nothing here has touched the database.</summary>
public sealed record PlanDraft(
    IReadOnlyList<DraftMeasure> Measures,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ImportProblem> Problems,
    IReadOnlyList<DeclaredUnit>? Units = null)
{
    public bool IsValid => Problems.Count == 0;

    public static PlanDraft Failed(ImportProblem problem, IReadOnlyList<string>? warnings = null) =>
        new([], warnings ?? [], [problem]);
}
