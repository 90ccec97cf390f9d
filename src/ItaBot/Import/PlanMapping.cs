using ItaBot.Import.Tables;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// Columns named by the person when the import is unsure (<c>--map "ผู้รับผิดชอบ=2,ระยะเวลา=4"</c>, the dashboard's
/// column choices): a role (a Thai header word or an English role name) and the column's number (1 = leftmost)
/// or spreadsheet letter. Named columns take that role from every other column; <c>ไม่ใช้=5</c> leaves a
/// column out. With <see cref="Tables"/> only those tables are read (even ones not recognised as measures).
/// </summary>
public sealed class PlanMapping
{
    public const string Ignore = "ไม่ใช้";

    static readonly Dictionary<string, ColumnKind?> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["title"] = ColumnKind.Title, ["measure"] = ColumnKind.Title, ["steps"] = ColumnKind.Steps,
        ["responsible"] = ColumnKind.Responsible, ["units"] = ColumnKind.Responsible, ["period"] = ColumnKind.Period,
        ["issue"] = ColumnKind.Issue, ["oit"] = ColumnKind.OitItem, ["followup"] = ColumnKind.FollowUp,
        ["code"] = ColumnKind.Code, ["number"] = ColumnKind.RowNumber, ["budget"] = ColumnKind.Budget, ["target"] = ColumnKind.Target,
        ["ignore"] = null, ["skip"] = null, [Ignore] = null, ["ข้าม"] = null, ["ไม่อ่าน"] = null,
        ["ลำดับ"] = ColumnKind.RowNumber, ["ที่"] = ColumnKind.RowNumber, ["รหัส"] = ColumnKind.Code,
    };

    PlanMapping(TableMapping columns, IReadOnlyList<string>? tables) => (Columns, Tables) = (columns, tables);

    public TableMapping Columns { get; }

    /// <summary>Keys of the tables to read (<see cref="SourceTable.Key"/>); null: every table recognised as measures.</summary>
    public IReadOnlyList<string>? Tables { get; }

    /// <summary>
    /// A mapping made by a program (the dashboard's column choices): column numbers as the preview shows them
    /// (1 = leftmost) to roles, an empty list leaving the column out; optionally the keys of the tables to read.
    /// </summary>
    public static PlanMapping Of(IReadOnlyDictionary<int, IReadOnlyList<ColumnKind>> columns, IEnumerable<string>? tables = null)
    {
        var byIndex = columns.ToDictionary(c => c.Key - 1, c => c.Value.Distinct().ToList());
        var keys = tables?.ToList();
        return new PlanMapping(new TableMapping(byIndex), keys is { Count: > 0 } ? keys : null);
    }

    /// <summary>Reads <c>--map</c> and <c>--table</c>; the problem names the part that could not be read.</summary>
    public static (PlanMapping? Mapping, string? Problem) Parse(string? map, string? tables)
    {
        var columns = new Dictionary<int, List<ColumnKind>>();
        foreach (var part in (map ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.LastIndexOf('=');
            if (eq <= 0 || eq == part.Length - 1)
                return (null, $"อ่าน “{part}” ไม่ได้: เขียนเป็น บทบาท=คอลัมน์ เช่น ผู้รับผิดชอบ=2 (--map takes role=column)");
            var (roleText, columnText) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (!TryRole(roleText, out var kind))
                return (null, $"ไม่รู้จักบทบาท “{roleText}”: ใช้ มาตรการ ขั้นตอน ผู้รับผิดชอบ ระยะเวลา ประเด็น ติดตาม รหัส ลำดับ งบประมาณ เป้าหมาย หรือ {Ignore} (unknown role)");
            if (ColumnOf(columnText) is not { } column)
                return (null, $"คอลัมน์ “{columnText}” ไม่ถูกต้อง: ใช้เลขคอลัมน์นับจากซ้าย (1, 2, 3…) หรือตัวอักษรคอลัมน์ของ Excel (A, B, C…) (bad column)");
            if (kind is { } k && columns.Any(c => c.Key != column && c.Value.Contains(k)))
                return (null, $"บทบาท “{roleText}” ถูกกำหนดให้หลายคอลัมน์: หนึ่งบทบาทใช้ได้คอลัมน์เดียว (a role maps to one column)");
            var roles = columns.TryGetValue(column, out var existing) ? existing : columns[column] = [];
            if (kind is { } named && !roles.Contains(named)) roles.Add(named);
        }
        var keys = (tables ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => ThaiDigits.ToArabic(t.Replace("ตาราง", "").Trim())).Where(t => t.Length > 0).ToList();
        if (columns.Count == 0 && keys.Count == 0) return (null, null);
        return (new PlanMapping(new TableMapping(columns), keys.Count > 0 ? keys : null), null);
    }

    /// <summary>How the mapping applies to a table: its columns, whether it is left out, whether it is read though unrecognised.</summary>
    public (TableMapping? Columns, bool Excluded) For(SourceTable table)
    {
        if (Tables is null) return (Columns.IsEmpty ? null : Columns, false);
        var chosen = Tables.Any(t => string.Equals(t, table.Key, StringComparison.OrdinalIgnoreCase));
        return chosen ? (Columns, false) : (null, true);
    }

    static bool TryRole(string text, out ColumnKind? kind)
    {
        if (Names.TryGetValue(text.Replace(" ", ""), out kind)) return true;
        var found = HeaderVocabulary.KindOf(text);
        kind = found;
        return PlanColumns.PlanKinds.Contains(found) || found == ColumnKind.RowNumber;
    }

    static int? ColumnOf(string text)
    {
        var plain = ThaiDigits.ToArabic(text).Trim();
        if (int.TryParse(plain, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            return number is >= 1 and <= 1000 ? number - 1 : null;
        return plain.Length is >= 1 and <= 3 && plain.All(char.IsAsciiLetter) ? XlsxTables.ColumnOf(plain) : null;
    }

    /// <summary>Column (zero-based) → roles given; an empty list leaves the column out.</summary>
    public sealed class TableMapping(Dictionary<int, List<ColumnKind>> columns)
    {
        public IReadOnlyDictionary<int, List<ColumnKind>> Columns { get; } = columns;

        public bool IsEmpty => Columns.Count == 0;

        /// <summary>The header's columns with the named roles put in: named columns get them, the others lose them.</summary>
        public List<PlanColumn> Apply(List<PlanColumn> found)
        {
            var given = Columns.Values.SelectMany(k => k).ToHashSet();
            var result = found.Where(c => !Columns.ContainsKey(c.Index))
                .Select(c => c with { Named = c.Named.Where(r => !given.Contains(r.Kind)).ToList() })
                .ToList();
            foreach (var (column, kinds) in Columns)
            {
                var header = found.FirstOrDefault(c => c.Index == column)?.Header ?? "";
                result.Add(new PlanColumn(column, header, kinds.Select(k => new HeaderVocabulary.Role(k, 1)).ToList(), Mapped: true));
            }
            return result.OrderBy(c => c.Index).ToList();
        }
    }
}
