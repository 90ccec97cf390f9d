using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Tests.Import;

/// <summary>
/// Builds Word documents the way agencies' files look: one Word table per table block of the extracted text
/// (a table split across pages is several tables, each repeating the header), cells with several paragraphs.
/// </summary>
public static partial class DocxBuilder
{
    /// <summary>A cell written as this continues the vertical merge of the cell above.</summary>
    public const string MergedAbove = "^";

    /// <summary>
    /// The extracted text of a real document (tab-separated rows, HTML fragments in cells) as a .docx:
    /// consecutive rows form one table; &lt;p&gt; and &lt;li&gt; become paragraphs; other tags are dropped.
    /// </summary>
    public static byte[] FromExtractedText(string text, int fromLine = 1, int toLine = int.MaxValue)
    {
        var blocks = new List<object>(); // string paragraph or List<string[]> table
        List<string[]>? table = null;
        var lines = text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < Math.Min(lines.Length, toLine); i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Contains('\t'))
            {
                if (table is null) blocks.Add(table = []);
                table.Add(line.Split('\t').Select(cell => string.Join("\n", HtmlParagraphs(cell))).ToArray());
            }
            else
            {
                table = null;
                if (line.Trim().Length > 0) blocks.Add(line.Trim());
            }
        }
        return Build(blocks);
    }

    /// <summary>A document of the given tables; a cell's paragraphs are separated by "\n".</summary>
    public static byte[] FromTables(params IEnumerable<string[]>[] tables) => Build(tables.Select(t => (object)t.ToList()).ToList());

    public static List<string> HtmlParagraphs(string html) =>
        ParagraphBoundary().Split(html)
            .Select(part => WebUtility.HtmlDecode(AnyTag().Replace(part, " ")))
            .Select(part => Whitespace().Replace(part, " ").Trim())
            .Where(part => part.Length > 0)
            .ToList();

    static byte[] Build(List<object> blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks)
            {
                if (block is string paragraph) body.Append(Paragraph(paragraph));
                else body.Append(Table((List<string[]>)block), new Paragraph());
            }
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    static Table Table(List<string[]> rows)
    {
        var columns = rows.Max(r => r.Length);
        var table = new Table(
            new TableProperties(new TableBorders(
                new TopBorder { Val = BorderValues.Single }, new BottomBorder { Val = BorderValues.Single },
                new LeftBorder { Val = BorderValues.Single }, new RightBorder { Val = BorderValues.Single },
                new InsideHorizontalBorder { Val = BorderValues.Single }, new InsideVerticalBorder { Val = BorderValues.Single })),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = "2000" })));
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new TableRow();
            for (var c = 0; c < columns; c++)
            {
                var text = c < rows[r].Length ? rows[r][c] : "";
                var cell = new TableCell();
                var mergesBelow = r + 1 < rows.Count && c < rows[r + 1].Length && rows[r + 1][c] == MergedAbove;
                if (text == MergedAbove)
                {
                    cell.Append(new TableCellProperties(new VerticalMerge()), new Paragraph());
                }
                else
                {
                    if (mergesBelow) cell.Append(new TableCellProperties(new VerticalMerge { Val = MergedCellValues.Restart }));
                    var paragraphs = text.Split('\n').Select(Paragraph).ToList();
                    cell.Append(paragraphs.Count > 0 ? paragraphs : [new Paragraph()]);
                }
                row.Append(cell);
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>A paragraph written "#text" is an item of a Word numbered list: Word shows the number, the text has none.</summary>
    public const string ListItem = "#";

    static Paragraph Paragraph(string text)
    {
        var listItem = text.StartsWith(ListItem, StringComparison.Ordinal);
        var paragraph = new Paragraph(new Run(new Text(listItem ? text[1..] : text) { Space = SpaceProcessingModeValues.Preserve }));
        if (listItem)
            paragraph.PrependChild(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })));
        return paragraph;
    }

    [GeneratedRegex(@"</?(?:p|li)\b[^>]*>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex ParagraphBoundary();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
