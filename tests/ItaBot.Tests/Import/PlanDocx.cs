using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Tests.Import;

/// <summary>
/// Word documents with the structures agencies' plans really have, built by code: merged cells (gridSpan,
/// vMerge), shaded Gantt cells, tables inside cells, text in text boxes (the drawing and its VML fallback, as
/// Word saves them), spacer rows and columns, several tables with paragraphs between them.
/// </summary>
public static class PlanDocx
{
    public enum Merge { None, Restart, Continue }

    /// <summary>A cell; "\n" separates paragraphs.</summary>
    public sealed record Cell(string Text = "", int Span = 1, Merge Merge = Merge.None, bool InTextBox = false, Table? Nested = null, bool Shaded = false)
    {
        public static implicit operator Cell(string text) => new(text);
    }

    public sealed record Row(params Cell[] Cells);

    public sealed record Table(params Row[] Rows);

    public static Cell Span(string text, int columns) => new(text, columns);
    public static Cell Down(string text) => new(text, Merge: Merge.Restart);
    public static readonly Cell MergedUp = new(Merge: Merge.Continue);
    public static Cell TextBox(string text) => new(text, InTextBox: true);
    public static readonly Cell Filled = new(Shaded: true);

    /// <summary>A document of paragraphs (strings) and tables, in order.</summary>
    public static byte[] Build(params object[] blocks)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in blocks)
            {
                if (block is string text) body.Append(Paragraph(text));
                else body.Append(ToWord((Table)block), new Paragraph());
            }
            body.Append(new SectionProperties(new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    static DocumentFormat.OpenXml.Wordprocessing.Table ToWord(Table table)
    {
        var columns = table.Rows.Max(r => r.Cells.Sum(c => c.Span));
        var word = new DocumentFormat.OpenXml.Wordprocessing.Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                    new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })),
            new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = (14000 / columns).ToString() })));
        foreach (var row in table.Rows)
        {
            var tr = new TableRow();
            foreach (var cell in row.Cells)
            {
                var properties = new TableCellProperties();
                if (cell.Span > 1) properties.Append(new GridSpan { Val = cell.Span });
                if (cell.Merge == Merge.Restart) properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                if (cell.Merge == Merge.Continue) properties.Append(new VerticalMerge());
                if (cell.Shaded) properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "A6A6A6" });
                var tc = new TableCell(properties);
                if (cell.InTextBox) tc.Append(TextBoxParagraph(cell.Text));
                else if (cell.Merge != Merge.Continue) foreach (var line in cell.Text.Split('\n')) tc.Append(Paragraph(line));
                if (cell.Nested is { } nested) tc.Append(ToWord(nested), new Paragraph());
                if (!tc.Elements<Paragraph>().Any() && !tc.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().Any()) tc.Append(new Paragraph());
                if (tc.LastChild is DocumentFormat.OpenXml.Wordprocessing.Table) tc.Append(new Paragraph());
                tr.Append(tc);
            }
            word.Append(tr);
        }
        return word;
    }

    static Paragraph Paragraph(string text) =>
        new(new Run(new RunProperties(new RunFonts { Ascii = "TH Sarabun New", HighAnsi = "TH Sarabun New", ComplexScript = "TH Sarabun New" },
            new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }), new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>A paragraph holding only a text box, saved the way Word saves it: a DrawingML shape and a VML copy for old readers.</summary>
    static Paragraph TextBoxParagraph(string text)
    {
        var inner = string.Concat(text.Split('\n').Select(line =>
            $"<w:p><w:r><w:t xml:space=\"preserve\">{WebUtility.HtmlEncode(line)}</w:t></w:r></w:p>"));
        var xml =
            "<w:p xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
            + "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
            + "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" xmlns:v=\"urn:schemas-microsoft-com:vml\">"
            + "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            + "<wp:extent cx=\"2500000\" cy=\"600000\"/><wp:docPr id=\"1\" name=\"Text Box 1\"/>"
            + "<a:graphic><a:graphicData uri=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\"><wps:wsp><wps:cNvSpPr txBox=\"1\"/>"
            + "<wps:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"2500000\" cy=\"600000\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></wps:spPr>"
            + $"<wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
            + $"<mc:Fallback><w:pict><v:shape style=\"width:200pt;height:48pt\"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
            + "</mc:AlternateContent></w:r></w:p>";
        return new Paragraph(xml);
    }
}
