using ItaBot.Import;
using ItaBot.Thai;

namespace ItaBot.Dashboard;

/// <summary>
/// What the administrator chose on the import page: a role for some columns (by the column number people count,
/// 1 = leftmost) and, optionally, which tables to read. Turned into the import's <see cref="PlanMapping"/>; a column
/// not chosen keeps the role the import found. Pure, so it is tested without a page.
/// </summary>
/// <param name="Roles">Column → the role's id (<see cref="HeaderVocabulary.Id"/>) or <see cref="Ignore"/>.</param>
/// <param name="Tables">Keys of the tables to read; null: the tables the import recognises.</param>
public sealed record MappingChoice(IReadOnlyDictionary<int, string> Roles, IReadOnlyList<string>? Tables)
{
    /// <summary>The select's value for "leave this column out".</summary>
    public const string Ignore = "ignore";

    public sealed record Option(string Value, ColumnKind? Kind, string Label);

    /// <summary>The roles a column can be given, in the order a plan's columns usually come.</summary>
    public static readonly IReadOnlyList<Option> Options =
    [
        .. new[]
        {
            ColumnKind.Issue, ColumnKind.OitItem, ColumnKind.Code, ColumnKind.RowNumber, ColumnKind.Title, ColumnKind.Steps,
            ColumnKind.Responsible, ColumnKind.Period, ColumnKind.FollowUp, ColumnKind.Budget, ColumnKind.Target,
        }.Select(k => new Option(HeaderVocabulary.Id(k), k, HeaderVocabulary.ThaiName(k))),
        new Option(Ignore, null, "ไม่ใช้คอลัมน์นี้"),
    ];

    public static readonly MappingChoice None = new(new Dictionary<int, string>(), null);

    public bool IsEmpty => Roles.Count == 0 && Tables is null;

    /// <summary>The choices as posted: blank selects dropped, unknown values and columns refused with the reason.</summary>
    public static (MappingChoice? Choice, string? Problem) Read(IReadOnlyDictionary<int, string?>? roles, IReadOnlyList<string>? tables)
    {
        var chosen = new Dictionary<int, string>();
        foreach (var (column, value) in roles ?? new Dictionary<int, string?>())
        {
            if (string.IsNullOrWhiteSpace(value)) continue;
            if (column is < 1 or > 1000) return (null, $"คอลัมน์ {column} ไม่มีในตาราง");
            if (Options.All(o => o.Value != value)) return (null, $"ไม่รู้จักบทบาท “{value}” ของคอลัมน์ {ThaiDigits.ToThai(column)}");
            chosen[column] = value;
        }
        foreach (var group in chosen.Where(c => c.Value != Ignore).GroupBy(c => c.Value).Where(g => g.Count() > 1))
            return (null, $"เลือก “{LabelOf(group.Key)}” ให้คอลัมน์ {string.Join(" และ ", group.Select(c => ThaiDigits.ToThai(c.Key)).Order())}: "
                + "หนึ่งบทบาทใช้ได้คอลัมน์เดียว เปลี่ยนคอลัมน์หนึ่งเป็นอย่างอื่นหรือ “ไม่ใช้คอลัมน์นี้”");
        var keys = tables?.Select(t => t.Trim()).Where(t => t.Length is > 0 and <= 20).Distinct().ToList();
        return (new MappingChoice(chosen, keys), null);
    }

    /// <summary>The import's mapping, or null when nothing was chosen.</summary>
    public PlanMapping? ToMapping() =>
        IsEmpty ? null : PlanMapping.Of(
            Roles.ToDictionary(r => r.Key, r => (IReadOnlyList<ColumnKind>)(KindOf(r.Value) is { } k ? [k] : [])),
            Tables);

    /// <summary>The choice as the command line would take it (<c>--map "…" --table …</c>), for the audit trail and the page.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Roles.Count > 0)
            parts.Add("--map \"" + string.Join(",", Roles.OrderBy(r => r.Key)
                .Select(r => $"{(KindOf(r.Value) is { } k ? MeasureTables.MapName(k) : PlanMapping.Ignore)}={r.Key}")) + "\"");
        if (Tables is { Count: > 0 }) parts.Add("--table " + string.Join(",", Tables));
        return parts.Count == 0 ? "คอลัมน์ตามที่ระบบอ่าน" : string.Join(" ", parts);
    }

    public string? RoleOf(int column) => Roles.GetValueOrDefault(column);

    static ColumnKind? KindOf(string value) => Options.FirstOrDefault(o => o.Value == value)?.Kind;

    static string LabelOf(string value) => Options.FirstOrDefault(o => o.Value == value)?.Label ?? value;
}
