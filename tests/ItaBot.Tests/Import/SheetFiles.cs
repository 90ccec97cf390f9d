using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ItaBot.Tests.Import;

/// <summary>Writes rows as the CSV and XLSX files people make in Excel (cells with line breaks, Thai text).</summary>
public static class SheetFiles
{
    public static byte[] Csv(IEnumerable<string?[]> rows, bool bom = true, string newline = "\r\n")
    {
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join(",", row.Select(Quote))).Append(newline);
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        return bom ? [.. Encoding.UTF8.Preamble, .. bytes] : bytes;
    }

    static string Quote(string? cell) =>
        cell is null ? "" : cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;

    /// <summary>A workbook with one sheet per entry; strings go to the shared string table like Excel does.</summary>
    public static byte[] Xlsx(params (string Name, IEnumerable<string?[]> Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var index = new Dictionary<string, int>();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();

            uint sheetId = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                uint r = 1;
                foreach (var row in rows)
                {
                    var xmlRow = new Row { RowIndex = r };
                    for (var c = 0; c < row.Length; c++)
                    {
                        if (row[c] is not { Length: > 0 } value) continue;
                        if (!index.TryGetValue(value, out var i))
                        {
                            i = index[value] = index.Count;
                            strings.SharedStringTable.Append(new SharedStringItem(new Text(value) { Space = SpaceProcessingModeValues.Preserve }));
                        }
                        xmlRow.Append(new Cell
                        {
                            CellReference = $"{ItaBot.Import.Tables.XlsxTables.LetterOf(c)}{r}",
                            DataType = CellValues.SharedString,
                            CellValue = new CellValue(i.ToString()),
                            StyleIndex = r == 1 ? 1u : 2u,
                        });
                    }
                    data.Append(xmlRow);
                    r++;
                }
                var width = rows.Max(x => x.Length);
                part.Worksheet = new Worksheet(
                    new Columns(Enumerable.Range(1, width).Select(c => new Column { Min = (uint)c, Max = (uint)c, Width = 30, CustomWidth = true })),
                    data);
                workbook.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbook.GetIdOfPart(part) });
            }
        }
        return stream.ToArray();
    }

    // 0 default, 1 bold header, 2 wrapped text aligned top: what a person expects when opening the template.
    static Stylesheet Stylesheet() => new(
        new Fonts(new Font(new FontSize { Val = 14 }, new FontName { Val = "TH Sarabun New" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "TH Sarabun New" })),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top }) { FontId = 0, ApplyAlignment = true }));
}
