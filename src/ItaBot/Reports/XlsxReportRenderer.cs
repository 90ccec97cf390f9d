using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ItaBot.Reports;

/// <summary>
/// The report as a workbook: sheet "รายงาน" with one row per measure (frozen Thai header row, sized
/// and wrapped columns) and sheet "สรุป" with the totals per status and per unit.
/// </summary>
public static class XlsxReportRenderer
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string ReportSheet = "รายงาน";
    public const string SummarySheet = "สรุป";

    // Cell formats, by index in the stylesheet below.
    const uint Plain = 0, Body = 1, Header = 2, Title = 3, BodyNumber = 4, BodyPercent = 5;

    public static void Render(RoundReport report, Stream output, ReportFileLinks? links = null)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = OpenXmlText.Safe(ReportText.Title(report));
        document.PackageProperties.Creator = "ItaBot";

        var workbookPart = document.AddWorkbookPart();
        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Stylesheet();
        stylesPart.Stylesheet.Save();

        var reportPart = workbookPart.AddNewPart<WorksheetPart>();
        WriteReportWorksheet(reportPart, report, links);

        var summaryPart = workbookPart.AddNewPart<WorksheetPart>();
        summaryPart.Worksheet = SummaryWorksheet(report);
        summaryPart.Worksheet.Save();

        workbookPart.Workbook = new Workbook(new Sheets(
            new Sheet { Name = ReportSheet, SheetId = 1U, Id = workbookPart.GetIdOfPart(reportPart) },
            new Sheet { Name = SummarySheet, SheetId = 2U, Id = workbookPart.GetIdOfPart(summaryPart) }));
        workbookPart.Workbook.Save();
    }

    /// <summary>One row per measure, written row by row (a 200-measure round need not sit in memory as one tree).</summary>
    static void WriteReportWorksheet(WorksheetPart part, RoundReport report, ReportFileLinks? links)
    {
        var columns = ReportColumns.All;
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(FrozenHeader());
        writer.WriteElement(new Columns(columns.Select((column, c) => Column(c, column.Width))));
        writer.WriteStartElement(new SheetData());

        var header = new Row { RowIndex = 1U };
        for (var c = 0; c < columns.Count; c++) header.Append(TextCell(c, 1, columns[c].Header, Header));
        writer.WriteElement(header);

        for (var i = 0; i < report.Measures.Count; i++)
        {
            var rowIndex = (uint)(i + 2);
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < columns.Count; c++)
            {
                row.Append(columns[c].Value(i, report.Measures[i], links) switch
                {
                    int n => NumberCell(c, rowIndex, n, BodyNumber),
                    var value => TextCell(c, rowIndex, CellLimits.Fit(value.ToString() ?? "", CellLimits.Xlsx, links?.FullText(report.Measures[i])), Body),
                });
            }
            writer.WriteElement(row);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    static Worksheet SummaryWorksheet(RoundReport report)
    {
        var data = new SheetData();
        uint r = 1;
        data.Append(new Row(TextCell(0, r, ReportText.Title(report), Title)) { RowIndex = r++ });
        data.Append(new Row(TextCell(0, r, ReportText.AsOf(report), Plain)) { RowIndex = r++ });
        r++;

        data.Append(HeaderRow(r++, ["สถานะ", "รหัสสถานะ", "จำนวนมาตรการ", "ร้อยละ"]));
        var all = report.Totals.All;
        foreach (var status in ReportStatuses.SummaryOrder)
        {
            data.Append(new Row(
                TextCell(0, r, status.Thai(), Body),
                TextCell(1, r, status.ToString(), Body),
                NumberCell(2, r, all[status], BodyNumber),
                NumberCell(3, r, all.Total == 0 ? 0 : Math.Round(all[status] * 100m / all.Total, 1, MidpointRounding.AwayFromZero), BodyPercent)) { RowIndex = r++ });
        }
        data.Append(new Row(TextCell(0, r, "รวม", Header), TextCell(1, r, "", Header), NumberCell(2, r, all.Total, BodyNumber), NumberCell(3, r, all.Total == 0 ? 0 : 100, BodyPercent)) { RowIndex = r++ });
        r++;

        data.Append(HeaderRow(r++, ["ผู้รับผิดชอบ", "จำนวนมาตรการ", .. ReportStatuses.SummaryOrder.Select(s => s.Thai()), "ร้อยละที่แล้วเสร็จ"]));
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
