using System.Globalization;
using System.Text;
using System.Xml;
using ItaBot.Import.Files;

namespace ItaBot.Import.Tables;

/// <summary>
/// Every worksheet of an Excel workbook as one table, read as a stream of XML with limits: only cells with a
/// value are kept, rows and columns are bounded, and merged ranges are clipped to the part of the sheet that
/// holds values (a range may claim two billion rows; the sheet's real extent is what counts).
/// Lines inside a cell (Alt+Enter) become paragraphs.
/// </summary>
public static class XlsxTables
{
    static readonly HashSet<string> SheetNamespaces =
    [
        "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "http://purl.oclc.org/ooxml/spreadsheetml/main",
    ];

    static readonly HashSet<string> RelationshipNamespaces =
    [
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "http://purl.oclc.org/ooxml/officeDocument/relationships",
    ];

    public static IReadOnlyList<SourceTable> Read(byte[] content, ImportLimits limits)
    {
        using var package = OfficePackage.Open(content, limits);
        var workbook = package.RelatedPart("", "/officeDocument") ?? "xl/workbook.xml";
        var relationships = package.Relationships(workbook);
        var sharedPart = relationships.Values.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.OrdinalIgnoreCase)).Target;
        var shared = sharedPart is null ? [] : ReadSharedStrings(package, sharedPart);

        var tables = new List<SourceTable>();
        var cells = 0;
        foreach (var (name, id) in ReadSheets(package, workbook))
        {
            if (!relationships.TryGetValue(id, out var sheet)) continue;
            if (tables.Count >= limits.MaxTables)
                throw new ImportLimitExceeded($"ไฟล์มีชีตเกิน {ImportLimits.Count(limits.MaxTables)} ชีต จึงไม่ได้อ่าน (too many sheets)");
            tables.Add(new SourceTable($"ชีต “{name}”", ReadSheet(package, sheet.Target, name, shared, ref cells), ColumnLetters: true, name));
        }
        return tables;
    }

    static List<(string Name, string Id)> ReadSheets(OfficePackage package, string workbook)
    {
        var sheets = new List<(string, string)>();
        using var xml = package.OpenXml(workbook);
        if (xml is null) return sheets;
        while (xml.Read())
        {
            var x = xml.Reader;
            if (x.NodeType != XmlNodeType.Element || x.LocalName != "sheet" || !SheetNamespaces.Contains(x.NamespaceURI)) continue;
            var id = RelationshipNamespaces.Select(ns => x.GetAttribute("id", ns)).FirstOrDefault(v => v is not null);
            if (id is not null) sheets.Add((x.GetAttribute("name") ?? $"{sheets.Count + 1}", id));
        }
        return sheets;
    }

    static List<string> ReadSharedStrings(OfficePackage package, string part)
    {
        var strings = new List<string>();
        using var xml = package.OpenXml(part);
        if (xml is null) return strings;
        var text = new StringBuilder();
        var inItem = false;
        var inText = false;
        while (xml.Read())
        {
            var x = xml.Reader;
            if (x.NodeType == XmlNodeType.Element && SheetNamespaces.Contains(x.NamespaceURI))
            {
                switch (x.LocalName)
                {
                    case "si":
                        if (strings.Count >= package.Limits.MaxSharedStrings)
                            throw new ImportLimitExceeded(
                                $"ไฟล์มีข้อความเกิน {ImportLimits.Count(package.Limits.MaxSharedStrings)} รายการ จึงไม่ได้อ่าน (too many shared strings)");
                        text.Clear();
                        if (x.IsEmptyElement) strings.Add("");
                        else inItem = true;
                        break;
                    // Phonetic guides are not part of the cell's text.
                    case "rPh" or "phoneticPr":
                        xml.Skip();
                        break;
                    case "t" when inItem:
                        inText = !x.IsEmptyElement;
                        break;
                }
            }
            else if (x.NodeType == XmlNodeType.EndElement && SheetNamespaces.Contains(x.NamespaceURI))
            {
                if (x.LocalName == "t") inText = false;
                else if (x.LocalName == "si" && inItem) { strings.Add(text.ToString()); inItem = false; }
            }
            else if (inText && x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                text.Append(x.Value);
        }
        return strings;
    }

    static List<SourceRow> ReadSheet(OfficePackage package, string part, string sheet, List<string> shared, ref int cellCount)
    {
        var limits = package.Limits;
        var rows = new SortedDictionary<int, Dictionary<int, SourceCell>>();
        var merges = new List<string>();
        using (var xml = package.OpenXml(part))
        {
            if (xml is null) return [];
            var rowNumber = 0;
            Dictionary<int, SourceCell>? row = null;
            var column = -1;
            string? type = null;
            var value = new StringBuilder();
            var inValue = false;
            var inCell = false;
            var inInline = false;
            while (xml.Read())
            {
                var x = xml.Reader;
                if (x.NodeType == XmlNodeType.Element && SheetNamespaces.Contains(x.NamespaceURI))
                {
                    switch (x.LocalName)
                    {
                        case "row":
                            rowNumber = int.TryParse(x.GetAttribute("r"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : rowNumber + 1;
                            row = [];
                            column = -1;
                            if (x.IsEmptyElement) row = null;
                            break;
                        case "c" when row is not null:
                            column = x.GetAttribute("r") is { } reference ? ColumnOf(reference) : column + 1;
                            type = x.GetAttribute("t");
                            value.Clear();
                            inCell = !x.IsEmptyElement;
                            break;
                        case "v" when inCell:
                            inValue = !x.IsEmptyElement;
                            break;
                        case "is" when inCell:
                            inInline = true;
                            break;
                        case "rPh" or "phoneticPr":
                            xml.Skip();
                            break;
                        case "t" when inInline:
                            inValue = !x.IsEmptyElement;
                            break;
                        case "mergeCell":
                            if (merges.Count >= limits.MaxMergedRanges)
                                throw new ImportLimitExceeded(
                                    $"ชีต “{sheet}” มีช่องที่ผสานไว้เกิน {ImportLimits.Count(limits.MaxMergedRanges)} ช่วง จึงไม่ได้อ่าน (too many merged ranges)");
                            if (x.GetAttribute("ref") is { } range) merges.Add(range);
                            break;
                    }
                }
                else if (x.NodeType == XmlNodeType.EndElement && SheetNamespaces.Contains(x.NamespaceURI))
                {
                    switch (x.LocalName)
                    {
                        case "v" or "t":
                            inValue = false;
                            break;
                        case "is":
                            inInline = false;
                            break;
                        case "c" when inCell && row is not null:
                            inCell = false;
                            var text = ValueOf(type, value.ToString(), shared);
                            if (!CellText.HasVisibleText(text)) break;
                            if (column < 0 || column >= limits.MaxColumns)
                                throw new ImportLimitExceeded(
                                    $"ชีต “{sheet}” มีข้อความเลยคอลัมน์ {LetterOf(limits.MaxColumns - 1)} (คอลัมน์ที่ {ImportLimits.Count(limits.MaxColumns)}) จึงไม่ได้อ่าน (more than {limits.MaxColumns} columns)");
                            if (++cellCount > limits.MaxCells)
                                throw new ImportLimitExceeded($"ไฟล์มีช่องที่มีข้อความเกิน {ImportLimits.Count(limits.MaxCells)} ช่อง จึงไม่ได้อ่าน (too many cells)");
                            row[column] = new SourceCell(column, Lines(text));
                            break;
                        case "row" when row is not null:
                            if (row.Count > 0)
                            {
                                if (rows.Count >= limits.MaxRows)
                                    throw new ImportLimitExceeded(
                                        $"ชีต “{sheet}” มีเกิน {ImportLimits.Count(limits.MaxRows)} แถวที่มีข้อความ จึงไม่ได้อ่าน (more than {limits.MaxRows} rows)");
                                if (rows.TryGetValue(rowNumber, out var existing)) foreach (var (c, cell) in row) existing[c] = cell;
                                else rows[rowNumber] = row;
                            }
                            row = null;
                            break;
                    }
                }
                else if (inValue && x.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
                {
                    value.Append(x.Value);
                }
            }
        }

        ApplyMerges(rows, merges, limits, ref cellCount);
        return rows.Select(r => new SourceRow(r.Key, r.Value.Values.OrderBy(c => c.Column).ToList())).ToList();
    }

    /// <summary>
    /// A merged range is its top-left cell spanning the columns, and "same as above" in the rows under it.
    /// Ranges are clipped to the rows and columns that hold values, so a range claiming the whole sheet costs
    /// no more than the data does.
    /// </summary>
    static void ApplyMerges(SortedDictionary<int, Dictionary<int, SourceCell>> rows, List<string> merges, ImportLimits limits, ref int cellCount)
    {
        if (rows.Count == 0 || merges.Count == 0) return;
        var numbers = rows.Keys.ToArray();
        var lastRow = numbers[^1];
        var lastColumn = rows.Values.Max(r => r.Keys.Max());
        foreach (var merge in merges)
        {
            if (merge.Split(':') is not [var from, var to]) continue;
            var (top, left, bottom, right) = (RowOf(from), ColumnOf(from), RowOf(to), ColumnOf(to));
            if (top <= 0 || left < 0 || bottom < top || right < left) continue;
            if (top > lastRow || left > lastColumn) continue;
            bottom = Math.Min(bottom, lastRow);
            right = Math.Min(right, lastColumn);
            if (!rows.TryGetValue(top, out var first) || !first.TryGetValue(left, out var origin)) continue;
            var span = right - left + 1;
            if (span > 1) first[left] = origin with { Span = span };
            // Cells covered by a vertical merge are usually absent from the file; people read them as "same as above".
            var at = Array.BinarySearch(numbers, top);
            for (var i = at + 1; i < numbers.Length && numbers[i] <= bottom; i++)
            {
                var number = numbers[i];
                if (++cellCount > limits.MaxCells)
                    throw new ImportLimitExceeded($"ไฟล์มีช่องที่มีข้อความเกิน {ImportLimits.Count(limits.MaxCells)} ช่อง จึงไม่ได้อ่าน (too many cells)");
                rows[number][left] = new SourceCell(left, [], MergedFromAbove: true, span);
            }
        }
    }

    static List<CellParagraph> Lines(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(line => new CellParagraph(line)).ToList();

    static string ValueOf(string? type, string raw, List<string> shared) => type switch
    {
        "s" => int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Count ? shared[index] : "",
        "b" => raw == "1" ? "TRUE" : "FALSE",
        _ => raw,
    };

    /// <summary>"C12" → 2 (zero-based column); more letters than Excel has → int.MaxValue.</summary>
    public static int ColumnOf(string reference)
    {
        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            if (++letters > 3) return int.MaxValue;
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column - 1;
    }

    static int RowOf(string reference) =>
        int.TryParse(reference.AsSpan(reference.TakeWhile(char.IsAsciiLetter).Count()), NumberStyles.Integer, CultureInfo.InvariantCulture, out var row)
            ? row : int.MaxValue;

    /// <summary>2 → "C".</summary>
    public static string LetterOf(int column)
    {
        var letters = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            letters = (char)('A' + (n - 1) % 26) + letters;
        return letters;
    }
}
