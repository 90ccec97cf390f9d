using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Reports;

/// <summary>
/// The report as a Word document laid out as agencies publish it: A4 landscape, TH Sarabun New 16 pt for the
/// title and text and 14 pt in the table, the five-column table with column widths chosen for its Thai text
/// (no word broken), the header row repeated on every page, a measure's row kept on one page, the issue printed
/// once as a heading across the table over the measures that share it, then the summary and the signature block
/// together, and page numbers in Thai digits.
/// </summary>
public static class DocxReportRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Font = "TH Sarabun New";
    public const string FallbackFont = "TH SarabunPSK";

    internal const int TextHalfPoints = 32; // 16 pt
    const int TableHalfPoints = 28; // 14 pt

    // TH Sarabun's own line height is nearly two ems (Word and LibreOffice both print it "double spaced"), though its
    // letters with their stacked marks take about 1.05 ems: lines are set exactly, with room for stacked Thai marks.
    // 19 pt lines for 16 pt text and 15 pt lines for 14 pt table text leave a mark above ("ที่", "ผู้") clear of a
    // mark below on the line before ("ปู่", "ฏ"); 14 pt lines for 14 pt text let them touch.
    internal const int TextLineTwips = 380; // 19 pt
    const int TableLineTwips = 300; // 15 pt
    // The header's lines, like the table's: "ผู้" of "ผู้รับผิดชอบ" reaches its top border but is not cut.
    const int HeaderLineTwips = TableLineTwips;

    // A4 landscape in twentieths of a point, 1 cm margins, 1.23 cm at the foot with the page number.
    const int PageWidth = 16838, PageHeight = 11906;
    internal const int SideMargin = 567, TopMargin = 567, BottomMargin = 700, FooterDistance = 300;
    const int BodyWidth = PageWidth - 2 * SideMargin;
    // A cell's text 2.25 pt from its side borders, 0.75 pt from the top and bottom.
    const int CellSideMargin = 45, CellTopMargin = 15;
    const string HeaderFill = "D9D9D9";
    const string HeadingFill = "F2F2F2";
    const string Dots = "........................................";

    /// <summary>The body height a table row can use: the page less its margins and the repeated header row.</summary>
    const int BodyTwips = PageHeight - TopMargin - BottomMargin;

    public static void Render(RoundReport report, Stream output, ReportsOptions? options = null, ReportFileLinks? links = null)
    {
        options ??= new ReportsOptions();
        var layout = MeasureTableLayout.For(report, BodyWidth, TableHalfPoints / 2.0, CellSideMargin, links);

        // The small parts through the SDK; the body, most of the file, streamed into the package (StreamedPackage).
        using var skeleton = new MemoryStream();
        string bodyPath, footerId;
        using (var document = WordprocessingDocument.Create(skeleton, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = OpenXmlText.Safe(ReportText.Title(report));
            document.PackageProperties.Creator = "ItaBot";
            var main = document.AddMainDocumentPart();
            DocxParts.AddStyles(main, TextHalfPoints, TextLineTwips, (TableHalfPoints, TableLineTwips));
            DocxParts.AddFontTable(main);
            DocxParts.AddSettings(main);
            var footer = DocxParts.AddPageNumberFooter(main, TableHalfPoints);
            footerId = main.GetIdOfPart(footer);
            main.Document = new Document(new Body());
            main.Document.Save();
            bodyPath = main.Uri.OriginalString.TrimStart('/');
        }

        var hyperlinks = new Links();
        StreamedPackage.Write(skeleton, output, bodyPath, stream => WriteBody(stream, report, options, layout, hyperlinks, footerId), () => hyperlinks.All);
    }

    static void WriteBody(Stream stream, RoundReport report, ReportsOptions options, MeasureTableLayout layout, Links hyperlinks, string footerId)
    {
        // The measures table is most of the document: its rows are written one by one rather than built as one
        // tree first, which keeps a large round fast and small in memory.
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Document(), [], [new("w", WordNamespace), new("r", RelationshipsNamespace)]);
        writer.WriteStartElement(new Body());
        writer.WriteElement(Title(report));
        writer.WriteElement(Intro(report));

        var rows = layout.Rows;
        for (var start = 0; start < rows.Count;)
        {
            // A row taller than a page cannot stay on one: it starts a page of its own so that its title and its
            // ticked box are at least on the same (first) page.
            var end = start + 1;
            while (end < rows.Count && !rows[end].StartsPage) end++;
            if (start > 0) writer.WriteElement(PageBreak());
            WriteTable(writer, report, layout, start, end, hyperlinks);
            start = end;
        }

        foreach (var element in Summary(report)) writer.WriteElement(element);
        foreach (var element in Signature(options)) writer.WriteElement(element);
        writer.WriteElement(Section(footerId));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    static void WriteTable(OpenXmlWriter writer, RoundReport report, MeasureTableLayout layout, int start, int end, Links links)
    {
        var widths = layout.ColumnTwips;
        var table = NewTable(widths);
        writer.WriteStartElement(table);
        foreach (var element in table.ChildElements) writer.WriteElement(element);
        writer.WriteElement(HeaderRow(ReportText.PrintedHeaders, widths, TableHalfPoints));
        for (var i = start; i < end; i++)
        {
            var row = layout.Rows[i];
            // The issue heads its group once; a table that starts inside a group (after a page-tall measure) heads it again.
            if (row.Heading is not null && (row.StartsGroup || i == start)) writer.WriteElement(HeadingRow(row.Heading, widths));
            var properties = new TableRowProperties();
            if (row.FitsOnePage) properties.Append(new CantSplit());
            var tableRow = new TableRow(properties);
            for (var c = 0; c < row.Cells.Count; c++)
                tableRow.Append(Cell(widths[c], row.Cells[c].Select(l => LineParagraph(l, links))));
            writer.WriteElement(tableRow);
        }
        writer.WriteEndElement();
    }

    /// <summary>Evidence links as hyperlink relationships of the body, one per link, written with the body (<see cref="StreamedPackage"/>).</summary>
    sealed class Links
    {
        readonly List<(string Id, string Target)> _all = [];

        public IReadOnlyList<(string Id, string Target)> All => _all;

        public string Add(Uri uri)
        {
            var id = $"rIdLink{_all.Count + 1}";
            _all.Add((id, uri.OriginalString));
            return id;
        }
    }

    const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    static Paragraph Title(RoundReport report)
    {
        // Two lines as the agencies print it, in one paragraph so the title stays one piece of text.
        var firstLine = $"{ReportText.Heading} {ReportText.OfOrganization(report.Organization.Name)} ";
        var secondLine = $"{ReportText.FiscalYear(report.Round.FiscalYear)} {ReportText.RoundName(report.Round)} {ReportText.RoundSpan(report.Round)}";
        return new Paragraph(
            new ParagraphProperties
            {
                KeepNext = new KeepNext(),
                Justification = new Justification { Val = JustificationValues.Center },
                SpacingBetweenLines = new SpacingBetweenLines { After = "120" },
            },
            new Run(DocxParts.Bold(), new Text(OpenXmlText.Safe(firstLine)) { Space = SpaceProcessingModeValues.Preserve }, new Break(), new Text(OpenXmlText.Safe(secondLine))));
    }

    /// <summary>
    /// The introduction, with the date of the data at the right end of its last line (on a line of its own when
    /// that line is full), where a right-aligned tab stop sets it: a line of the first page less than a paragraph of its own.
    /// </summary>
    static Paragraph Intro(RoundReport report)
    {
        var paragraph = Paragraph(ReportText.Intro(report), indentFirstLine: true, justify: JustificationValues.Both, spaceAfter: 80);
        paragraph.ParagraphProperties!.Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Position = BodyWidth });
        paragraph.Append(new Run(new TabChar()));
        AppendRuns(paragraph, ReportText.AsOf(report));
        return paragraph;
    }

    /// <summary>The summary table and the signature block: every paragraph keeps with the next, so they stay on one page.</summary>
    static IEnumerable<OpenXmlElement> Summary(RoundReport report)
    {
        yield return Paragraph("สรุปผลการดำเนินการ", bold: true, spaceBefore: SummarySpaceBefore, spaceAfter: 60, keepNext: true);
        var headers = ReportTable.SummaryHeaders(report.Round);
        int[] widths = [3600, 1300, 1600, 1800, 1700, 1800, 1600, 1500];
        var table = NewTable(widths);
        table.Append(HeaderRow(headers, widths, TableHalfPoints, keepWithNext: true));
        foreach (var row in ReportTable.SummaryRows(report))
        {
            var tableRow = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < row.Cells.Count; i++)
                tableRow.Append(Cell(widths[i], [TableParagraph(row.Cells[i], bold: row.Total, justify: i == 0 ? JustificationValues.Left : JustificationValues.Center, keepNext: true)]));
            table.Append(tableRow);
        }
        yield return table;
    }

    static IEnumerable<Paragraph> Signature(ReportsOptions options)
    {
        var name = string.IsNullOrWhiteSpace(options.CoordinatorName) ? Dots : ReportText.Document(options.CoordinatorName.Trim());
        var position = string.IsNullOrWhiteSpace(options.CoordinatorPosition) ? Dots : ReportText.Document(options.CoordinatorPosition.Trim());
        // Signed blocks sit on the right half of the page in Thai official documents.
        yield return SignatureLine($"ลงชื่อ {Dots} ผู้รายงาน", spaceBefore: SignatureSpaceBefore, keepNext: true);
        yield return SignatureLine($"( {name} )", keepNext: true);
        yield return SignatureLine($"ตำแหน่ง {position}", keepNext: false);
    }

    const int SummarySpaceBefore = 200, SignatureSpaceBefore = 360;
    const int SummaryHeadingTwips = SummarySpaceBefore + TextLineTwips + 60;
    const int SignatureTwips = SignatureSpaceBefore + 3 * TextLineTwips;

    static Paragraph SignatureLine(string text, int spaceBefore = 0, bool keepNext = true)
    {
        var properties = new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Before = spaceBefore.ToString(), After = "0" },
            Indentation = new Indentation { Left = (BodyWidth / 2).ToString() },
            Justification = new Justification { Val = JustificationValues.Center },
        };
        if (keepNext) properties.KeepNext = new KeepNext();
        return new Paragraph(properties, new Run(new Text(OpenXmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    static Paragraph PageBreak() => new(
        new ParagraphProperties(new SpacingBetweenLines { Line = "20", LineRule = LineSpacingRuleValues.Exact, After = "0" }),
        new Run(new Break { Type = BreakValues.Page }));

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
                new TopMargin { Width = CellTopMargin.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = CellSideMargin, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = CellTopMargin.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = CellSideMargin, Type = TableWidthValues.Dxa }),
        });
        table.Append(new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        return table;
    }

    static T Line<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4U, Color = "000000" };

    /// <summary>
    /// The issue/indicator across the whole table, lightly shaded and bold, kept with the measure under it (a
    /// heading never ends a page alone): Word keeps a row whose paragraphs keep with the next, LibreOffice too.
    /// </summary>
    static TableRow HeadingRow(string heading, int[] widths)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        var cell = Cell(widths.Sum(), [TableParagraph(heading, bold: true, keepNext: true)], HeadingFill);
        cell.TableCellProperties!.GridSpan = new GridSpan { Val = widths.Length };
        row.Append(cell);
        return row;
    }

    /// <summary>A shaded, bold header row that Word and LibreOffice repeat at the top of every page.</summary>
    static TableRow HeaderRow(IReadOnlyList<string> headers, int[] widths, int halfPoints, bool keepWithNext = false)
    {
        var row = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < headers.Count; i++)
            row.Append(Cell(widths[i], [TableParagraph(headers[i], bold: true, justify: JustificationValues.Center, keepNext: keepWithNext, lineTwips: HeaderLineTwips)], HeaderFill, center: true));
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
        if (!cell.Elements<Paragraph>().Any()) cell.Append(TableParagraph(""));
        return cell;
    }

    static IReadOnlyList<IReadOnlyList<CellLine>> Breakable(IReadOnlyList<IReadOnlyList<CellLine>> cells) =>
        cells.Select(cell => (IReadOnlyList<CellLine>)cell.Select(l => l.Link is null ? l with { Text = Breakable(l.Text) } : l).ToList()).ToList();

    /// <summary>
    /// Where LibreOffice may break a table line, made explicit. It does not break between Thai words next to a
    /// bracket or a slash ("ประสิทธิภาพ(สะดวก/รวดเร็ว"), and breaks inside a word instead when the column is narrow:
    /// a zero-width space before "(" and after "/" between Thai letters lets it break there, printing nothing.
    /// A web address typed into the text is often wider than its column, which LibreOffice then
    /// cuts at any letter ("example.go.th/i|ta"): zero-width spaces after its slashes and before its "?" and "&"
    /// let it break between the parts of its path instead.
    /// </summary>
    internal static string Breakable(string text)
    {
        var result = new System.Text.StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { result.Append(text[i++]); continue; }
            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
            var word = text[i..end];
            if (ReportText.IsAddress(word)) BreakableAddress(result, word);
            else BreakableWord(result, word);
            i = end;
        }
        return result.ToString();
    }

    static void BreakableWord(System.Text.StringBuilder result, string word)
    {
        var start = 0;
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            if (c == '(' && i > 0 && TextWidth.HasThai(word[i - 1].ToString()))
            {
                WholeGluedPieces(result, word[start..i]);
                result.Append(ReportText.BreakHere);
                start = i;
            }
            if (c == '/' && i + 1 < word.Length && TextWidth.HasThai(word[i + 1].ToString()))
            {
                WholeGluedPieces(result, word[start..(i + 1)]);
                result.Append(ReportText.BreakHere);
                start = i + 1;
            }
        }
        WholeGluedPieces(result, word[start..]);
    }

    /// <summary>
    /// Thai with a bracket or slash glued to it ("(สะดวก/"): LibreOffice breaks such a piece inside its Thai word
    /// ("(สะด|วก/") rather than at the zero-width space before it, so word joiners between its letters (invisible,
    /// and never before a mark above or below, which must stay on its letter) keep it whole, as ICU counts it.
    /// </summary>
    static void WholeGluedPieces(System.Text.StringBuilder result, string segment)
    {
        if (segment.AsSpan().IndexOfAny("()/") < 0 || !TextWidth.HasThai(segment) || !ItaBot.Thai.ThaiWords.IsAvailable)
        {
            result.Append(segment);
            return;
        }
        foreach (var piece in ItaBot.Thai.ThaiWords.SplitForLines(segment))
        {
            if (piece.AsSpan().IndexOfAny("()/") < 0 || !TextWidth.HasThai(piece)) { result.Append(piece); continue; }
            for (var i = 0; i < piece.Length; i++)
            {
                if (i > 0 && !char.IsWhiteSpace(piece[i]) && !char.IsWhiteSpace(piece[i - 1])
                    && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(piece[i]) is not System.Globalization.UnicodeCategory.NonSpacingMark)
                    result.Append(WordJoiner);
                result.Append(piece[i]);
            }
        }
    }

    const char WordJoiner = '\u2060';

    static void BreakableAddress(System.Text.StringBuilder result, string address)
    {
        for (var i = 0; i < address.Length; i++)
        {
            var c = address[i];
            if (c is '?' or '&' && i > 0) result.Append(ReportText.BreakHere);
            result.Append(c);
            if (c == '/' && i + 1 < address.Length && address[i + 1] != '/') result.Append(ReportText.BreakHere);
        }
    }

    static Paragraph LineParagraph(CellLine line, Links links)
    {
        if (line.Link is not null && Uri.TryCreate(line.Link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var paragraph = TableParagraph(line.Label ?? "");
            if (line.Label is null) paragraph.RemoveAllChildren<Run>();
            var run = new Run(
                new RunProperties { Color = new Color { Val = "0563C1" }, Underline = new Underline { Val = UnderlineValues.Single } },
                new Text(OpenXmlText.Safe(line.Text)) { Space = SpaceProcessingModeValues.Preserve });
            paragraph.Append(new Hyperlink(run) { Id = links.Add(uri), History = true });
            return paragraph;
        }
        var plain = TableParagraph(line.Printed, bold: line.Bold);
        if (IsCheckbox(line))
            plain.ParagraphProperties!.Indentation = new Indentation { Left = CheckboxHangTwips.ToString(), Hanging = CheckboxHangTwips.ToString() };
        return plain;
    }

    /// <summary>A paragraph of the table, in the table text style (14 pt on 15 pt lines); <paramref name="lineTwips"/> when it needs other spacing.</summary>
    static Paragraph TableParagraph(string text, bool bold = false, JustificationValues? justify = null, bool keepNext = false, int? lineTwips = null)
    {
        var paragraph = Paragraph(text, bold, justify, keepNext: keepNext, lineTwips: lineTwips, style: DocxParts.TableTextStyle);
        if (lineTwips is not null)
            foreach (var run in paragraph.Elements<Run>())
            {
                var properties = run.RunProperties ?? run.PrependChild(new RunProperties());
                properties.FontSize = new FontSize { Val = TableHalfPoints.ToString() };
                properties.FontSizeComplexScript = new FontSizeComplexScript { Val = TableHalfPoints.ToString() };
            }
        return paragraph;
    }

    static Paragraph Paragraph(
        string text, bool bold = false, JustificationValues? justify = null, bool indentFirstLine = false,
        int spaceBefore = 0, int spaceAfter = 0, bool keepNext = false, int? lineTwips = null, string? style = null)
    {
        var properties = new ParagraphProperties();
        if (style is not null) properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        if (keepNext) properties.KeepNext = new KeepNext();
        if (spaceBefore > 0 || spaceAfter > 0 || lineTwips is not null)
        {
            properties.SpacingBetweenLines = new SpacingBetweenLines { Before = spaceBefore.ToString(), After = spaceAfter.ToString() };
            if (lineTwips is { } line)
            {
                properties.SpacingBetweenLines.Line = line.ToString();
                properties.SpacingBetweenLines.LineRule = LineSpacingRuleValues.Exact;
            }
        }
        // Thai paragraphs are indented 2.5 cm, as official documents are.
        if (indentFirstLine) properties.Indentation = new Indentation { FirstLine = "1418" };
        if (justify is { } j) properties.Justification = new Justification { Val = j };

        var paragraph = new Paragraph();
        if (properties.HasChildren) paragraph.Append(properties);
        AppendRuns(paragraph, text, bold);
        return paragraph;
    }

    /// <summary>The text as runs, its Thai-digit numbers (<see cref="NumberPieces"/>) in runs of their own.</summary>
    static void AppendRuns(Paragraph paragraph, string text, bool bold = false)
    {
        foreach (var (piece, number) in NumberPieces(text))
        {
            var run = new Run();
            if (bold || number)
            {
                var runProperties = bold ? DocxParts.Bold() : new RunProperties();
                // LibreOffice's Thai line breaker splits a Thai-digit number anywhere ("(๑|๘ ธ.ค.", "๙๑.|๔๐"); as
                // English text (for line breaking only: the digits print the same) a number stays whole.
                if (number) runProperties.Languages = new Languages { Val = "en-US", Bidi = "en-US" };
                run.Append(runProperties);
            }
            DocxParts.AppendText(run, piece);
            paragraph.Append(run);
        }
    }

    /// <summary>The text cut into Thai-digit numbers (with what joins their digits: "๙๑.๔๐", "๑-๒", "๑๒๓/๒๕๖๘") and what lies between.</summary>
    /// <remarks>
    /// Thai glued to a bracket or slash, kept whole by word joiners (<see cref="WholeGluedPieces"/>), is set apart
    /// the same way: LibreOffice's own Thai breaker ignores the joiners, its English one keeps them.
    /// </remarks>
    static IEnumerable<(string Piece, bool Number)> NumberPieces(string text)
    {
        if (text.IndexOf(WordJoiner) < 0)
        {
            foreach (var piece in DigitPieces(text)) yield return piece;
            yield break;
        }
        var at = 0;
        foreach (var (start, end) in GluedRuns(text))
        {
            foreach (var piece in DigitPieces(text[at..start])) yield return piece;
            yield return (text[start..end], true);
            at = end;
        }
        foreach (var piece in DigitPieces(text[at..])) yield return piece;
    }

    /// <summary>The stretches of <paramref name="text"/> held together by word joiners, each from its first letter (with its marks) to its last.</summary>
    static List<(int Start, int End)> GluedRuns(string text)
    {
        var runs = new List<(int Start, int End)>();
        for (var k = text.IndexOf(WordJoiner); k >= 0 && k < text.Length; k = text.IndexOf(WordJoiner, k))
        {
            var start = k - 1;
            while (start > 0 && IsMark(text[start])) start--;
            var end = k;
            while (end < text.Length && text[end] == WordJoiner)
            {
                end++; // the joiner, then the letter it joins and that letter's marks
                if (end < text.Length) end++;
                while (end < text.Length && IsMark(text[end])) end++;
            }
            if (start < 0) start = 0;
            if (runs.Count > 0 && start <= runs[^1].End) runs[^1] = (runs[^1].Start, end);
            else runs.Add((start, end));
            k = end;
        }
        return runs;
    }

    static bool IsMark(char c) => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark;

    static IEnumerable<(string Piece, bool Number)> DigitPieces(string text)
    {
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsThaiDigit(text[i])) { i++; continue; }
            var end = i;
            while (end < text.Length && (IsThaiDigit(text[end]) || (text[end] is '.' or ',' or '-' or '/' or ':' && end + 1 < text.Length && IsThaiDigit(text[end + 1])))) end++;
            // Its brackets go with it: LibreOffice may break where the language changes, even after "(".
            if (i > start && text[i - 1] == '(') i--;
            if (end < text.Length && text[end] == ')') end++;
            if (i > start) yield return (text[start..i], false);
            yield return (text[i..end], true);
            start = i = end;
        }
        if (start < text.Length) yield return (text[start..], false);
    }

    static bool IsThaiDigit(char c) => c is >= '๐' and <= '๙';

    static SectionProperties Section(string footerId) => new(
        new FooterReference { Type = HeaderFooterValues.Default, Id = footerId },
        new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight, Orient = PageOrientationValues.Landscape },
        new PageMargin { Top = TopMargin, Right = (UInt32Value)(uint)SideMargin, Bottom = BottomMargin, Left = (UInt32Value)(uint)SideMargin, Header = 450U, Footer = (UInt32Value)(uint)FooterDistance, Gutter = 0U },
        // Word prints the PAGE field in the section's format: Thai digits.
        new PageNumberType { Format = NumberFormatValues.ThaiNumbers });

    /// <summary>
    /// The measures table laid out before it is written: each measure's cells, the issue heading over each group,
    /// column widths for the text, and whether a row fits on one page.
    /// </summary>
    sealed class MeasureTableLayout
    {
        public required int[] ColumnTwips { get; init; }
        public required List<LaidOutRow> Rows { get; init; }

        public static MeasureTableLayout For(RoundReport report, int totalTwips, double sizePt, int cellSideMarginTwips, ReportFileLinks? links)
        {
            // A cell past a few pages' worth is cut, ending with a "…ดูเพิ่มเติม" link to the measure on the report page.
            var rows = report.Measures.Select((m, i) => new LaidOutRow(
                Breakable(ReportTable.PrintedRow(m, report.Round, links).Select(cell => CellLimits.Fit(cell, CellLimits.Docx, links?.FullText(m, i))).ToList()),
                ReportTable.Heading(m) is { } h ? Breakable(h) : null)).ToList();
            for (var i = 0; i < rows.Count; i++) rows[i].StartsGroup = rows[i].Heading is not null && (i == 0 || rows[i - 1].Heading != rows[i].Heading);
            var columns = ReportText.PrintedHeaders.Count;
            var paddingPt = 2 * cellSideMarginTwips / 20.0;
            var totalPt = totalTwips / 20.0;

            // Every measure's cells, then the header (bold, broken only between its words, as people read them:
            // ICU would allow "ผู้รับผิด|ชอบ").
            var cells = rows.Select(r => (IReadOnlyList<IReadOnlyList<CellParagraph>>)r.Cells.Select(cell =>
                (IReadOnlyList<CellParagraph>)cell.Select(l => new CellParagraph(l.Printed, l.Bold, IsCheckbox(l) ? CheckboxHangTwips / 20.0 : 0)).ToList()).ToList()).ToList();
            cells.Add(ReportText.PrintedHeaders.Select(h => (IReadOnlyList<CellParagraph>)[new CellParagraph(h, Bold: true, WholeWords: true)]).ToList());
            var header = rows.Count;
            var layout = new ColumnLayout(cells, columns, sizePt, paddingPt);

            // The headings span the table: their lines do not depend on the columns.
            var headingTexts = rows.Where(r => r.StartsGroup).Select(r => r.Heading!).Distinct().ToList();
            var headings = new ColumnLayout(headingTexts.Select(h => (IReadOnlyList<IReadOnlyList<CellParagraph>>)[[new CellParagraph(h, Bold: true)]]).ToList(), 1, sizePt, paddingPt);
            var headingLines = headingTexts.Select((h, i) => (h, Lines: headings.Lines(i, 0, totalPt))).ToDictionary(x => x.h, x => x.Lines);
            var above = rows.Select(r => r.StartsGroup ? headingLines[r.Heading!] : 0).ToArray();

            // Minimum widths: the longest unbreakable piece of each column, and the checkbox column wide enough for
            // the box and the first word of its wording on one line (the rest wraps between words under the text).
            var minimum = Enumerable.Range(0, columns).Select(c => Math.Max(layout.MinimumPt(c), 30)).ToArray();
            minimum[ReportTable.PrintedStatusColumn] = Math.Max(minimum[ReportTable.PrintedStatusColumn],
                TextWidth.Points($"{ReportText.Checked} ดำเนินการ", sizePt) * 1.04 + paddingPt + 2);
            if (minimum.Sum() > totalPt)
                for (var c = 0; c < columns; c++) minimum[c] = Math.Min(minimum[c], totalPt / columns);

            // A large round is laid out from runs of its rows spread over it: widths barely change, and the search stays quick.
            var linesPerPage = (BodyTwips - 400) / TableLineTwips; // cell margins and rounding: a line in hand
            // The title (two lines) and the introduction with its date (about four) come before the table on the first page.
            var firstPageLines = (6 * TextLineTwips + 200 + TableLineTwips - 1) / TableLineTwips;
            // The summary (its heading, a two-line header, a row per unit, the total and percentage rows) and the signature.
            var lastLines = (SummaryHeadingTwips + SignatureTwips) / TableLineTwips + 1 + 2 + report.Totals.ByUnit.Count + 2;
            var shape = new ColumnLayout.Shape(Above: above, HeaderRow: header, LinesPerPage: linesPerPage, Rows: [.. Sample(rows.Count, ColumnLayout.SampleRows), header], FirstPageLines: firstPageLines, LastLines: lastLines);
            var widthsPt = layout.Choose(totalPt, minimum, shape);
            var twips = widthsPt.Select(w => (int)Math.Floor(w * 20)).ToArray();
            twips[Array.IndexOf(twips, twips.Max())] += totalTwips - twips.Sum();

            // Heights with the chosen widths decide which rows may be kept whole on a page.
            var headerLines = Enumerable.Range(0, columns).Max(c => layout.Lines(header, c, twips[c] / 20.0));
            var available = BodyTwips - headerLines * HeaderLineTwips - 200;
            for (var r = 0; r < rows.Count; r++)
            {
                var lines = above[r];
                for (var c = 0; c < columns; c++)
                    lines = Math.Max(lines, above[r] + layout.Lines(r, c, twips[c] / 20.0));
                rows[r].FitsOnePage = lines * TableLineTwips + 4 * CellTopMargin <= available;
                rows[r].StartsPage = r > 0 && !rows[r].FitsOnePage;
            }
            return new MeasureTableLayout { ColumnTwips = twips, Rows = rows };
        }

        /// <summary>All of <paramref name="count"/> rows, or about <paramref name="most"/> of them in eight runs of consecutive rows spread evenly.</summary>
        static IEnumerable<int> Sample(int count, int most)
        {
            if (count <= most) return Enumerable.Range(0, count);
            const int runs = 8;
            var run = most / runs;
            return Enumerable.Range(0, runs).SelectMany(k => Enumerable.Range((int)((long)(count - run) * k / (runs - 1)), run)).Distinct();
        }
    }

    static bool IsCheckbox(CellLine line) =>
        line.Text.StartsWith(ReportText.Checked, StringComparison.Ordinal) || line.Text.StartsWith(ReportText.Unchecked, StringComparison.Ordinal);

    /// <summary>How far a checkbox's wording that wraps continues in, under its own first word rather than under the box.</summary>
    const int CheckboxHangTwips = 300;

    /// <param name="heading">The issue of the measure's group, printed above its first measure.</param>
    sealed class LaidOutRow(IReadOnlyList<IReadOnlyList<CellLine>> cells, string? heading)
    {
        public IReadOnlyList<IReadOnlyList<CellLine>> Cells { get; } = cells;
        public string? Heading { get; } = heading;
        public bool StartsGroup { get; set; }
        public bool FitsOnePage { get; set; }
        public bool StartsPage { get; set; }
    }
}
