using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ItaBot.Reports;

/// <summary>
/// The report as a workbook: sheet "รายงาน" with one row per measure (frozen Thai header row, sized and wrapped
/// columns, rows as tall as their wrapped Thai text, Thai dates and status wording, printed landscape on A4 one
/// page wide with the header on every page) and sheet "สรุป" with the totals per status and per unit.
/// </summary>
/// <remarks>
/// Row heights are computed here from the text and the column widths: LibreOffice keeps the heights a file gives
/// and does not fit rows to wrapped text when it opens one, so without them every row is one line high.
/// </remarks>
public static class XlsxReportRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ReportSheet = "รายงาน";
    public const string SummarySheet = "สรุป";

    // Cell formats, by index in the stylesheet below.
    const uint Plain = 0, Body = 1, Header = 2, Title = 3, BodyNumber = 4, BodyPercent = 5;

    public static void Render(RoundReport report, Stream output, ReportFileLinks? links = null)
    {
        // The small parts through the SDK; the report sheet, most of the file, streamed into the package (StreamedPackage).
        using var skeleton = new MemoryStream();
        string sheetPath;
        using (var document = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = OpenXmlText.Safe(ReportText.Title(report));
            document.PackageProperties.Creator = "ItaBot";

            var workbookPart = document.AddWorkbookPart();
            var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
            stylesPart.Stylesheet = Stylesheet();
            stylesPart.Stylesheet.Save();

            var reportPart = workbookPart.AddNewPart<WorksheetPart>();
            reportPart.Worksheet = new Worksheet(new SheetData());
            reportPart.Worksheet.Save();
            sheetPath = reportPart.Uri.OriginalString.TrimStart('/');

            var summaryPart = workbookPart.AddNewPart<WorksheetPart>();
            summaryPart.Worksheet = SummaryWorksheet(report);
            summaryPart.Worksheet.Save();

            var rows = (uint)(report.Measures.Count + 1);
            var lastColumn = Reference(SheetColumns.Count - 1, 1).TrimEnd('1');
            workbookPart.Workbook = new Workbook(
                new Sheets(
                    new Sheet { Name = ReportSheet, SheetId = 1U, Id = workbookPart.GetIdOfPart(reportPart) },
                    new Sheet { Name = SummarySheet, SheetId = 2U, Id = workbookPart.GetIdOfPart(summaryPart) }),
                new DefinedNames(
                    new DefinedName($"'{ReportSheet}'!$A$1:${lastColumn}${rows}") { Name = "_xlnm.Print_Area", LocalSheetId = 0U },
                    new DefinedName($"'{ReportSheet}'!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = 0U }));
            workbookPart.Workbook.Save();
        }
        StreamedPackage.Write(skeleton, output, sheetPath, stream => WriteReportWorksheet(stream, report, links));
    }

    /// <summary>The workbook's columns: the flat table without the codes meant for programs.</summary>
    static readonly IReadOnlyList<ReportColumn> SheetColumns = [.. ReportColumns.All.Where(c => !c.CsvOnly)];

    const double FontPt = 14;

    /// <summary>A wrapped line of TH Sarabun in a cell: Excel and LibreOffice Calc set it about 1.5 ems apart; a little more is kept.</summary>
    const double LinePt = FontPt * 1.6;

    /// <summary>Excel's tallest row.</summary>
    const double MaxRowPt = 409;

    /// <summary>
    /// One row per measure, written row by row (a large round never sits in memory as one tree), each as tall as
    /// its most wrapped cell.
    /// </summary>
    static void WriteReportWorksheet(Stream stream, RoundReport report, ReportFileLinks? links)
    {
        var columns = SheetColumns;
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteStartElement(new Worksheet(), [], [new("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships")]);
        // Printed one page wide: the page-setup properties say "fit", the page setup says how.
        writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        writer.WriteElement(FrozenHeader());
        writer.WriteElement(new Columns(columns.Select((column, c) => Column(c, column.Width))));
        writer.WriteStartElement(new SheetData());

        var header = new Row { RowIndex = 1U, CustomHeight = true, Height = RowHeight(columns.Select(c => (c.Header, c.Width)), bold: true) };
        for (var c = 0; c < columns.Count; c++) header.Append(TextCell(c, 1, columns[c].Header, Header));
        writer.WriteElement(header);

        for (var i = 0; i < report.Measures.Count; i++)
        {
            var rowIndex = (uint)(i + 2);
            var values = columns.Select(c => c.SheetValue(i, report.Measures[i], report.Round, links)).ToList();
            var row = new Row
            {
                RowIndex = rowIndex, CustomHeight = true,
                Height = RowHeight(values.Select((v, c) => (v.ToString() ?? "", columns[c].Width))),
            };
            for (var c = 0; c < columns.Count; c++)
            {
                row.Append(values[c] switch
                {
                    int n => NumberCell(c, rowIndex, n, BodyNumber),
                    var value => TextCell(c, rowIndex, CellLimits.Fit(value.ToString() ?? "", CellLimits.Xlsx, links?.FullText(report.Measures[i], i)), Body),
                });
            }
            writer.WriteElement(row);
        }

        writer.WriteEndElement();
        writer.WriteElement(new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        writer.WriteElement(new PageSetup { PaperSize = 9U, Orientation = OrientationValues.Landscape, FitToWidth = 1U, FitToHeight = 0U });
        writer.WriteEndElement();
    }

    /// <summary>
    /// Points for a row whose cells hold these texts in columns this many characters wide: a column of width w holds
    /// about w digit widths (0.544 em of TH Sarabun at 14 pt) less the cell's padding.
    /// </summary>
    static double RowHeight(IEnumerable<(string Text, double Width)> cells, bool bold = false)
    {
        var lines = 1;
        foreach (var (text, width) in cells)
        {
            if (text.Length == 0) continue;
            var available = width * 0.544 * FontPt - 4;
            lines = Math.Max(lines, TextWidth.Lines(text, available, FontPt, bold));
        }
        return Math.Min(MaxRowPt, Math.Round(lines * LinePt + 4, 1));
    }

    static Worksheet SummaryWorksheet(RoundReport report)
    {
        var data = new SheetData();
        uint r = 1;
        data.Append(new Row(TextCell(0, r, ReportText.Title(report), Title)) { RowIndex = r++ });
        data.Append(new Row(TextCell(0, r, ReportText.AsOf(report), Plain)) { RowIndex = r++ });
        r++;

        data.Append(HeaderRow(r++, ["สถานะ", "จำนวนมาตรการ", "ร้อยละ"]));
        var all = report.Totals.All;
        foreach (var status in ReportStatuses.SummaryOrder)
        {
            data.Append(new Row(
                TextCell(0, r, ReportText.StatusLabel(status, report.Round), Body),
                NumberCell(1, r, all[status], BodyNumber),
                NumberCell(2, r, all.Total == 0 ? 0 : Math.Round(all[status] * 100m / all.Total, 1, MidpointRounding.AwayFromZero), BodyPercent)) { RowIndex = r++ });
        }
        data.Append(new Row(TextCell(0, r, "รวม", Header), NumberCell(1, r, all.Total, BodyNumber), NumberCell(2, r, all.Total == 0 ? 0 : 100, BodyPercent)) { RowIndex = r++ });
        r++;

        data.Append(HeaderRow(r++, ["ผู้รับผิดชอบ", "จำนวนมาตรการ", .. ReportStatuses.SummaryOrder.Select(s => ReportText.StatusLabel(s, report.Round)), "ร้อยละที่แล้วเสร็จ"]));
        foreach (var unit in report.Totals.ByUnit)
        {
            var row = new Row { RowIndex = r };
            row.Append(TextCell(0, r, unit.Unit, Body));
            row.Append(NumberCell(1, r, unit.Counts.Total, BodyNumber));
            var c = 2;
            foreach (var status in ReportStatuses.SummaryOrder) row.Append(NumberCell(c++, r, unit.Counts[status], BodyNumber));
            row.Append(NumberCell(c, r, unit.Counts.PercentDone, BodyPercent));
            data.Append(row);
            r++;
        }

        return new Worksheet(
            new SheetViews(new SheetView { WorkbookViewId = 0U }),
            new Columns(new[] { 30d, 16, 16, 16, 16, 16, 16, 16 }.Select((w, c) => Column(c, w))),
            data);
    }

    static Row HeaderRow(uint r, IReadOnlyList<string> headers)
    {
        var row = new Row { RowIndex = r };
        for (var c = 0; c < headers.Count; c++) row.Append(TextCell(c, r, headers[c], Header));
        return row;
    }

    /// <summary>The header row stays in view while scrolling through the measures.</summary>
    static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1D, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
    { TabSelected = true, WorkbookViewId = 0U });

    static Column Column(int index, double width) =>
        new() { Min = (uint)(index + 1), Max = (uint)(index + 1), Width = width, CustomWidth = true };

    static Cell TextCell(int column, uint row, string text, uint style) => new(
        new InlineString(new Text(OpenXmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }))
    {
        CellReference = Reference(column, row),
        DataType = CellValues.InlineString,
        StyleIndex = style,
    };

    static Cell NumberCell(int column, uint row, decimal value, uint style) => new(new CellValue(value.ToString(CultureInfo.InvariantCulture)))
    {
        CellReference = Reference(column, row),
        DataType = CellValues.Number,
        StyleIndex = style,
    };

    public static string Reference(int column, uint row)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    static Stylesheet Stylesheet()
    {
        const string font = DocxReportRenderer.Font;
        var thin = () => new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        var wrapTop = () => new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top };

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164U, FormatCode = "0.0" }) { Count = 1U },
            new Fonts(
                new Font(new FontSize { Val = 14D }, new FontName { Val = font }),
                new Font(new Bold(), new FontSize { Val = 14D }, new FontName { Val = font }),
                new Font(new Bold(), new FontSize { Val = 16D }, new FontName { Val = font })) { Count = 3U },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9D9D9" }) { PatternType = PatternValues.Solid })) { Count = 3U },
            new Borders(
                new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
                thin()) { Count = 2U },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            new CellFormats(
                new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U, FormatId = 0U },
                new CellFormat(wrapTop()) { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center })
                    { NumberFormatId = 0U, FontId = 1U, FillId = 2U, BorderId = 1U, FormatId = 0U, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { NumberFormatId = 0U, FontId = 2U, FillId = 0U, BorderId = 0U, FormatId = 0U, ApplyFont = true },
                new CellFormat(wrapTop()) { NumberFormatId = 1U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(wrapTop()) { NumberFormatId = 164U, FontId = 0U, FillId = 0U, BorderId = 1U, FormatId = 0U, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true })
            { Count = 6U },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U });
    }
}
