using ItaBot.Import.Tables;

namespace ItaBot.Import;

/// <summary>A header cell of a measures table: where it is, what it says, and the roles it names.</summary>
/// <param name="Parent">In a header on two rows, the merged cell above this one ("ระยะเวลาดำเนินการ" over "ต.ค.").</param>
/// <param name="SubHeader">In a header on two rows, this cell's own text under <paramref name="Parent"/>.</param>
public sealed record PlanColumn(int Index, string Header, IReadOnlyList<HeaderVocabulary.Role> Named, bool Mapped = false,
    string? Parent = null, string? SubHeader = null)
{
    /// <summary>The role the header names most surely.</summary>
    public ColumnKind Kind => Named.Count > 0 ? Named[0].Kind : ColumnKind.Unknown;

    public double WeightOf(ColumnKind kind) => Named.FirstOrDefault(r => r.Kind == kind).Weight;
}

/// <summary>
/// The columns of one measures table, found from its header by meaning: every header cell is scored against
/// the <see cref="HeaderVocabulary"/>, each role goes to the column that names it best (a cell may fill two
/// roles), and the table gets a confidence from how many of the roles a plan needs were found and how plainly.
/// </summary>
public sealed class PlanColumns
{
    /// <summary>Tables this sure are read; below it they are read only when the person confirms the columns (<c>--map</c>).</summary>
    public const double ReadConfidence = 0.6;

    /// <summary>Tables this sure are shown as candidates; below it they are not measures tables.</summary>
    public const double AskConfidence = 0.4;

    /// <summary>Roles one column answers for; the others (report, score, unknown…) may be many columns.</summary>
    public static readonly ColumnKind[] PlanKinds =
    [
        ColumnKind.Code, ColumnKind.Issue, ColumnKind.OitItem, ColumnKind.Title, ColumnKind.Steps, ColumnKind.Responsible,
        ColumnKind.Period, ColumnKind.FollowUp, ColumnKind.Budget, ColumnKind.Target,
    ];

    static readonly ColumnKind[] CoreKinds = [ColumnKind.Title, ColumnKind.Steps, ColumnKind.Responsible, ColumnKind.Period];

    // Header cells are short; a data row has sentences in it.
    const int MaxHeaderCellLength = 50, MaxHeaderRowCellLength = 200;

    readonly Dictionary<ColumnKind, PlanColumn> _assigned;

    PlanColumns(IReadOnlyList<PlanColumn> all, Dictionary<ColumnKind, PlanColumn> assigned, IReadOnlyList<int> headerRows,
        IReadOnlyList<SourceRow> headerSource, bool mapped)
    {
        All = all;
        _assigned = assigned;
        HeaderRows = headerRows;
        HeaderSource = headerSource;
        Mapped = mapped;
        if (!assigned.ContainsKey(ColumnKind.Title))
            TitleFrom = assigned.GetValueOrDefault(ColumnKind.Steps) ?? assigned.GetValueOrDefault(ColumnKind.Issue);
        // "ระยะเวลาดำเนินการ" over several columns (start and end, or the months of a Gantt chart): one period.
        if (assigned.GetValueOrDefault(ColumnKind.Period) is { } period)
        {
            var parts = period.Parent is { } parent
                ? all.Where(c => c.Parent == parent && c.WeightOf(ColumnKind.Period) > 0).ToList()
                : TimeName(period.Header) is not null ? all.Where(c => TimeName(c.Header) is not null).ToList() : [];
            if (parts.Count > 1) PeriodParts = parts.OrderBy(c => c.Index).ToList();
        }
        Confidence = mapped ? (TitleColumn is null ? 0 : 1) : Score();
    }

    /// <summary>Every header cell with text (and every column a mapping named), in column order.</summary>
    public IReadOnlyList<PlanColumn> All { get; }

    /// <summary>Positions of the header rows in the table (two when a header is written over two rows).</summary>
    public IReadOnlyList<int> HeaderRows { get; }

    /// <summary>The header rows as the file has them, to recognise the header when a page repeats it.</summary>
    public IReadOnlyList<SourceRow> HeaderSource { get; }

    /// <summary>Columns were given by the person (<c>--map</c>), not only found.</summary>
    public bool Mapped { get; }

    /// <summary>0–1: how sure the table is a measures table read the right way.</summary>
    public double Confidence { get; }

    /// <summary>The column a measure's title comes from when the table has no measure column.</summary>
    public PlanColumn? TitleFrom { get; }

    public PlanColumn? TitleColumn => _assigned.GetValueOrDefault(ColumnKind.Title) ?? TitleFrom;

    /// <summary>The columns under one period header, read together (empty when the period is one column).</summary>
    public IReadOnlyList<PlanColumn> PeriodParts { get; } = [];

    public PlanColumn? this[ColumnKind kind] => kind == ColumnKind.Title ? TitleColumn : _assigned.GetValueOrDefault(kind);

    /// <summary>The roles a column was given (none: its role went to a column that names it better, or it is not read).</summary>
    public IReadOnlyList<ColumnKind> KindsOf(PlanColumn column)
    {
        var kinds = _assigned.Where(a => a.Value == column).Select(a => a.Key).OrderBy(k => (int)k).ToList();
        if (TitleFrom == column) kinds.Insert(0, ColumnKind.Title);
        if (PeriodParts.Contains(column) && !kinds.Contains(ColumnKind.Period)) kinds.Add(ColumnKind.Period);
        if (kinds.Count == 0 && column.Kind is not ColumnKind.Unknown && !PlanKinds.Contains(column.Kind)) kinds.Add(column.Kind);
        return kinds;
    }

    /// <summary>Columns that name a plan role another column took (a second "ผู้รับผิดชอบ"): not read.</summary>
    public IEnumerable<PlanColumn> Duplicates => All.Where(c => PlanKinds.Contains(c.Kind) && KindsOf(c).Count == 0);

    /// <summary>
    /// The period of a row when it is written over several columns: "start - end" from a start and an end column,
    /// or the first and last months marked (✓, a letter, a filled cell) under month or quarter headers.
    /// </summary>
    public string? PeriodOver(SourceRow row)
    {
        var cells = PeriodParts.Select(p => (Part: p, Cell: row.At(p.Index))).ToList();
        var marked = cells.Where(c => c.Cell is { IsEmpty: false } or { Shaded: true }).ToList();
        if (marked.Count == 0) return null;
        var times = cells.Select(c => TimeName(c.Part.SubHeader ?? c.Part.Header)).ToList();
        if (times.All(t => t is not null) && marked.All(c => c.Cell!.IsEmpty || c.Cell.Length <= 3))
        {
            var first = times[cells.IndexOf(marked[0])]!;
            var last = times[cells.IndexOf(marked[^1])]!;
            return first == last ? first : $"{first} - {last}";
        }
        return string.Join(" - ", marked.Select(c => CellText.Line(c.Cell)).OfType<string>());
    }

    /// <summary>A month ("ต.ค.", "ตุลาคม") or a quarter ("ไตรมาส 1", "Q1") as the period parser reads it, else null.</summary>
    static string? TimeName(string? header)
    {
        if (header is null) return null;
        var text = CellText.Clean(header);
        if (Thai.MonthForms.Parse(text) is not null) return text;
        // "ต.ค. ๖๗", "ตุลาคม 2567": a month and its year.
        var month = Thai.MonthForms.Finder.Match(text);
        if (month.Success && Thai.MonthForms.Parse(month.Value) is not null
            && text.Remove(month.Index, month.Length).All(c => char.IsDigit(c) || c is ' ' or '.' or 'พ' or 'ศ')) return text;
        var quarter = System.Text.RegularExpressions.Regex.Match(Thai.ThaiDigits.ToArabic(text), @"^(?:ไตรมาส(?:ที่)?|[Qq])\s*([1-4])$");
        return quarter.Success ? $"ไตรมาส {quarter.Groups[1].Value}" : null;
    }

    public int CoreRoles => CoreKinds.Count(_assigned.ContainsKey);

    public bool IsMeasuresTable => TitleColumn is not null && (Mapped || (CoreRoles >= 2 && Confidence >= AskConfidence));

    /// <summary>Read when sure (or named by the person), asked about when not sure enough, else not measures.</summary>
    public TableVerdict Verdict =>
        !IsMeasuresTable ? TableVerdict.Skipped : Mapped || Confidence >= ReadConfidence ? TableVerdict.Read : TableVerdict.Uncertain;

    /// <summary>Why the table is not read as measures, for the person reading the dry run.</summary>
    public string WhyNot()
    {
        var signs = All.Where(c => c.Kind is ColumnKind.Score or ColumnKind.Link).Select(c => $"“{c.Header}”").ToList();
        if (signs.Count > 0)
            return $"เป็นตารางคะแนนหรือรายการตรวจ ไม่ใช่ตารางมาตรการ (มีคอลัมน์ {string.Join(", ", signs)})";
        var found = CoreKinds.Where(k => _assigned.ContainsKey(k)).Select(HeaderVocabulary.ThaiName).ToList();
        if (TitleColumn is null)
            return "ไม่มีคอลัมน์ที่เป็นชื่อมาตรการ (มาตรการ/แนวทาง/โครงการ/กิจกรรม หรือ ขั้นตอน/วิธีการ)";
        return found.Count < 2
            ? $"มีเพียงคอลัมน์ {string.Join(", ", found.DefaultIfEmpty("ที่ไม่รู้จัก"))}: ตารางมาตรการต้องมีอย่างน้อยสองอย่างจาก มาตรการ ขั้นตอน ผู้รับผิดชอบ ระยะเวลา"
            : $"ไม่แน่ใจว่าเป็นตารางมาตรการ (ความมั่นใจ {Confidence:0.00})";
    }

    /// <summary>Two headers that name the same columns in the same order: a table repeated on the next page.</summary>
    public bool SameShapeAs(PlanColumns other) =>
        All.Select(c => (c.Index, c.Kind)).SequenceEqual(other.All.Select(c => (c.Index, c.Kind)));

    double Score()
    {
        var core = CoreRoles;
        if (core <= 1 || TitleColumn is null) return 0;
        var confidence = core switch { 2 => 0.65, 3 => 0.8, _ => 0.95 };
        var strength = CoreKinds.Where(_assigned.ContainsKey).Average(k => _assigned[k].WeightOf(k));
        confidence *= 0.5 + 0.5 * strength;
        if (TitleFrom is not null) confidence -= 0.15;
        confidence += 0.05 * new[] { ColumnKind.Issue, ColumnKind.FollowUp }.Count(_assigned.ContainsKey);
        confidence -= 0.25 * All.Count(c => c.Kind is ColumnKind.Score or ColumnKind.Link);
        confidence -= 0.03 * All.Count(c => c.Kind == ColumnKind.Unknown);
        // Two columns naming the same role equally plainly: which one is meant is a guess.
        if (PlanKinds.Any(k => All.Count(c => c.WeightOf(k) >= 1) > 1)) confidence -= 0.1;
        return Math.Clamp(confidence, 0, 1);
    }

    /// <summary>The columns named by one header row, or null when the row cannot be a header.</summary>
    public static PlanColumns? FromHeader(SourceRow row, PlanMapping.TableMapping? mapping = null) =>
        FromCells(row.Cells, [row.Number - 1], [row], mapping, MaxHeaderCellLength);

    /// <param name="combined">The cells were made from two header rows: a cell of two paragraphs is parent and child.</param>
    static PlanColumns? FromCells(IReadOnlyList<SourceCell> cells, IReadOnlyList<int> headerRows, IReadOnlyList<SourceRow> source,
        PlanMapping.TableMapping? mapping, int maxCellLength, bool combined = false)
    {
        if (cells.Any(c => c.Length > MaxHeaderRowCellLength) && mapping is null) return null;
        var columns = new List<PlanColumn>();
        foreach (var cell in cells)
        {
            var header = CellText.Clean(string.Join(" ", cell.Paragraphs.Select(p => p.Text)));
            if (header.Length == 0) continue;
            // Sentences and figures are data: "๙๓.๙๑", "๑" are a data row's cells, never a header's.
            if ((header.Length > maxCellLength || IsFigure(header)) && mapping is null) return null;
            var (parent, child) = combined && cell.Paragraphs.Count == 2 ? (CellText.Clean(cell.Paragraphs[0].Text), CellText.Clean(cell.Paragraphs[1].Text)) : (null, null);
            // A month or a quarter as a column's own name: a Gantt chart's time columns.
            var roles = TimeName(child ?? header) is not null ? [new HeaderVocabulary.Role(ColumnKind.Period, 0.9)] : HeaderVocabulary.RolesOf(header);
            columns.Add(new PlanColumn(cell.Column, header, roles, Parent: parent, SubHeader: child));
        }
        if (columns.Count < 2 && mapping is null) return null;
        if (mapping is not null) columns = mapping.Apply(columns);
        return new PlanColumns(columns, Assign(columns), headerRows, source, mapping is not null);
    }

    static bool IsFigure(string text) =>
        text.All(c => char.IsDigit(c) || c is '.' or ',' or '%' or ' ' or '-' or '(' or ')' or '/') && text.Any(char.IsDigit);

    /// <summary>Each plan role to the column that names it best: surest first, a column naming only that role next, leftmost last.</summary>
    static Dictionary<ColumnKind, PlanColumn> Assign(List<PlanColumn> columns)
    {
        var assigned = new Dictionary<ColumnKind, PlanColumn>();
        foreach (var kind in PlanKinds)
        {
            var best = columns.Where(c => c.WeightOf(kind) > 0)
                .OrderByDescending(c => c.WeightOf(kind))
                .ThenByDescending(c => c.Kind == kind)
                .ThenBy(c => c.Named.Count)
                .ThenBy(c => c.Index)
                .FirstOrDefault();
            if (best is not null) assigned[kind] = best;
        }
        return assigned;
    }

    /// <summary>
    /// The header of a table: among its first rows, the first one read as a sure measures header, else the surest
    /// candidate. A header written over two rows (a merged cell over the cells under it, or cells merged down
    /// from the row above) is read as one: "การดำเนินงาน" over "ขั้นตอน" and "ระยะเวลา".
    /// </summary>
    public static PlanColumns? Find(SourceTable table, PlanMapping.TableMapping? mapping = null, int searchRows = 30)
    {
        PlanColumns? best = null;
        var rows = table.Rows;
        for (var r = 0; r < Math.Min(searchRows, rows.Count); r++)
        {
            var single = FromCells(rows[r].Cells, [r], [rows[r]], null, MaxHeaderCellLength);
            var candidate = single;
            if (r + 1 < rows.Count && IsSubHeader(rows[r], rows[r + 1]) &&
                FromCells(Combine(rows[r], rows[r + 1]), [r, r + 1], [rows[r], rows[r + 1]], null, MaxHeaderCellLength * 2, combined: true) is { } two
                && (candidate is null || two.Confidence >= candidate.Confidence))
                candidate = two;
            if (candidate is null) continue;
            if (candidate.IsMeasuresTable && candidate.Confidence >= ReadConfidence) { best = candidate; break; }
            if (best is null || candidate.Confidence > best.Confidence) best = candidate;
        }

        if (mapping is null) return best;
        // The person named the columns: read the header found (or the first row with text) with their mapping.
        var at = best?.HeaderRows ?? FirstRowWithText(rows);
        if (at.Count == 0) return null;
        var cells = at.Count == 2 ? Combine(rows[at[0]], rows[at[1]]) : rows[at[0]].Cells;
        return FromCells(cells, at, at.Select(i => rows[i]).ToList(), mapping, int.MaxValue, combined: at.Count == 2);
    }

    static List<int> FirstRowWithText(IReadOnlyList<SourceRow> rows)
    {
        for (var r = 0; r < rows.Count; r++)
            if (rows[r].Cells.Count(c => !c.IsEmpty) >= 1) return [r];
        return [];
    }

    /// <summary>The row under a header row continues it: its cells sit under a merged cell, or the row above merges down into it.</summary>
    static bool IsSubHeader(SourceRow top, SourceRow below)
    {
        // A row with one text only is the table's caption ("มาตรการส่งเสริม… ประจำปี ๒๕๖๘" across it), not a header's first row.
        if (top.Cells.Count(c => !c.IsEmpty) < 2) return false;
        var texts = below.Cells.Where(c => !c.IsEmpty).ToList();
        if (texts.Count == 0 || texts.Any(c => c.Length > 40)) return false;
        var underSpan = top.Cells.Any(parent => parent.Span > 1 && !parent.IsEmpty
            && texts.Count(child => child.Column >= parent.Column && child.Column < parent.Column + parent.Span) >= 1);
        var mergedDown = below.Cells.Any(c => c.MergedFromAbove && top.Covering(c.Column) is { IsEmpty: false });
        return underSpan || mergedDown;
    }

    /// <summary>One header row from two: a cell under a merged cell is named by both ("การดำเนินงาน ขั้นตอน").</summary>
    static List<SourceCell> Combine(SourceRow top, SourceRow below)
    {
        var cells = new List<SourceCell>();
        foreach (var parent in top.Cells)
        {
            var children = below.Cells.Where(c => !c.IsEmpty && !c.MergedFromAbove && c.Column >= parent.Column && c.Column < parent.Column + parent.Span).ToList();
            if (children.Count == 0 || (children.Count == 1 && parent.Span == 1 && parent.IsEmpty))
            {
                var text = string.Join(" ", new[] { parent.Text, children.FirstOrDefault()?.Text }.Where(t => !string.IsNullOrWhiteSpace(t)));
                cells.Add(new SourceCell(parent.Column, [new CellParagraph(text)], Span: parent.Span));
                continue;
            }
            var parentText = CellText.Clean(string.Join(" ", parent.Paragraphs.Select(p => p.Text)));
            foreach (var child in children)
                cells.Add(new SourceCell(child.Column, [new CellParagraph(parentText), new CellParagraph(CellText.Clean(child.Text))], Span: child.Span));
        }
        foreach (var orphan in below.Cells.Where(c => !c.IsEmpty && top.Covering(c.Column) is null))
            cells.Add(orphan);
        return cells.OrderBy(c => c.Column).ToList();
    }

    /// <summary>A row that repeats one of the header rows (a table continued on the next page).</summary>
    public bool Repeats(SourceRow row) =>
        HeaderSource.Any(header => Signature(header) == Signature(row)) || (FromHeader(row) is { } again && again.SameShapeAs(this) && !Mapped);

    static string Signature(SourceRow row) =>
        string.Join("|", row.Cells.Where(c => !c.IsEmpty).Select(c => $"{c.Column}:{HeaderVocabulary.Normalize(c.Text)}"));
}
