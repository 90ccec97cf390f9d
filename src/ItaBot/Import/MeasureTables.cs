using ItaBot.Import.Tables;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// Reads the measures out of a document's tables, the way agencies lay them out:
/// <list type="bullet">
/// <item>A measures table is found by its header (see <see cref="PlanColumns"/>); other tables (scores, analysis) are skipped.</item>
/// <item>A table split across pages repeats its header. The first row after a repeated header whose first cell
/// is empty is the rest of the row before the page break: its cells are joined to that measure.</item>
/// <item>Anywhere else an empty first cell means "same issue as above, new measure".</item>
/// <item>A vertically merged cell means "same as above"; a merged title cell joins the row to the measure above.</item>
/// </list>
/// </summary>
public static class MeasureTables
{
    const int HeaderSearchRows = 10;

    static readonly ColumnKind[] PlanKinds =
        [ColumnKind.Code, ColumnKind.Issue, ColumnKind.OitItem, ColumnKind.Title, ColumnKind.Steps, ColumnKind.Responsible, ColumnKind.Period, ColumnKind.FollowUp];

    public static PlanDraft Read(string file, IReadOnlyList<SourceTable> tables, int fiscalYear, IEnumerable<string>? earlierWarnings = null)
    {
        var warnings = new List<string>(earlierWarnings ?? []);
        var problems = new List<ImportProblem>();
        var rows = new List<MeasureRows>();
        var reported = new HashSet<string>();
        PlanColumns? previous = null;
        var previousTableIndex = -2;
        var previousColumnCount = 0;

        for (var t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            var (columns, headerAt) = FindHeader(table);
            if (columns is null)
            {
                // A table that goes on over the page without repeating its header: same grid, right after it.
                if (previous is null || previousTableIndex != t - 1 || ColumnCount(table) != previousColumnCount) continue;
                columns = previous;
                headerAt = -1;
                warnings.Add($"{table.Name ?? file} ไม่มีหัวตาราง จึงอ่านต่อจากตารางก่อนหน้า (no header: read as the previous table continued)");
            }

            var repeated = previous is not null && columns.SameShapeAs(previous);
            if (!repeated) ReportColumns(table, columns, warnings, reported);
            previous = columns;
            previousTableIndex = t;
            previousColumnCount = ColumnCount(table);
            var firstColumn = columns.All.Min(c => c.Index);
            var expectContinuation = repeated;
            MeasureRows? last = repeated ? rows.LastOrDefault() : null;

            for (var r = headerAt + 1; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                if (PlanColumns.FromHeader(row) is { } again && again.SameShapeAs(columns))
                {
                    expectContinuation = true;
                    continue;
                }
                if (row.Cells.All(c => c.IsEmpty && !c.MergedFromAbove)) continue;
                var hasPlanText = PlanKinds.Any(kind => columns[kind] is { } column && row.At(column.Index) is { IsEmpty: false });
                var firstCellEmpty = row.At(firstColumn) is not { IsEmpty: false };
                var titleMerged = columns[ColumnKind.Title] is { } titleColumn && row.At(titleColumn.Index) is { MergedFromAbove: true };
                var continues = last is not null && ((expectContinuation && firstCellEmpty) || titleMerged);
                expectContinuation = false;
                if (!hasPlanText) continue;

                if (continues) last!.Add(row);
                else rows.Add(last = new MeasureRows(table, columns, row, last));
            }
        }

        if (previous is null)
        {
            problems.Add(new ImportProblem(file, null, null, null,
                "ไม่พบตารางมาตรการ: ต้องมีแถวหัวตารางที่มีคอลัมน์ มาตรการ/แนวทาง และ ขั้นตอน/วิธีการ หรือ ผู้รับผิดชอบ หรือ ระยะเวลาดำเนินการ (no measures table found)"));
            return new PlanDraft([], warnings, problems);
        }
        if (rows.Count == 0)
        {
            problems.Add(new ImportProblem(file, null, null, null, "พบหัวตารางมาตรการแต่ไม่มีมาตรการในตาราง (the measures table is empty)"));
            return new PlanDraft([], warnings, problems);
        }

        var useCodes = rows.Any(r => r.Code is not null);
        var measures = new List<DraftMeasure>();
        for (var i = 0; i < rows.Count; i++)
        {
            var measure = rows[i].ToMeasure(file, i + 1, useCodes, fiscalYear, problems, warnings);
            if (measure is not null) measures.Add(measure);
        }
        CheckCodes(file, rows, measures, problems);
        return new PlanDraft(measures, warnings, problems);
    }

    static (PlanColumns? Columns, int Row) FindHeader(SourceTable table)
    {
        for (var r = 0; r < Math.Min(HeaderSearchRows, table.Rows.Count); r++)
            if (PlanColumns.FromHeader(table.Rows[r]) is { } columns) return (columns, r);
        return (null, -1);
    }

    static int ColumnCount(SourceTable table) =>
        table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Cells.Count == 0 ? 0 : r.Cells.Max(c => c.Column) + 1);

    static void ReportColumns(SourceTable table, PlanColumns columns, List<string> warnings, HashSet<string> reported)
    {
        foreach (var column in columns.All)
        {
            var message = column.Kind switch
            {
                ColumnKind.Report => $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: เป็นผลการดำเนินการของรอบรายงาน ไม่ใช่ส่วนของแผน (report column ignored)",
                ColumnKind.Unknown => $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: ไม่รู้จักหัวคอลัมน์นี้ (unknown column ignored)",
                _ when columns.Duplicates.Contains(column) =>
                    $"ไม่ได้นำเข้าคอลัมน์ “{column.Header}”: ซ้ำกับคอลัมน์ “{columns[column.Kind]!.Header}” ที่อ่านแล้ว (duplicate column ignored)",
                _ => null,
            };
            if (message is not null && reported.Add(message)) warnings.Add(message);
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

        public string? Code { get; private set; }
        string? _issue, _oit;

        public MeasureRows(SourceTable table, PlanColumns columns, SourceRow row, MeasureRows? above)
        {
            (_table, _columns, _row) = (table, columns, row);
            Code = CellText.Line(Cell(row, ColumnKind.Code)) is { } code ? ThaiDigits.ToArabic(code) : null;
            _oit = CellText.Line(Cell(row, ColumnKind.OitItem));
            // An empty issue cell is "same issue as above"; so is a merged one.
            _issue = CellText.Line(Cell(row, ColumnKind.Issue)) ?? (_columns[ColumnKind.Issue] is null ? null : above?._issue);
            if (Cell(row, ColumnKind.OitItem) is { MergedFromAbove: true }) _oit = above?._oit;
            if (Cell(row, ColumnKind.Responsible) is { MergedFromAbove: true } && above is not null) _responsible.AddRange(above._responsible);
            if (Cell(row, ColumnKind.Period) is { MergedFromAbove: true } && above is not null) _period.AddRange(above._period);
            if (Cell(row, ColumnKind.FollowUp) is { MergedFromAbove: true } && above is not null) _followUp.AddRange(above._followUp);
            Add(row);
        }

        public string Place => _table.Name is null ? $"แถว {_row.Number}" : $"{_table.Name} แถว {_row.Number}";

        /// <summary>Joins a row's cells to this measure (its own first row, or a row continued after a page break).</summary>
        public void Add(SourceRow row)
        {
            if (row != _row)
            {
                Code ??= CellText.Line(Cell(row, ColumnKind.Code)) is { } code ? ThaiDigits.ToArabic(code) : null;
                _issue ??= CellText.Line(Cell(row, ColumnKind.Issue));
                _oit ??= CellText.Line(Cell(row, ColumnKind.OitItem));
            }
            Continue(_title, Cell(row, ColumnKind.Title), keepNumbers: true);
            Continue(_steps, Cell(row, ColumnKind.Steps), keepNumbers: false);
            Continue(_followUp, Cell(row, ColumnKind.FollowUp), keepNumbers: true);
            if (Cell(row, ColumnKind.Responsible) is { IsEmpty: false } responsible) _responsible.Add(responsible.Text);
            if (CellText.Line(Cell(row, ColumnKind.Period)) is { } period) _period.Add(period);
        }

        /// <summary>Text cut by a page break goes on where it stopped; a new bullet or number starts a new item.</summary>
        static void Continue(List<CellText.Item> items, SourceCell? cell, bool keepNumbers)
        {
            if (cell is null || cell.IsEmpty) return;
            var more = CellText.Items(cell.Paragraphs, keepNumbers);
            if (items.Count > 0 && more.Count > 0 && more[0].Marker == CellText.Marker.None)
            {
                items[^1] = items[^1] with { Text = items[^1].Text + " " + more[0].Text };
                more.RemoveAt(0);
            }
            items.AddRange(more);
        }

        SourceCell? Cell(SourceRow row, ColumnKind kind) => _columns[kind] is { } column ? row.At(column.Index) : null;

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
                if (period is null)
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

            return ok
                ? new DraftMeasure(code!, order, _issue, _oit, title!, CellText.Join(_steps).Select(i => i.Text).ToList(),
                    units, period, periodText, CellText.NullIfEmpty(string.Join("\n", CellText.Join(_followUp).Select(i => i.Text))))
                : null;
        }

        public ImportProblem ProblemAt(string file, ColumnKind kind, string message)
        {
            var column = _columns[kind];
            var columnName = column is null ? null
                : _table.ColumnLetters ? $"{XlsxTables.LetterOf(column.Index)} “{column.Header}”" : $"“{column.Header}”";
            return new ImportProblem(file, _table.Name, _row.Number, columnName, message);
        }
    }
}
