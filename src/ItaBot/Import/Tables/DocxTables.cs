using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Import.Tables;

/// <summary>Every top-level table of a Word document, cells placed on the grid so merged cells line up.</summary>
public static class DocxTables
{
    public static IReadOnlyList<SourceTable> Read(Stream stream)
    {
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null) return [];

        var tables = new List<SourceTable>();
        foreach (var table in body.Descendants<Table>().Where(t => !t.Ancestors<Table>().Any()))
            tables.Add(new SourceTable($"ตาราง {tables.Count + 1}", ReadRows(table), ColumnLetters: false));
        return tables;
    }

    static List<SourceRow> ReadRows(Table table)
    {
        var rows = new List<SourceRow>();
        // Rows wrapped in content controls (w:sdt) still belong to this table, rows of nested tables do not.
        foreach (var row in table.Descendants<TableRow>().Where(r => r.Ancestors<Table>().First() == table))
        {
            var column = (int?)row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            var cells = new List<SourceCell>();
            foreach (var cell in row.Descendants<TableCell>().Where(c => c.Ancestors<TableRow>().First() == row))
            {
                var properties = cell.TableCellProperties;
                var merge = properties?.VerticalMerge;
                var continuesMerge = merge is not null && (merge.Val is null || merge.Val.Value == MergedCellValues.Continue);
                cells.Add(new SourceCell(column, continuesMerge ? [] : ReadParagraphs(cell), continuesMerge));
                column += Math.Max(1, (int?)properties?.GridSpan?.Val?.Value ?? 1);
            }
            rows.Add(new SourceRow(rows.Count + 1, cells));
        }
        return rows;
    }

    static List<CellParagraph> ReadParagraphs(TableCell cell)
    {
        var paragraphs = new List<CellParagraph>();
        foreach (var paragraph in cell.Descendants<Paragraph>())
        {
            var isListItem = paragraph.ParagraphProperties?.NumberingProperties is not null;
            var text = new StringBuilder();
            foreach (var element in paragraph.Descendants())
            {
                switch (element)
                {
                    case Text t: text.Append(t.Text); break;
                    case TabChar or PositionalTab: text.Append(' '); break;
                    case NoBreakHyphen: text.Append('-'); break;
                    case SymbolChar: text.Append('●'); break; // Wingdings bullets typed by hand
                    case Break or CarriageReturn:
                        // A manual line break is how people start a new step inside one paragraph.
                        paragraphs.Add(new CellParagraph(text.ToString(), isListItem));
                        text.Clear();
                        isListItem = false;
                        break;
                }
            }
            paragraphs.Add(new CellParagraph(text.ToString(), isListItem));
        }
        return paragraphs;
    }
}
