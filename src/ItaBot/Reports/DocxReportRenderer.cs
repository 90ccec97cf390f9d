using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Reports;

/// <summary>
/// The report as a Word document shaped like the ones agencies publish: A4 landscape, TH Sarabun New
/// 16 pt, the eight-column table with its header repeated on every page, a summary, page numbers and
/// the coordinator's signature block.
/// </summary>
public static class DocxReportRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Font = "TH Sarabun New";
    const int FontHalfPoints = 32; // 16 pt

    // A4 landscape in twentieths of a point, 2 cm margins; the table fills the width between them.
    const int PageWidth = 16838, PageHeight = 11906, Margin = 1134;
    const int TextWidth = PageWidth - 2 * Margin;
    static readonly int[] ColumnWidths = [1750, 2000, 2400, 1350, 1250, 2050, 2270, 1500];
    const string HeaderFill = "D9D9D9";
    const string Dots = "........................................";

    public static void Render(RoundReport report, Stream output, ReportsOptions? options = null, ReportFileLinks? links = null)
    {
        options ??= new ReportsOptions();
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = OpenXmlText.Safe(ReportText.Title(report));
        document.PackageProperties.Creator = "ItaBot";

        var main = document.AddMainDocumentPart();
        AddStyles(main);
        AddFontTable(main);
        var footer = AddFooter(main);

        var before = new Body();
        AddTitle(before, report);
        before.Append(Paragraph(ReportText.Intro(report), indentFirstLine: true, justify: JustificationValues.Both));
        before.Append(Paragraph(ReportText.AsOf(report), justify: JustificationValues.Right, spaceAfter: 120));
        var after = new Body();
        AddSummary(after, report);
        AddSignature(after, options);
        after.Append(Section(main.GetIdOfPart(footer)));

        // The measures table is most of the document: its rows are written one by one rather than built
        // as one tree first, which keeps a 200-measure report fast and small in memory.
        using var writer = OpenXmlWriter.Create(main);
        writer.WriteStartElement(new Document(), [], [new("w", WordNamespace), new("r", RelationshipsNamespace)]);
        writer.WriteStartElement(new Body());
        foreach (var element in before.ChildElements) writer.WriteElement(element);
        var table = NewTable(ColumnWidths);
        writer.WriteStartElement(table);
        foreach (var element in table.ChildElements) writer.WriteElement(element);
        writer.WriteElement(HeaderRow(ReportText.ColumnHeaders, ColumnWidths));
        var hyperlinks = new Links(main);
        foreach (var measure in report.Measures) writer.WriteElement(MeasureRow(measure, hyperlinks, links));
        writer.WriteEndElement();
        foreach (var element in after.ChildElements) writer.WriteElement(element);
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>
    /// Evidence links as hyperlink relationships, one per link, with ids made here: letting the package invent
    /// an id searches every earlier one, which is slow with the thousands of links a year's round gathers.
    /// </summary>
    sealed class Links(MainDocumentPart main)
    {
        int _count;

        public string Add(Uri uri) => main.AddHyperlinkRelationship(uri, isExternal: true, id: $"rIdLink{++_count}").Id;
    }

    const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    static void AddTitle(Body body, RoundReport report)
    {
        // Two lines as the agencies print it, in one paragraph so the title stays one piece of text.
        var firstLine = $"{ReportText.Heading} {ReportText.OfOrganization(report.Organization.Name)} ";
        var secondLine = $"{ReportText.FiscalYear(report.Round.FiscalYear)} {ReportText.RoundName(report.Round)} {ReportText.RoundSpan(report.Round)}";
        body.Append(new Paragraph(
            new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center }, SpacingBetweenLines = new SpacingBetweenLines { After = "240" } },
            new Run(BoldProperties(), new Text(OpenXmlText.Safe(firstLine)) { Space = SpaceProcessingModeValues.Preserve }, new Break(), new Text(OpenXmlText.Safe(secondLine)))));
    }

    static TableRow MeasureRow(MeasureLine measure, Links hyperlinks, ReportFileLinks? links)
    {
        var row = new TableRow();
        var cells = ReportTable.Row(measure, links);
        var fullText = links?.FullText(measure);
        for (var i = 0; i < cells.Count; i++)
            row.Append(Cell(ColumnWidths[i], CellLimits.Fit(cells[i], CellLimits.Docx, fullText).Select(line => LineParagraph(line, hyperlinks))));
        return row;
    }

    static void AddSummary(Body body, RoundReport report)
    {
        body.Append(Paragraph("สรุปผลการดำเนินการ", bold: true, spaceBefore: 360, spaceAfter: 120, keepNext: true));

        int[] statusWidths = [4000, 2000, 2000];
        var statusTable = NewTable(statusWidths);
        // Seven short rows: kept on one page with their heading rather than split.
        statusTable.Append(HeaderRow(ReportTable.StatusSummaryHeaders, statusWidths, keepWithNext: true));
        var statusRows = ReportTable.StatusSummaryRows(report.Totals.All).ToList();
        for (var i = 0; i < statusRows.Count; i++)
            statusTable.Append(TextRow(statusRows[i], statusWidths, keepWithNext: i < statusRows.Count - 1));
        body.Append(statusTable);

        body.Append(Paragraph("สรุปผลการดำเนินการแยกตามผู้รับผิดชอบ", bold: true, spaceBefore: 240, spaceAfter: 120, keepNext: true));
        int[] unitWidths = [3770, 1500, 1600, 1600, 1600, 1600, 1400, 1500];
        var unitTable = NewTable(unitWidths);
        unitTable.Append(HeaderRow(ReportTable.UnitSummaryHeaders, unitWidths));
        foreach (var unit in report.Totals.ByUnit)
            unitTable.Append(TextRow(ReportTable.UnitSummaryRow(unit.Unit, unit.Counts), unitWidths));
        body.Append(unitTable);
    }

    static void AddSignature(Body body, ReportsOptions options)
    {
        var name = string.IsNullOrWhiteSpace(options.CoordinatorName) ? Dots : ReportText.Document(options.CoordinatorName.Trim());
        var position = string.IsNullOrWhiteSpace(options.CoordinatorPosition) ? Dots : ReportText.Document(options.CoordinatorPosition.Trim());
        // Signed blocks sit on the right half of the page in Thai official documents.
        body.Append(SignatureLine($"ลงชื่อ {Dots} ผู้รายงาน", spaceBefore: 720));
        body.Append(SignatureLine($"( {name} )"));
        body.Append(SignatureLine($"ตำแหน่ง {position}"));
    }

    static Paragraph SignatureLine(string text, int spaceBefore = 0) => new(
        new ParagraphProperties
        {
            KeepNext = new KeepNext(),
            SpacingBetweenLines = new SpacingBetweenLines { Before = spaceBefore.ToString(), After = "0" },
            Indentation = new Indentation { Left = (TextWidth / 2).ToString() },
            Justification = new Justification { Val = JustificationValues.Center },
        },
        new Run(new Text(OpenXmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }));

    static Table NewTable(int[] widths)
    {
        var table = new Table(new TableProperties
        {
            TableWidth = new TableWidth { Width = widths.Sum().ToString(), Type = TableWidthUnitValues.Dxa },
            TableBorders = new TableBorders(
                Line<TopBorder>(), Line<LeftBorder>(), Line<BottomBorder>(), Line<RightBorder>(),
                Line<InsideHorizontalBorder>(), Line<InsideVerticalBorder>()),
            TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
            TableCellMarginDefault = new TableCellMarginDefault(
                new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa }),
        });
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    static T Line<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4U, Color = "000000" };

    /// <summary>A shaded, bold header row that Word and LibreOffice repeat at the top of every page.</summary>
    static TableRow HeaderRow(IReadOnlyList<string> headers, int[] widths, bool keepWithNext = false)
    {
        var row = new TableRow(new TableRowProperties(new TableHeader()));
        for (var i = 0; i < headers.Count; i++)
            row.Append(Cell(widths[i], [Paragraph(headers[i], bold: true, justify: JustificationValues.Center, keepNext: keepWithNext)], HeaderFill, center: true));
        return row;
    }

    static TableRow TextRow(IReadOnlyList<string> values, int[] widths, bool keepWithNext = false)
    {
        var row = new TableRow();
        for (var i = 0; i < values.Count; i++)
            row.Append(Cell(widths[i], [Paragraph(values[i], justify: i == 0 ? JustificationValues.Left : JustificationValues.Center, keepNext: keepWithNext)]));
        return row;
    }

    static TableCell Cell(int width, IEnumerable<Paragraph> paragraphs, string? fill = null, bool center = false)
    {
        var properties = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa },
        };
        if (fill is not null) properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        if (center) properties.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center };
        var cell = new TableCell(properties);
        cell.Append(paragraphs);
        if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
        return cell;
    }

    static Paragraph LineParagraph(CellLine line, Links links)
    {
        if (line.Link is not null && Uri.TryCreate(line.Link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var id = links.Add(uri);
            var run = new Run(
                new RunProperties { Color = new Color { Val = "0563C1" }, Underline = new Underline { Val = UnderlineValues.Single } },
                new Text(OpenXmlText.Safe(line.Text)) { Space = SpaceProcessingModeValues.Preserve });
            return new Paragraph(new Hyperlink(run) { Id = id, History = true });
        }
        return Paragraph(line.Text, bold: line.Bold);
    }

    static Paragraph Paragraph(
        string text, bool bold = false, JustificationValues? justify = null, bool indentFirstLine = false,
        int spaceBefore = 0, int spaceAfter = 0, bool keepNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.KeepNext = new KeepNext();
        if (spaceBefore > 0 || spaceAfter > 0)
            properties.SpacingBetweenLines = new SpacingBetweenLines { Before = spaceBefore.ToString(), After = spaceAfter.ToString() };
        if (indentFirstLine) properties.Indentation = new Indentation { FirstLine = "1134" };
        if (justify is { } j) properties.Justification = new Justification { Val = j };

        var paragraph = new Paragraph();
        if (properties.HasChildren) paragraph.Append(properties);
        var run = new Run();
        if (bold) run.Append(BoldProperties());
        AppendText(run, text);
        paragraph.Append(run);
        return paragraph;
    }

    /// <summary>Newlines a person typed inside one answer become line breaks in the cell.</summary>
    static void AppendText(Run run, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(OpenXmlText.Safe(lines[i])) { Space = SpaceProcessingModeValues.Preserve });
        }
    }

    // Thai is a complex script to Word: bold and size need their complex-script twins (bCs, szCs).
    static RunProperties BoldProperties() => new() { Bold = new Bold(), BoldComplexScript = new BoldComplexScript() };

    static void AddStyles(MainDocumentPart main)
    {
        var stylesPart = main.AddNewPart<StyleDefinitionsPart>();
        stylesPart.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                    FontSize = new FontSize { Val = FontHalfPoints.ToString() },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = FontHalfPoints.ToString() },
                    Languages = new Languages { Val = "th-TH", Bidi = "th-TH" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                })),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        stylesPart.Styles.Save();
    }

    static void AddFontTable(MainDocumentPart main)
    {
        var fontPart = main.AddNewPart<FontTablePart>();
        // The alternative name lets a machine without TH Sarabun New (LibreOffice on Linux) pick the TLWG look-alike.
        fontPart.Fonts = new Fonts(new DocumentFormat.OpenXml.Wordprocessing.Font(
            new AltName { Val = "Laksaman" },
            new FontCharSet { Val = "DE" },
            new FontFamily { Val = FontFamilyValues.Swiss },
            new Pitch { Val = FontPitchValues.Variable }) { Name = Font });
        fontPart.Fonts.Save();
    }

    static FooterPart AddFooter(MainDocumentPart main)
    {
        var footerPart = main.AddNewPart<FooterPart>();
        footerPart.Footer = new Footer(new Paragraph(
            new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center } },
            new Run(new Text("หน้า ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("๑"))) { Instruction = " PAGE " }));
        footerPart.Footer.Save();
        return footerPart;
    }

    static SectionProperties Section(string footerId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageOrientationValues.Landscape },
        new PageMargin { Top = Margin, Right = (UInt32Value)(uint)Margin, Bottom = Margin, Left = (UInt32Value)(uint)Margin, Header = 567U, Footer = 567U, Gutter = 0U },
        // Page numbers in Thai digits, like the rest of the document.
        new PageNumberType { Format = NumberFormatValues.ThaiNumbers });
}
