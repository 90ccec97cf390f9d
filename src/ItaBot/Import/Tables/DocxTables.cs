using System.Text;
using System.Xml;
using ItaBot.Import.Files;

namespace ItaBot.Import.Tables;

/// <summary>
/// Every table of a Word document, read as a stream of XML with limits (see <see cref="ImportLimits"/>):
/// cells placed on the grid so merged cells line up (gridBefore, gridSpan, vMerge, hMerge), tables inside
/// tables kept as tables of their own (their text also stays in the cell that holds them), text in text boxes
/// read once (the drawing, not its fallback copy), deleted revisions left out.
/// </summary>
public static class DocxTables
{
    static readonly HashSet<string> WordNamespaces =
    [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ];

    const string MarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

    public static IReadOnlyList<SourceTable> Read(byte[] content, ImportLimits limits)
    {
        using var package = OfficePackage.Open(content, limits);
        var main = package.RelatedPart("", "/officeDocument") ?? "word/document.xml";
        using var xml = package.OpenXml(main) ?? package.OpenXml("word/document.xml");
        if (xml is null) return [];
        return new Reader(xml, limits).ReadAll();
    }

    sealed class TableBuilder(int index, string key, int? parent)
    {
        public readonly int Index = index;
        public readonly string Key = key;
        public readonly int? Parent = parent;
        public readonly List<SourceRow> Rows = [];
        public List<SourceCell>? Cells;
        public int Column;
        public CellBuilder? Cell;
        public int Children;
    }

    sealed class CellBuilder(int column)
    {
        public readonly int Column = column;
        public readonly List<CellParagraph> Paragraphs = [];
        public int Span = 1;
        public bool ContinuesMerge;
        public bool ContinuesHorizontally;
        public bool Shaded;
    }

    sealed class ParagraphBuilder
    {
        public readonly StringBuilder Text = new();
        public readonly List<CellParagraph> Lines = [];
        public bool IsListItem;

        public void Break()
        {
            Lines.Add(new CellParagraph(Text.ToString(), IsListItem));
            Text.Clear();
            IsListItem = false;
        }
    }

    sealed class Reader(LimitedXml xml, ImportLimits limits)
    {
        readonly List<TableBuilder> _tables = [];
        readonly List<TableBuilder> _open = [];
        readonly Stack<ParagraphBuilder> _paragraphs = new();
        readonly Stack<string> _path = new();
        readonly List<SourceTable?> _done = [];
        int _topLevel, _cells;
        long _characters;
        bool _inText;

        XmlReader X => xml.Reader;

        string? _parent;

        string? Parent => _parent;

        public IReadOnlyList<SourceTable> ReadAll()
        {
            while (xml.Read())
            {
                switch (X.NodeType)
                {
                    case XmlNodeType.Element:
                        // A drawing's fallback repeats its text box for old readers: read it once.
                        if (X.NamespaceURI == MarkupCompatibility && X.LocalName == "Fallback") { xml.Skip(); continue; }
                        if (!WordNamespaces.Contains(X.NamespaceURI)) continue;
                        var name = X.LocalName;
                        var empty = X.IsEmptyElement;
                        _parent = _path.Count > 0 ? _path.Peek() : null;
                        if (Start(name, empty) && !empty) _path.Push(name);
                        break;
                    case XmlNodeType.EndElement:
                        if (!WordNamespaces.Contains(X.NamespaceURI)) continue;
                        End(X.LocalName);
                        if (_path.Count > 0) _path.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        if (_inText && _paragraphs.TryPeek(out var p)) p.Text.Append(X.Value);
                        break;
                }
            }
            return _done.OfType<SourceTable>().ToList();
        }

        /// <returns>False when the element was skipped with everything in it.</returns>
        bool Start(string name, bool empty)
        {
            switch (name)
            {
                case "del" or "moveFrom" or "sdtPr" or "rPr" when !empty:
                    // Deleted revisions are not the document's text; run and content-control properties hold none.
                    xml.Skip();
                    return false;
                case "tbl":
                    if (_tables.Count >= limits.MaxTables)
                        throw new ImportLimitExceeded($"เอกสารมีตารางเกิน {ImportLimits.Count(limits.MaxTables)} ตาราง จึงไม่ได้อ่าน (too many tables)");
                    var outer = _open.Count > 0 ? _open[^1] : null;
                    var key = outer is null ? (++_topLevel).ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{outer.Key}.{++outer.Children}";
                    var table = new TableBuilder(_tables.Count, key, outer?.Index);
                    _tables.Add(table);
                    _done.Add(null);
                    if (!empty) _open.Add(table); else Finish(table);
                    return true;
                case "tr" when _open.Count > 0:
                    _open[^1].Cells = [];
                    _open[^1].Column = 0;
                    if (empty) EndRow(_open[^1]);
                    return true;
                case "gridBefore" when Parent == "trPr" && _open.Count > 0:
                    _open[^1].Column += Math.Clamp(IntValue() ?? 0, 0, limits.MaxColumns);
                    return true;
                case "tc" when _open.Count > 0 && _open[^1].Cells is not null:
                    _open[^1].Cell = new CellBuilder(_open[^1].Column);
                    if (empty) EndCell(_open[^1]);
                    return true;
                case "gridSpan" when Parent == "tcPr" && CurrentCell() is { } spanned:
                    spanned.Span = Math.Clamp(IntValue() ?? 1, 1, limits.MaxColumns);
                    return true;
                case "vMerge" when Parent == "tcPr" && CurrentCell() is { } merged:
                    merged.ContinuesMerge = X.GetAttribute("val", X.NamespaceURI) is null or "continue";
                    return true;
                case "shd" when Parent == "tcPr" && CurrentCell() is { } shaded:
                    shaded.Shaded = X.GetAttribute("fill", X.NamespaceURI) is { } fill && !fill.Equals("auto", StringComparison.OrdinalIgnoreCase)
                        && !fill.Equals("FFFFFF", StringComparison.OrdinalIgnoreCase);
                    return true;
                case "hMerge" when Parent == "tcPr" && CurrentCell() is { } joined:
                    joined.ContinuesHorizontally = X.GetAttribute("val", X.NamespaceURI) is null or "continue";
                    return true;
                case "p":
                    _paragraphs.Push(new ParagraphBuilder());
                    if (empty) EndParagraph();
                    return true;
                case "numPr" when Parent == "pPr" && _paragraphs.TryPeek(out var listed):
                    listed.IsListItem = true;
                    return true;
                case "t" when Parent == "r":
                    _inText = !empty;
                    return true;
                case "tab" or "ptab" when Parent == "r" && _paragraphs.TryPeek(out var tabbed):
                    tabbed.Text.Append(' ');
                    return true;
                case "noBreakHyphen" when Parent == "r" && _paragraphs.TryPeek(out var hyphened):
                    hyphened.Text.Append('-');
                    return true;
                case "sym" when Parent == "r" && _paragraphs.TryPeek(out var symbol):
                    symbol.Text.Append('●'); // Wingdings bullets typed by hand
                    return true;
                case "br" or "cr" when Parent == "r" && _paragraphs.TryPeek(out var broken):
                    // A manual line break is how people start a new step inside one paragraph.
                    broken.Break();
                    return true;
            }
            return true;
        }

        void End(string name)
        {
            switch (name)
            {
                case "t":
                    _inText = false;
                    break;
                case "p":
                    EndParagraph();
                    break;
                case "tc" when _open.Count > 0:
                    EndCell(_open[^1]);
                    break;
                case "tr" when _open.Count > 0:
                    EndRow(_open[^1]);
                    break;
                case "tbl" when _open.Count > 0:
                    var table = _open[^1];
                    _open.RemoveAt(_open.Count - 1);
                    Finish(table);
                    break;
            }
        }

        CellBuilder? CurrentCell() => _open.Count > 0 ? _open[^1].Cell : null;

        int? IntValue() =>
            int.TryParse(X.GetAttribute("val", X.NamespaceURI), System.Globalization.NumberStyles.Integer,
                System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

        void EndParagraph()
        {
            if (!_paragraphs.TryPop(out var paragraph)) return;
            paragraph.Break();
            // The paragraph belongs to the cell it is in, and to the cells of the tables around that one.
            foreach (var table in _open)
            {
                if (table.Cell is not { } cell) continue;
                foreach (var line in paragraph.Lines)
                {
                    _characters += line.Text.Length;
                    if (_characters > limits.MaxPartBytes)
                        throw new ImportLimitExceeded(
                            $"ข้อความในตารางรวมกันเกิน {ImportLimits.Count(limits.MaxPartBytes)} ตัวอักษร จึงไม่ได้อ่าน (too much text in tables)");
                    cell.Paragraphs.Add(line);
                }
            }
        }

        void EndCell(TableBuilder table)
        {
            if (table.Cell is not { } cell || table.Cells is null) return;
            table.Cell = null;
            if (cell.ContinuesHorizontally && table.Cells.Count > 0)
            {
                // Word 97's horizontal merge: this cell is part of the one before it.
                var before = table.Cells[^1];
                table.Cells[^1] = before with { Span = before.Span + 1 };
                table.Column += 1;
                return;
            }
            var source = new SourceCell(cell.Column, cell.ContinuesMerge ? [] : cell.Paragraphs, cell.ContinuesMerge, cell.Span, cell.Shaded);
            if (!source.IsEmpty && cell.Column + cell.Span > limits.MaxColumns)
                throw new ImportLimitExceeded(
                    $"ตาราง {table.Key} มีข้อความเลยคอลัมน์ที่ {ImportLimits.Count(limits.MaxColumns)} จึงไม่ได้อ่าน (more than {limits.MaxColumns} columns)");
            if (++_cells > limits.MaxCells)
                throw new ImportLimitExceeded($"เอกสารมีช่องในตารางเกิน {ImportLimits.Count(limits.MaxCells)} ช่อง จึงไม่ได้อ่าน (too many cells)");
            table.Cells.Add(source);
            table.Column += cell.Span;
        }

        void EndRow(TableBuilder table)
        {
            if (table.Cells is null) return;
            if (table.Rows.Count >= limits.MaxRows)
                throw new ImportLimitExceeded(
                    $"ตาราง {table.Key} มีเกิน {ImportLimits.Count(limits.MaxRows)} แถว จึงไม่ได้อ่าน (more than {limits.MaxRows} rows)");
            table.Rows.Add(new SourceRow(table.Rows.Count + 1, table.Cells));
            table.Cells = null;
        }

        void Finish(TableBuilder table) =>
            _done[table.Index] = new SourceTable($"ตาราง {table.Key}", table.Rows, ColumnLetters: false, table.Key, table.Parent);
    }
}
