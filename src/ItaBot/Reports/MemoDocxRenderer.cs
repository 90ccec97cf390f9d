using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>
/// The internal memo (บันทึกข้อความ) with which the coordinator reports the round to the executive and asks to
/// publish it on the agency's website, in the layout of the ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ: A4, the
/// Garuda 1.5 cm high at the top left (a frame to paste it into: ItaBot has no image of it licensed for use),
/// "บันทึกข้อความ" beside it, ส่วนราชการ / ที่ / วันที่ / เรื่อง with their dotted lines, เรียน, the body with the
/// totals per status, and places for the coordinator, the head of สำนักปลัด and the executive (ทราบ / อนุญาต) to
/// sign. Margins 3 cm left, 2 cm right; TH Sarabun New 16 pt, headings 20 pt, the title 29 pt.
/// </summary>
public static class MemoDocxRenderer
{
    const int PageWidth = 11906, PageHeight = 16838;
    const int LeftMargin = 1701, RightMargin = 1134, TopMargin = 850, BottomMargin = 1134;
    const int BodyWidth = PageWidth - LeftMargin - RightMargin;
    const int Garuda = 850; // 1.5 cm
    // Official memos are set at TH Sarabun's 21 pt lines for 16 pt text, looser than the report's table pages.
    const int LineTwips = 420;
    const int LabelHalfPoints = 40, TitleHalfPoints = 58;
    const string Dots = "..............................................";

    public static void Render(RoundReport report, Stream output, ReportsOptions options, DateOnly date)
    {
        var memo = options.Memo;
        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = OpenXmlText.Safe("บันทึกข้อความ " + Subject(report));
        document.PackageProperties.Creator = "ItaBot";
        var main = document.AddMainDocumentPart();
        DocxParts.AddStyles(main, DocxReportRenderer.TextHalfPoints, LineTwips);
        DocxParts.AddFontTable(main);
        DocxParts.AddSettings(main);

        var org = report.Organization.Name.Trim();
        var all = report.Totals.All;
        var body = new Body(
            Header(),
            Field("ส่วนราชการ", memo.Unit, BodyWidth),
            NumberAndDate(memo.Number, ThaiCalendar.FormatLongDate(date)),
            Field("เรื่อง", Subject(report), null),
            Text($"เรียน  {Value(memo.To) ?? Dots}", spaceBefore: 120, spaceAfter: 120),
            Text($"๑. เรื่องเดิม ตามที่{org}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {ReportText.FiscalYear(report.Round.FiscalYear)} "
                + $"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {ReportText.FiscalYear(report.Round.FiscalYear - 1)} "
                + "และให้ผู้รับผิดชอบรายงานผลการดำเนินการตามมาตรการดังกล่าว นั้น", indent: true),
            Text($"๒. ข้อเท็จจริง ผู้รับผิดชอบได้รายงานผลการดำเนินการ {ReportText.RoundName(report.Round)} {ReportText.RoundSpan(report.Round)} "
                + $"{ReportText.AsOf(report)} จำนวนทั้งสิ้น {ReportText.Number(all.Total)} มาตรการ ดังนี้", indent: true));
        foreach (var status in ReportStatuses.SummaryOrder)
        {
            if (status == ReportStatus.AwaitingReport && all[status] == 0) continue;
            var share = all.Total == 0 ? 0m : Math.Round(all[status] * 100m / all.Total, 1, MidpointRounding.AwayFromZero);
            body.Append(Tabbed(1418, [5500, 7100], $"- {ReportText.StatusLabel(status, report.Round)}", $"{ReportText.Number(all[status])} มาตรการ", $"ร้อยละ {ReportText.Percent(share)}"));
        }
        body.Append(
            Text("รายละเอียดตามรายงานผลการดำเนินการที่แนบมาพร้อมนี้", indent: true),
            Text("๓. ข้อพิจารณา เพื่อให้เป็นไปตามหลักเกณฑ์การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
                + "ซึ่งกำหนดให้หน่วยงานเผยแพร่รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสต่อสาธารณชน "
                + $"จึงเห็นควรนำรายงานผลการดำเนินการดังกล่าวเผยแพร่บนเว็บไซต์ของ{org}", indent: true),
            Text("จึงเรียนมาเพื่อโปรดทราบ และพิจารณาอนุญาตให้เผยแพร่รายงานผลการดำเนินการดังกล่าวบนเว็บไซต์ของหน่วยงาน", indent: true, spaceBefore: 120));
        foreach (var p in Signature(Value(memo.CoordinatorName) ?? Value(options.CoordinatorName), Value(memo.CoordinatorPosition) ?? Value(options.CoordinatorPosition), 360)) body.Append(p);

        body.Append(Text("ความเห็นหัวหน้าสำนักปลัด", bold: true, spaceBefore: 240, keepNext: true));
        body.Append(DottedLine(), DottedLine());
        foreach (var p in Signature(Value(memo.HeadName), Value(memo.HeadPosition), 240)) body.Append(p);

        body.Append(Text("ความเห็น/คำสั่งผู้บริหาร", bold: true, spaceBefore: 240, keepNext: true));
        var choices = Tabbed(567, [2268, 4535], $"{ReportText.Unchecked} ทราบ", $"{ReportText.Unchecked} อนุญาต", $"{ReportText.Unchecked} อื่น ๆ");
        choices.Append(new Run(new TabChar()));
        choices.ParagraphProperties!.Tabs!.Append(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = BodyWidth });
        body.Append(choices);
        foreach (var p in Signature(Value(memo.ExecutiveName), Value(memo.ExecutivePosition), 240)) body.Append(p);

        body.Append(new SectionProperties(
            new PageSize { Width = (UInt32Value)(uint)PageWidth, Height = (UInt32Value)(uint)PageHeight },
            new PageMargin { Top = TopMargin, Right = (UInt32Value)(uint)RightMargin, Bottom = BottomMargin, Left = (UInt32Value)(uint)LeftMargin, Header = 567U, Footer = 567U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ รอบ ๖ เดือน และขออนุญาตเผยแพร่บนเว็บไซต์ของหน่วยงาน".</summary>
    public static string Subject(RoundReport report) =>
        $"{ReportText.Heading} {ReportText.FiscalYear(report.Round.FiscalYear)} {ReportText.RoundName(report.Round)} และขออนุญาตเผยแพร่บนเว็บไซต์ของหน่วยงาน";

    static string? Value(string? setting) => string.IsNullOrWhiteSpace(setting) ? null : ReportText.Document(setting.Trim());

    /// <summary>The Garuda's frame (1.5 cm square, top left) and "บันทึกข้อความ" centred on the page beside it.</summary>
    static Table Header()
    {
        var none = () => new TableBorders(
            new TopBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None },
            new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None }, new InsideVerticalBorder { Val = BorderValues.None });
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = BodyWidth.ToString(), Type = TableWidthUnitValues.Dxa },
                none(),
                new TableLayout { Type = TableLayoutValues.Fixed },
                new TableCellMarginDefault(new TableCellLeftMargin { Width = 0, Type = TableWidthValues.Dxa }, new TableCellRightMargin { Width = 0, Type = TableWidthValues.Dxa })),
            new TableGrid(new GridColumn { Width = Garuda.ToString() }, new GridColumn { Width = (BodyWidth - 2 * Garuda).ToString() }, new GridColumn { Width = Garuda.ToString() }));
        var frame = new TableCellBorders(
            new TopBorder { Val = BorderValues.Dashed, Size = 4U, Color = "808080" }, new LeftBorder { Val = BorderValues.Dashed, Size = 4U, Color = "808080" },
            new BottomBorder { Val = BorderValues.Dashed, Size = 4U, Color = "808080" }, new RightBorder { Val = BorderValues.Dashed, Size = 4U, Color = "808080" });
        table.Append(new TableRow(
            new TableRowProperties(new TableRowHeight { Val = (UInt32Value)(uint)Garuda, HeightType = HeightRuleValues.Exact }),
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = Garuda.ToString(), Type = TableWidthUnitValues.Dxa }, frame,
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center }),
                Small("ตราครุฑ")),
            new TableCell(
                new TableCellProperties(new TableCellWidth { Width = (BodyWidth - 2 * Garuda).ToString(), Type = TableWidthUnitValues.Dxa },
                    new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Bottom }),
                new Paragraph(
                    new ParagraphProperties(new SpacingBetweenLines { Line = "560", LineRule = LineSpacingRuleValues.Exact }, new Justification { Val = JustificationValues.Center }),
                    Run("บันทึกข้อความ", TitleHalfPoints, bold: true))),
            new TableCell(new TableCellProperties(new TableCellWidth { Width = Garuda.ToString(), Type = TableWidthUnitValues.Dxa }), new Paragraph())));
        return table;
    }

    static Paragraph Small(string text) => new(
        new ParagraphProperties(new SpacingBetweenLines { Line = "240", LineRule = LineSpacingRuleValues.Auto }, new Justification { Val = JustificationValues.Center }),
        new Run(new RunProperties(new Color { Val = "808080" }, new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" }), new Text(text)));

    /// <summary>"ส่วนราชการ  สำนักปลัด …" with a dotted line to the right margin, or only the dots when not set.</summary>
    static Paragraph Field(string label, string? value, int? dotsTo)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = BodyWidth }),
            new SpacingBetweenLines { Before = "60", After = "0", Line = "460", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = "0", Hanging = "0" }));
        paragraph.Append(Run(label + "  ", LabelHalfPoints, bold: true));
        if (value is not null) paragraph.Append(Run(value, DocxReportRenderer.TextHalfPoints));
        if (value is null || dotsTo is not null) paragraph.Append(new Run(new TabChar()));
        return paragraph;
    }

    static Paragraph NumberAndDate(string? number, string date)
    {
        var middle = BodyWidth / 2;
        var paragraph = new Paragraph(new ParagraphProperties(
            new Tabs(
                new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = middle - 100 },
                new TabStop { Val = TabStopValues.Left, Position = middle },
                new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = BodyWidth }),
            new SpacingBetweenLines { Before = "60", After = "0", Line = "460", LineRule = LineSpacingRuleValues.Exact }));
        paragraph.Append(Run("ที่  ", LabelHalfPoints, bold: true));
        if (Value(number) is { } n) paragraph.Append(Run(n, DocxReportRenderer.TextHalfPoints));
        paragraph.Append(new Run(new TabChar()), new Run(new TabChar()));
        paragraph.Append(Run("วันที่  ", LabelHalfPoints, bold: true), Run(date, DocxReportRenderer.TextHalfPoints), new Run(new TabChar()));
        return paragraph;
    }

    /// <summary>A line of dots across the page, to be written on by hand.</summary>
    static Paragraph DottedLine() => new(
        new ParagraphProperties(
            new KeepNext(),
            new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = BodyWidth })),
        new Run(new TabChar()));

    /// <summary>One line whose parts start at the given tab stops (so counts line up under each other).</summary>
    static Paragraph Tabbed(int indentLeft, int[] stops, params string[] parts)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new KeepNext(),
            new Tabs(stops.Select(p => new TabStop { Val = TabStopValues.Left, Position = p })),
            new Indentation { Left = indentLeft.ToString() }));
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) paragraph.Append(new Run(new TabChar()));
            paragraph.Append(new Run(new Text(OpenXmlText.Safe(parts[i])) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return paragraph;
    }

    static Run Run(string text, int halfPoints, bool bold = false)
    {
        var properties = bold ? DocxParts.Bold() : new RunProperties();
        properties.Append(new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        return new Run(properties, new Text(OpenXmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    static Paragraph Text(string text, bool indent = false, int indentLeft = 0, bool bold = false, int spaceBefore = 0, int spaceAfter = 0, bool keepNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.KeepNext = new KeepNext();
        properties.SpacingBetweenLines = new SpacingBetweenLines { Before = spaceBefore.ToString(), After = spaceAfter.ToString() };
        // Paragraphs of an official letter start 2.5 cm in; their lines are spread to both margins.
        if (indent) properties.Indentation = new Indentation { FirstLine = "1418" };
        else if (indentLeft > 0) properties.Indentation = new Indentation { Left = indentLeft.ToString() };
        properties.Justification = new Justification { Val = indent ? JustificationValues.ThaiDistribute : JustificationValues.Left };
        var run = new Run();
        if (bold) run.Append(DocxParts.Bold());
        DocxParts.AppendText(run, text);
        return new Paragraph(properties, run);
    }

    static IEnumerable<Paragraph> Signature(string? name, string? position, int spaceBefore)
    {
        Paragraph Line(string text, int before, bool keepNext)
        {
            var properties = new ParagraphProperties
            {
                SpacingBetweenLines = new SpacingBetweenLines { Before = before.ToString(), After = "0" },
                Indentation = new Indentation { Left = (BodyWidth / 3).ToString() },
                Justification = new Justification { Val = JustificationValues.Center },
            };
            if (keepNext) properties.KeepNext = new KeepNext();
            return new Paragraph(properties, new Run(new Text(OpenXmlText.Safe(text)) { Space = SpaceProcessingModeValues.Preserve }));
        }
        yield return Line($"(ลงชื่อ) {Dots}", spaceBefore + 360, true);
        yield return Line($"( {name ?? Dots} )", 0, true);
        yield return Line($"ตำแหน่ง {position ?? Dots}", 0, false);
    }
}
