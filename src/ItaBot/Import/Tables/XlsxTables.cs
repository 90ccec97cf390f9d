using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ItaBot.Import.Tables;

/// <summary>Every worksheet of an Excel workbook as one table; lines inside a cell (Alt+Enter) become paragraphs.</summary>
public static class XlsxTables
{
    public static IReadOnlyList<SourceTable> Read(Stream stream)
    {
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart;
        if (workbook?.Workbook?.Sheets is null) return [];

        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToArray() ?? [];
        var tables = new List<SourceTable>();
        foreach (var sheet in workbook.Workbook.Sheets.Elements<Sheet>())
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            tables.Add(new SourceTable($"ชีต “{sheet.Name?.Value}”", ReadRows(part.Worksheet, shared), ColumnLetters: true));
        }
        return tables;
    }

    static List<SourceRow> ReadRows(Worksheet worksheet, string[] shared)
    {
        var rows = new SortedDictionary<int, Dictionary<int, SourceCell>>();
        var previousRow = 0;
        foreach (var row in worksheet.Descendants<Row>())
        {
            var number = (int?)row.RowIndex?.Value ?? previousRow + 1;
            previousRow = number;
            var cells = new Dictionary<int, SourceCell>();
            var previousColumn = -1;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : previousColumn + 1;
                previousColumn = column;
                var text = ValueOf(cell, shared).Replace("\r\n", "\n").Replace('\r', '\n');
                cells[column] = new SourceCell(column, text.Split('\n').Select(line => new CellParagraph(line)).ToList());
            }
            rows[number] = cells;
        }

        // Cells covered by a vertical merge are usually absent from the file; people read them as "same as above".
        foreach (var merge in worksheet.Descendants<MergeCell>())
        {
            if (merge.Reference?.Value?.Split(':') is not [var from, var to]) continue;
            var (top, left) = (RowOf(from), ColumnOf(from));
            for (var number = top + 1; number <= RowOf(to); number++)
            {
                if (!rows.TryGetValue(number, out var cells)) rows[number] = cells = [];
                cells[left] = new SourceCell(left, [], MergedFromAbove: true);
            }
        }

        return rows.Select(r => new SourceRow(r.Key, r.Value.Values.OrderBy(c => c.Column).ToList())).ToList();
    }

    static string ValueOf(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(raw, out var index) && index >= 0 && index < shared.Length ? shared[index] : "";
        if (cell.DataType?.Value == CellValues.InlineString)
            return cell.InlineString is { } inline ? TextOf(inline) : "";
        if (cell.DataType?.Value == CellValues.Boolean)
            return raw == "1" ? "TRUE" : "FALSE";
        return raw;
    }

    // Rich text keeps its words in runs; phonetic guides (rPh) are not part of the cell's text.
    static string TextOf(DocumentFormat.OpenXml.OpenXmlElement item)
    {
        var text = new StringBuilder();
        foreach (var child in item.ChildElements)
        {
            if (child is Text t) text.Append(t.Text);
            else if (child is Run run) text.Append(string.Concat(run.Elements<Text>().Select(x => x.Text)));
        }
        return text.ToString();
    }

    /// <summary>"C12" → 2 (zero-based column).</summary>
    public static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column - 1;
    }

    static int RowOf(string reference) =>
        int.TryParse(new string(reference.SkipWhile(char.IsAsciiLetter).ToArray()), out var row) ? row : 0;

    /// <summary>2 → "C".</summary>
    public static string LetterOf(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
