namespace ItaBot.Import;

public enum TableVerdict
{
    /// <summary>A measures table, read.</summary>
    Read,
    /// <summary>No header of its own: read as the table before it going on over the page.</summary>
    Continued,
    /// <summary>Looks like measures, but not surely enough to read without the person confirming the columns.</summary>
    Uncertain,
    /// <summary>Not a measures table (scores, questions, checklists), or left out by the person.</summary>
    Skipped,
}

/// <summary>A header cell as the preview shows it: the column people count (1 = leftmost), its text and the roles it got.</summary>
/// <param name="Roles">Roles the import gives the column (empty: not read).</param>
/// <param name="Confidence">How plainly the header names its role (1 for a column named in the mapping).</param>
public sealed record HeaderCellPreview(int Column, string Name, string Text, IReadOnlyList<ColumnKind> Roles, double Confidence, bool Mapped);

/// <summary>One table of the file as the import saw it.</summary>
/// <param name="Key">What <c>--table</c> takes to name this table.</param>
/// <param name="HeaderRows">Row numbers of its header as people count them (empty when none was found).</param>
/// <param name="FirstRow">The texts of its first row with text, so a person can tell which table it is.</param>
/// <param name="Measures">Measures read from it (or that would be, for an uncertain table).</param>
public sealed record TablePreview(
    string Key,
    string Name,
    TableVerdict Verdict,
    string? Reason,
    double Confidence,
    IReadOnlyList<int> HeaderRows,
    IReadOnlyList<HeaderCellPreview> Header,
    IReadOnlyList<string> FirstRow,
    int Measures);

/// <summary>
/// What a plan file holds before anything is written: every table found with the roles given to its columns
/// and how sure the import is, and the plan as it would be imported (<see cref="Draft"/>). The command line's
/// <c>--dry-run --json</c> prints it; the dashboard shows it to let a person fix the mapping and import.
/// </summary>
public sealed record PlanPreview(string File, IReadOnlyList<TablePreview> Tables, PlanDraft Draft)
{
    public static PlanPreview Failed(string file, ImportProblem problem) => new(file, [], PlanDraft.Failed(problem));
}
