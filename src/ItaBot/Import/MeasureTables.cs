using ItaBot.Import.Tables;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// Reads the measures out of a document's tables, the way agencies lay them out:
/// <list type="bullet">
/// <item>Each table's header is found by meaning (see <see cref="PlanColumns"/>); tables that are not measures
/// (scores, questions, checklists) are skipped with the reason; a document may hold several measures tables.</item>
/// <item>A table split across pages repeats its header. The first row after a repeated header whose first cell
/// is empty is the rest of the row before the page break: its cells are joined to that measure.</item>
/// <item>Anywhere else an empty first cell means "same issue as above, new measure"; with a ลำดับ column, a row
/// with neither number nor title is more of the measure above.</item>
/// <item>A vertically merged cell means "same as above"; a merged title cell joins the row to the measure above.</item>
/// <item>A row whose only text spans the table (a merged cell) names the issue of the rows under it.</item>
/// </list>
/// </summary>
public static class MeasureTables
{
    // Columns whose text makes a row a measure (a row with only a budget figure is not one).
    static readonly ColumnKind[] TextKinds =
        [ColumnKind.Code, ColumnKind.Issue, ColumnKind.OitItem, ColumnKind.Title, ColumnKind.Steps, ColumnKind.Responsible, ColumnKind.Period, ColumnKind.FollowUp];

    public static PlanPreview Read(string file, IReadOnlyList<SourceTable> tables, int fiscalYear, PlanMapping? mapping = null,
        ImportLimits? limits = null, IEnumerable<string>? earlierWarnings = null)
    {
        limits ??= ImportLimits.Default;
        var warnings = new List<string>(earlierWarnings ?? []);
        var problems = new List<ImportProblem>();
        var rows = new List<MeasureRows>();
        var previews = new List<TablePreview>();
        var reported = new HashSet<string>();
        var read = new HashSet<int>();
        PlanColumns? previous = null;
        var previousTable = -1;

        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var firstRow = FirstRow(table);
            if (InsideReadTable(tables, t, read))
            {
                previews.Add(Skipped(table, firstRow, $"อยู่ในช่องของ{tables[table.Parent!.Value].Name} ซึ่งอ่านแล้ว"));
                continue;
            }
            var (tableMapping, excluded) = mapping?.For(table) ?? (null, false);
            if (excluded)
            {
                previews.Add(Skipped(table, firstRow, "ไม่ได้เลือกตารางนี้ (--table)"));
                continue;
            }
            // A mapping is for the measures tables (or the tables the person chose), never for a score table.
            var detected = PlanColumns.Find(table);
            var columns = detected;
            if (tableMapping is not null && (mapping!.Tables is not null || detected is { IsMeasuresTable: true }))
            {
                var outside = tableMapping.Columns.Keys.Where(c => c >= table.ColumnCount).Select(c => c + 1).ToList();
                if (outside.Count > 0)
                {
                    problems.Add(new ImportProblem(file, table.Name, null, null,
                        $"--map ระบุคอลัมน์ที่ {string.Join(", ", outside)} แต่{table.Name} มี {table.ColumnCount} คอลัมน์ (no such column)"));
                    previews.Add(Skipped(table, firstRow, "--map ระบุคอลัมน์ที่ตารางนี้ไม่มี", detected));
                    continue;
                }
                columns = PlanColumns.Find(table, tableMapping);
            }
            TableVerdict verdict;
            string? reason = null;
            var headerless = false;
            if (columns is { Verdict: TableVerdict.Read or TableVerdict.Uncertain })
                verdict = columns.Verdict;
            else if (previous is not null && !table.ColumnLetters && read.Contains(previousTable) && PreviousSibling(tables, t) == previousTable
                     && table.ColumnCount == tables[previousTable].ColumnCount && (columns is null || columns.CoreRoles < 2))
            {
                // A table that goes on over the page without repeating its header: same grid, right after it.
                verdict = TableVerdict.Continued;
                columns = previous;
                headerless = true;
                warnings.Add($"{table.Name ?? file} ไม่มีหัวตาราง จึงอ่านต่อจากตารางก่อนหน้า (no header: read as the previous table continued)");
            }
            else
            {
                previews.Add(Skipped(table, firstRow, columns?.WhyNot() ?? "ไม่พบแถวหัวตาราง", columns));
                continue;
            }

            // Word tables go on over pages; sheets of a workbook are each their own.
            var repeated = previous is not null && !table.ColumnLetters && verdict != TableVerdict.Uncertain && (headerless || columns!.SameShapeAs(previous));
            var tableRows = ReadRows(table, columns!, headerless, repeated ? rows.LastOrDefault() : null);
            if (verdict == TableVerdict.Uncertain)
            {
                previews.Add(Preview(table, columns!, verdict, columns!.WhyNot(), firstRow, tableRows.Count));
                problems.Add(new ImportProblem(file, table.Name, columns!.HeaderRows[0] + 1, null, AskForMapping(table, columns)));
                continue;
            }

            if (!repeated) ReportColumns(table, columns!, warnings, reported);
            previews.Add(Preview(table, columns!, verdict, reason, firstRow, tableRows.Count));
            rows.AddRange(tableRows);
            read.Add(t);
            previous = columns;
            previousTable = t;
        }

        if (read.Count == 0)
        {
            if (problems.Count == 0) problems.Add(new ImportProblem(file, null, null, null, NoMeasuresTable(previews)));
            return new PlanPreview(file, previews, new PlanDraft([], warnings, problems));
        }
        if (rows.Count == 0)
        {
            problems.Add(new ImportProblem(file, null, null, null, "พบหัวตารางมาตรการแต่ไม่มีมาตรการในตาราง (the measures table is empty)"));
            return new PlanPreview(file, previews, new PlanDraft([], warnings, problems));
        }
        if (rows.Count > limits.MaxMeasures)
        {
            problems.Add(new ImportProblem(file, null, null, null,
                $"แผนมีมาตรการเกิน {ImportLimits.Count(limits.MaxMeasures)} ข้อ จึงไม่ได้นำเข้า (more than {limits.MaxMeasures} measures)"));
            return new PlanPreview(file, previews, new PlanDraft([], warnings, problems));
        }

        var useCodes = rows.Any(r => r.Code is not null);
        var measures = new List<DraftMeasure>();
        for (var i = 0; i < rows.Count; i++)
        {
            var measure = rows[i].ToMeasure(file, i + 1, useCodes, fiscalYear, problems, warnings);
            if (measure is not null) measures.Add(measure);
        }
        CheckCodes(file, rows, measures, problems);
        measures = PlanPositions.MapPositionsToUnits(measures, warnings);
        return new PlanPreview(file, previews, new PlanDraft(measures, warnings, problems));
    }

    static List<MeasureRows> ReadRows(SourceTable table, PlanColumns columns, bool headerless, MeasureRows? continued)
    {
        var result = new List<MeasureRows>();
        var firstColumn = columns.All.Min(c => c.Index);
        var numberColumn = columns.All.FirstOrDefault(c => c.Kind == ColumnKind.RowNumber);
        var expectContinuation = continued is not null;
        var last = continued;
        string? section = null;
        var sectionChanged = false;
        var start = headerless ? 0 : columns.HeaderRows[^1] + 1;
        var width = table.ColumnCount;

        for (var r = start; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            if (columns.Repeats(row))
            {
                expectContinuation = true;
                continue;
            }
            if (row.IsBlank) continue;
            var texts = row.Cells.Where(c => !c.IsEmpty).ToList();
            // "ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล" written across the whole table: the issue of the rows under it.
            if (texts is [var only] && width >= 3 && only.Span >= Math.Max(2, (int)Math.Ceiling(width * 0.6)))
            {
                section = CellText.Line(only);
                sectionChanged = true;
                expectContinuation = false;
                continue;
            }

            var hasPlanText = TextKinds.Any(kind => columns[kind] is { } column && row.At(column.Index) is { IsEmpty: false })
                || (columns.PeriodParts.Count > 1 && columns.PeriodOver(row) is not null);
            var firstCellEmpty = row.At(firstColumn) is not { IsEmpty: false };
            var titleCell = columns.TitleColumn is { } titleColumn ? row.At(titleColumn.Index) : null;
            var titleMerged = titleCell is { MergedFromAbove: true };
            var unnumbered = numberColumn is not null && row.At(numberColumn.Index) is not { IsEmpty: false }
                && titleCell is not { IsEmpty: false } && last?.Numbered == true;
            var continues = last is not null && ((expectContinuation && firstCellEmpty) || titleMerged || unnumbered);
            expectContinuation = false;
            if (!hasPlanText) continue;

            // A measure started in an earlier table is already in the plan: its rows here only add to it.
            if (continues) last!.Add(row);
            else
            {
                result.Add(last = new MeasureRows(table, columns, row, sectionChanged ? section : last?.Issue, last));
                sectionChanged = false;
            }
        }
        return result;
    }

    static bool InsideReadTable(IReadOnlyList<SourceTable> tables, int index, HashSet<int> read)
    {
        for (var parent = tables[index].Parent; parent is { } p; parent = tables[p].Parent)
            if (read.Contains(p)) return true;
        return false;
    }

    static int PreviousSibling(IReadOnlyList<SourceTable> tables, int index)
    {
        for (var j = index - 1; j >= 0; j--)
            if (tables[j].Parent == tables[index].Parent) return j;
        return -1;
    }

    static IReadOnlyList<string> FirstRow(SourceTable table) =>
        table.Rows.FirstOrDefault(r => !r.IsBlank)?.Cells.Where(c => !c.IsEmpty).Select(c => Shorten(CellText.Line(c) ?? "", 40)).ToList() ?? [];

    static TablePreview Skipped(SourceTable table, IReadOnlyList<string> firstRow, string reason, PlanColumns? columns = null) =>
        columns is null
            ? new TablePreview(table.Key, table.Name ?? "ตาราง", TableVerdict.Skipped, reason, 0, [], [], firstRow, 0)
            : Preview(table, columns, TableVerdict.Skipped, reason, firstRow, 0);

    static TablePreview Preview(SourceTable table, PlanColumns columns, TableVerdict verdict, string? reason, IReadOnlyList<string> firstRow, int measures) =>
        new(table.Key, table.Name ?? "ตาราง", verdict, reason, Math.Round(columns.Confidence, 2),
            verdict == TableVerdict.Continued && !columns.Mapped ? [] : columns.HeaderRows.Select(r => table.Rows[r].Number).ToList(),
            columns.All.Select(c => new HeaderCellPreview(c.Index + 1, table.ColumnName(c.Index), c.Header, columns.KindsOf(c),
                Math.Round(columns.KindsOf(c).Select(c.WeightOf).DefaultIfEmpty(c.Named.FirstOrDefault().Weight).Max(), 2), c.Mapped)).ToList(),
            firstRow, measures);

    /// <summary>What the person can do when the import is unsure: the columns as read, and the command that confirms them.</summary>
    static string AskForMapping(SourceTable table, PlanColumns columns)
    {
        var roles = columns.All.Select(c => (Column: c, Kinds: columns.KindsOf(c).Where(k => MapName(k) is not null).ToList()))
            .Where(x => x.Kinds.Count > 0).ToList();
        var seen = string.Join(", ", columns.All.Select(c =>
            $"{c.Index + 1} “{c.Header}” = {string.Join("+", columns.KindsOf(c).Select(HeaderVocabulary.ThaiName).DefaultIfEmpty("ไม่อ่าน"))}"));
        var map = string.Join(",", roles.SelectMany(x => x.Kinds.Select(k => $"{MapName(k)}={x.Column.Index + 1}")));
        return $"ไม่แน่ใจว่า{table.Name} เป็นตารางมาตรการและคอลัมน์ใดคืออะไร (ความมั่นใจ {columns.Confidence:0.00}): อ่านได้ว่า {seen} "
            + $"— ถ้าถูกต้อง นำเข้าอีกครั้งด้วย --map \"{map}\" (แก้เลขคอลัมน์ได้) หรือ --table เพื่อเลือกเฉพาะตารางที่ใช่ "
            + "(unsure about this table's columns: confirm them with --map, or choose tables with --table)";
    }

    /// <summary>The role's name as <c>--map</c> reads it back.</summary>
    public static string? MapName(ColumnKind kind) => kind switch
    {
        ColumnKind.Title => "มาตรการ",
        ColumnKind.Steps => "ขั้นตอน",
        ColumnKind.Responsible => "ผู้รับผิดชอบ",
        ColumnKind.Period => "ระยะเวลา",
        ColumnKind.Issue => "ประเด็น",
        ColumnKind.FollowUp => "ติดตาม",
        ColumnKind.Code => "รหัส",
        ColumnKind.RowNumber => "ลำดับ",
        ColumnKind.Budget => "งบประมาณ",
        ColumnKind.Target => "เป้าหมาย",
        ColumnKind.OitItem => "oit",
        _ => null,
    };

    static string NoMeasuresTable(IReadOnlyList<TablePreview> tables)
    {
        var text = "ไม่พบตารางมาตรการ: ตารางมาตรการต้องมีแถวหัวตารางที่บอกอย่างน้อยสองอย่างจาก มาตรการ/แนวทาง ขั้นตอน/วิธีการ ผู้รับผิดชอบ ระยะเวลาดำเนินการ (no measures table found)";
        if (tables.Count == 0) return text + " — ในไฟล์ไม่มีตารางเลย";
        return text + " — ตารางที่พบ: " + string.Join("; ", tables.Select(t =>
            $"{t.Name} (แถวแรก: {string.Join(" | ", t.FirstRow.DefaultIfEmpty("ว่าง"))}) {t.Reason}"))
            + " — ถ้าตารางใดเป็นตารางมาตรการ ให้นำเข้าอีกครั้งด้วย --table <เลขตาราง> --map \"มาตรการ=<คอลัมน์>,ผู้รับผิดชอบ=<คอลัมน์>,ระยะเวลา=<คอลัมน์>\"";
    }

    static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    static void ReportColumns(SourceTable table, PlanColumns columns, List<string> warnings, HashSet<string> reported)
    {
        if (columns.TitleFrom is { } from)
            Add($"{table.Name ?? "ตาราง"} ไม่มีคอลัมน์มาตรการ จึงใช้คอลัมน์ “{from.Header}” เป็นชื่อมาตรการ (no measure column: titles come from “{from.Header}”)");
        foreach (var column in columns.All)
        {
            var kinds = columns.KindsOf(column);
            var message = column.Kind switch
            {
                _ when column.Mapped && kinds.Count == 0 => null,
                ColumnKind.Report => $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: เป็นผลการดำเนินการของรอบรายงาน ไม่ใช่ส่วนของแผน (report column ignored)",
                ColumnKind.Unknown or ColumnKind.Note or ColumnKind.Score or ColumnKind.Link =>
                    $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: ไม่รู้จักหัวคอลัมน์นี้ (unknown column ignored)",
                _ when kinds.Count == 0 =>
                    $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: ซ้ำกับคอลัมน์ “{columns[column.Kind]!.Header}” ที่อ่านแล้ว (duplicate column ignored)",
                _ when kinds.Count(k => PlanColumns.PlanKinds.Contains(k)) > 1 =>
                    $"คอลัมน์ “{column.Header}” ใช้เป็นทั้ง {string.Join(" และ ", kinds.Select(HeaderVocabulary.ThaiName))} (one column read for two roles)",
                _ => null,
            };
            if (message is not null) Add(message);
        }

        void Add(string message)
        {
            if (reported.Add(message)) warnings.Add(message);
        }
    }

    static void CheckCodes(string file, List<MeasureRows> rows, List<DraftMeasure> measures, List<ImportProblem> problems)
    {
        var firstRowOf = new Dictionary<string, MeasureRows>(StringComparer.OrdinalIgnoreCase);
        foreach (var (measure, source) in measures.Select(m => (m, rows[m.Order - 1])))
        {
            if (firstRowOf.TryGetValue(measure.Code, out var first))
                problems.Add(source.ProblemAt(file, ColumnKind.Code,
                    $"รหัส “{measure.Code}” ซ้ำกับมาตรการใน{first.Place} (duplicate measure code)"));
            else
                firstRowOf[measure.Code] = source;
        }
    }

    /// <summary>The rows of one measure: its first row and any rows that continue it.</summary>
    sealed class MeasureRows
    {
        readonly SourceTable _table;
        readonly PlanColumns _columns;
        readonly SourceRow _row;
        readonly List<CellText.Item> _title = [], _steps = [], _followUp = [];
        readonly List<string> _responsible = [], _period = [];
        readonly Dictionary<string, List<string>> _extra = [];
        string? _oit;

        public string? Code { get; private set; }
        public string? Issue { get; private set; }

        /// <summary>Its row had a ลำดับ number: an unnumbered row under it is more of it.</summary>
        public bool Numbered { get; }

        public MeasureRows(SourceTable table, PlanColumns columns, SourceRow row, string? issueAbove, MeasureRows? above)
        {
            (_table, _columns, _row) = (table, columns, row);
            Code = CellText.Line(Cell(row, ColumnKind.Code)) is { } code ? ThaiDigits.ToArabic(code) : null;
            _oit = CellText.Line(Cell(row, ColumnKind.OitItem));
            // An empty issue cell is "same issue as above"; so is a merged one. A spanning row above names it too.
            Issue = CellText.Line(Cell(row, ColumnKind.Issue)) ?? issueAbove;
            if (Cell(row, ColumnKind.OitItem) is { MergedFromAbove: true }) _oit = above?._oit;
            if (Cell(row, ColumnKind.Responsible) is { MergedFromAbove: true } && above is not null) _responsible.AddRange(above._responsible);
            if (Cell(row, ColumnKind.Period) is { MergedFromAbove: true } && above is not null) _period.AddRange(above._period);
            if (Cell(row, ColumnKind.FollowUp) is { MergedFromAbove: true } && above is not null) _followUp.AddRange(above._followUp);
            Numbered = _columns.All.FirstOrDefault(c => c.Kind == ColumnKind.RowNumber) is { } number && row.At(number.Index) is { IsEmpty: false };
            Add(row);
        }

        public string Place => _table.Name is null ? $"แถว {_row.Number}" : $"{_table.Name} แถว {_row.Number}";

        bool TitleSharesSteps => _columns.TitleColumn is { } title && _columns[ColumnKind.Steps] == title;

        /// <summary>Joins a row's cells to this measure (its own first row, or a row continued after a page break).</summary>
        public void Add(SourceRow row)
        {
            if (row != _row)
            {
                Code ??= CellText.Line(Cell(row, ColumnKind.Code)) is { } code ? ThaiDigits.ToArabic(code) : null;
                Issue ??= CellText.Line(Cell(row, ColumnKind.Issue));
                _oit ??= CellText.Line(Cell(row, ColumnKind.OitItem));
            }
            if (TitleSharesSteps)
            {
                // One column for both: the words before the numbered items are the measure, the items its steps.
                if (Cell(row, ColumnKind.Title) is { IsEmpty: false } both)
                {
                    var kept = CellText.Items(both.Paragraphs, keepNumbers: true);
                    var stripped = CellText.Items(both.Paragraphs, keepNumbers: false);
                    var lead = kept.FindIndex(i => i.Marker != CellText.Marker.None);
                    if (row != _row && _steps.Count > 0) Continue(_steps, stripped);
                    else if (lead > 0) { Continue(_title, kept[..lead]); Continue(_steps, stripped[lead..]); }
                    else Continue(_title, kept);
                }
            }
            else
            {
                Continue(_title, Cell(row, ColumnKind.Title), keepNumbers: true);
                Continue(_steps, Cell(row, ColumnKind.Steps), keepNumbers: false);
            }
            Continue(_followUp, Cell(row, ColumnKind.FollowUp), keepNumbers: true);
            if (Cell(row, ColumnKind.Responsible) is { IsEmpty: false } responsible) _responsible.Add(responsible.Text);
            var period = _columns.PeriodParts.Count > 1 ? _columns.PeriodOver(row) : CellText.Line(Cell(row, ColumnKind.Period));
            if (period is not null) _period.Add(period);
            foreach (var column in _columns.All)
            {
                if (!_columns.KindsOf(column).Any(k => k is ColumnKind.RowNumber or ColumnKind.Budget or ColumnKind.Target)) continue;
                if (CellText.Text(row.At(column.Index)?.Paragraphs ?? []) is not { } text) continue;
                var name = column.Header.Length > 0 ? column.Header : HeaderVocabulary.ThaiName(_columns.KindsOf(column)[0]);
                (_extra.TryGetValue(name, out var values) ? values : _extra[name] = []).Add(text);
            }
        }

        static void Continue(List<CellText.Item> items, SourceCell? cell, bool keepNumbers)
        {
            if (cell is null || cell.IsEmpty) return;
            Continue(items, CellText.Items(cell.Paragraphs, keepNumbers));
        }

        /// <summary>Text cut by a page break goes on where it stopped; a new bullet or number starts a new item.</summary>
        static void Continue(List<CellText.Item> items, List<CellText.Item> more)
        {
            more = [.. more];
            if (items.Count > 0 && more.Count > 0 && more[0].Marker == CellText.Marker.None)
            {
                items[^1] = items[^1] with { Text = items[^1].Text + " " + more[0].Text };
                more.RemoveAt(0);
            }
            items.AddRange(more);
        }

        SourceCell? Cell(SourceRow row, ColumnKind kind) => _columns[kind] is { } column ? row.At(column.Index) : null;

        string CellPlace(ColumnKind kind) =>
            _columns[kind] is { } column ? $"{Place} คอลัมน์ {ColumnName(column)}" : Place;

        string ColumnName(PlanColumn column) =>
            _table.ColumnLetters ? $"{XlsxTables.LetterOf(column.Index)} “{column.Header}”" : $"“{column.Header}”";

        public DraftMeasure? ToMeasure(string file, int order, bool useCodes, int fiscalYear, List<ImportProblem> problems, List<string> warnings)
        {
            var ok = true;
            var title = CellText.NullIfEmpty(string.Join("\n", CellText.Join(_title).Select(i => i.Text)));
            if (title is null)
            {
                problems.Add(ProblemAt(file, ColumnKind.Title, "แถวนี้ไม่มีชื่อมาตรการ (row has no measure title)"));
                ok = false;
            }

            var code = useCodes ? Code : $"M{order}";
            if (code is null)
            {
                problems.Add(ProblemAt(file, ColumnKind.Code, "แถวนี้ไม่มีรหัสมาตรการ ทั้งที่แถวอื่นมี: ใส่รหัสให้ครบ หรือเว้นว่างทั้งคอลัมน์ (row has no code)"));
                ok = false;
            }
            else if (code.Length > 20)
            {
                problems.Add(ProblemAt(file, ColumnKind.Code, $"รหัส “{code}” ยาวเกิน ๒๐ ตัวอักษร (code longer than 20 characters)"));
                ok = false;
            }
            if (_oit is { Length: > 20 })
            {
                problems.Add(ProblemAt(file, ColumnKind.OitItem, $"ข้อ OIT “{_oit}” ยาวเกิน ๒๐ ตัวอักษร (OIT item longer than 20 characters)"));
                ok = false;
            }

            var periodText = CellText.NullIfEmpty(CellText.Clean(string.Join(" ", _period)));
            MonthPeriod? period = null;
            if (periodText is not null)
            {
                period = ThaiPeriod.Parse(periodText, fiscalYear);
                var shared = _columns[ColumnKind.Period] is { } periodColumn && _columns.KindsOf(periodColumn).Count > 1;
                if (period is null && shared)
                {
                    // The column is also something else (ติดตามและรายงานผล ระยะเวลา): no period in it is no error.
                    warnings.Add($"มาตรการ {code} ({CellPlace(ColumnKind.Period)}) ไม่มีระยะเวลาที่อ่านได้ในช่องนี้ จึงไม่ได้ระบุระยะเวลา (no period found in a shared column)");
                    periodText = null;
                }
                else if (period is null)
                {
                    problems.Add(ProblemAt(file, ColumnKind.Period,
                        $"อ่านระยะเวลา “{periodText}” ไม่ออก: เขียนเช่น “ต.ค. ๖๗ - ก.ย. ๖๘” หรือ “ตลอดปีงบประมาณ” (unreadable period)"));
                    ok = false;
                }
            }

            var units = ResponsibleUnits.Split(string.Join("\n", _responsible));
            if (units.FirstOrDefault(u => u.Name.Length > ResponsibleUnits.MaxNameLength) is { } tooLong)
            {
                problems.Add(ProblemAt(file, ColumnKind.Responsible,
                    $"ชื่อผู้รับผิดชอบ “{tooLong.Name[..40]}…” ยาวเกินชื่อหน่วยงาน: ใส่เฉพาะชื่อกอง/สำนัก (responsible unit name too long)"));
                ok = false;
            }
            if (ok && units.Count == 0)
                warnings.Add($"มาตรการ {code} ({Place}) ไม่มีผู้รับผิดชอบ จึงไม่มีใครได้รับการแจ้งเตือน (measure has no responsible unit)");

            var extra = _extra.Count == 0 ? null : _extra.ToDictionary(e => e.Key, e => string.Join("\n", e.Value));
            return ok
                ? new DraftMeasure(code!, order, Issue, _oit, title!, CellText.Join(_steps).Select(i => i.Text).ToList(),
                    units, period, periodText, CellText.NullIfEmpty(string.Join("\n", CellText.Join(_followUp).Select(i => i.Text))),
                    extra, CellPlace(ColumnKind.Responsible))
                : null;
        }

        public ImportProblem ProblemAt(string file, ColumnKind kind, string message)
        {
            var column = _columns[kind];
            return new ImportProblem(file, _table.Name, _row.Number, column is null ? null : ColumnName(column), message);
        }
    }
}
