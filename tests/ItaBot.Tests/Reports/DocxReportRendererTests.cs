using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

public sealed class DocxReportRendererTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    const string Title = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ของเทศบาลตำบลเมืองจันทร์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ รอบ ๖ เดือน (ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)";

    static WordprocessingDocument Open(RoundReport report, ReportsOptions? options = null)
    {
        var stream = new MemoryStream();
        DocxReportRenderer.Render(report, stream, options);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }

    static Table MeasuresTable(WordprocessingDocument doc) => doc.MainDocumentPart!.Document.Body!.Elements<Table>().First();

    /// <summary>A cell's text as printed: the zero-width spaces that let addresses and headers wrap print nothing.</summary>
    static string CellText(TableCell cell) => string.Join("\n", cell.Elements<Paragraph>().Select(p => p.InnerText.Replace("\u200B", "").Replace("\u2060", "")));

    /// <summary>
    /// The table row of a measure, found by its title (the first line of the first column): title, steps,
    /// responsible units over the period, checkboxes, results.
    /// </summary>
    static List<string> RowOf(WordprocessingDocument doc, string title) =>
        MeasuresTable(doc).Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(CellText).ToList())
            .Single(cells => cells.Count == 5 && cells[0].Split('\n')[0] == title);

    /// <summary>The issue heading printed above a measure's row: the nearest one-cell row before it.</summary>
    static string HeadingAbove(WordprocessingDocument doc, string title)
    {
        var rows = MeasuresTable(doc).Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(CellText).ToList()).ToList();
        var at = rows.FindIndex(cells => cells.Count == 5 && cells[0].Split('\n')[0] == title);
        return rows.Take(at).Last(cells => cells.Count == 1)[0];
    }

    [Fact]
    public void TheDocumentPassesTheOpenXmlValidator()
    {
        using var doc = Open(scenario.WithHostileMeasure(), new ReportsOptions { CoordinatorName = "นางสาวมาลี ใจดี", CoordinatorPosition = "นักวิเคราะห์นโยบายและแผน" });

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
    }

    [Fact]
    public void TheSameReportGivesTheSameFileContentSoItsPdfCanBeKept()
    {
        static byte[] Render(RoundReport report) { using var s = new MemoryStream(); DocxReportRenderer.Render(report, s); return s.ToArray(); }
        var changed = scenario.Report with { Measures = [.. scenario.Report.Measures.Select((m, i) => i == 0 ? m with { Title = m.Title + " (ปรับปรุง)" } : m)] };

        Assert.Equal(ItaBot.Reports.Pdf.ReportPdfs.Fingerprint(Render(scenario.Report)), ItaBot.Reports.Pdf.ReportPdfs.Fingerprint(Render(scenario.Report)));
        Assert.NotEqual(ItaBot.Reports.Pdf.ReportPdfs.Fingerprint(Render(scenario.Report)), ItaBot.Reports.Pdf.ReportPdfs.Fingerprint(Render(changed)));
    }

    [Fact]
    public void TheTitleNamesTheOrganizationYearAndRoundInThaiDigits()
    {
        using var doc = Open(scenario.Report);

        var first = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().First();

        Assert.Equal(Title, first.InnerText);
        Assert.Equal(Title, doc.PackageProperties.Title);
    }

    [Fact]
    public void ThePageIsA4LandscapeInTHSarabunNew16Point()
    {
        using var doc = Open(scenario.Report);

        var section = doc.MainDocumentPart!.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var defaults = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;

        Assert.Equal(PageOrientationValues.Landscape, size.Orient!.Value);
        Assert.Equal(16838U, size.Width!.Value);
        Assert.Equal(11906U, size.Height!.Value);
        Assert.Equal(DocxReportRenderer.Font, defaults.RunFonts!.Ascii!.Value);
        Assert.Equal(DocxReportRenderer.Font, defaults.RunFonts.HighAnsi!.Value);
        Assert.Equal(DocxReportRenderer.Font, defaults.RunFonts.ComplexScript!.Value);
        Assert.Equal("32", defaults.FontSize!.Val!.Value);
        Assert.Equal("32", defaults.FontSizeComplexScript!.Val!.Value);
    }

    [Fact]
    public void TheTableHeaderRepeatsOnEveryPageAndAMeasureStaysOnOnePage()
    {
        using var doc = Open(scenario.Report);

        var rows = MeasuresTable(doc).Elements<TableRow>().ToList();

        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(
            ["มาตรการ/แนวทาง", "ขั้นตอน/วิธีการดำเนินการ", "ผู้รับผิดชอบ\nระยะเวลา", "สรุปผล\nการดำเนินการ", "ผลการดำเนินการ / ผลลัพธ์ /\nปัญหาอุปสรรค"],
            rows[0].Elements<TableCell>().Select(c => string.Join("\n", c.Descendants<Run>().Select(r => string.Concat(r.ChildElements.Select(e => e is Break ? "\n" : e.InnerText)))).Replace("\u200B", "").Replace("\u2060", "")));
        Assert.Equal(scenario.Report.Measures.Count, rows.Count(r => r.Elements<TableCell>().Count() == 5) - 1);
        Assert.All(rows.Skip(1), r => Assert.NotNull(r.TableRowProperties?.GetFirstChild<CantSplit>()));
    }

    [Fact]
    public void ColumnWidthsFillThePageAndGiveTheLongestTextTheMostRoom()
    {
        using var doc = Open(scenario.Report);

        var widths = MeasuresTable(doc).GetFirstChild<TableGrid>()!.Elements<GridColumn>().Select(g => int.Parse(g.Width!.Value!)).ToList();

        Assert.Equal(16838 - 2 * 567, widths.Sum());
        // Results, steps and titles hold most of the text; responsible units and periods are short.
        Assert.True(widths[4] > widths[2] && widths[4] > widths[3], string.Join(",", widths));
        Assert.All(widths, w => Assert.True(w >= 900, string.Join(",", widths)));
    }

    [Fact]
    public void MeasuresSharingAnIssuePrintItOnceAsAHeadingAcrossTheTable()
    {
        var report = scenario.Report with
        {
            Measures = [.. scenario.Report.Measures.Select((m, i) => i < 3 ? m with { Issue = "ประเด็นที่ ๒ การใช้ทรัพย์สินของราชการ", OitItem = null } : m)],
        };
        using var doc = Open(report);

        var rows = MeasuresTable(doc).Elements<TableRow>().Skip(1).ToList();
        var headings = rows.Where(r => r.Elements<TableCell>().Count() == 1).ToList();

        // Once above the three measures that share it, spanning the five columns, shaded and kept with the measure under it.
        var heading = rows[0].Elements<TableCell>().Single();
        Assert.Equal("ประเด็นที่ ๒ การใช้ทรัพย์สินของราชการ", CellText(heading));
        Assert.Equal(5, heading.TableCellProperties!.GridSpan!.Val!.Value);
        Assert.NotNull(heading.TableCellProperties.Shading);
        Assert.All(heading.Elements<Paragraph>(), p => Assert.NotNull(p.ParagraphProperties?.KeepNext));
        Assert.Single(headings, h => CellText(h.Elements<TableCell>().Single()) == "ประเด็นที่ ๒ การใช้ทรัพย์สินของราชการ");
        Assert.All(rows.Skip(1).Take(3), r => Assert.Equal(5, r.Elements<TableCell>().Count()));
        Assert.All(rows.SelectMany(r => r.Elements<TableCell>()), c => Assert.Null(c.TableCellProperties!.VerticalMerge));
    }

    [Fact]
    public void StepsAreNumberedInThaiDigitsUnlessThePlanNumberedThem()
    {
        var report = scenario.Report with
        {
            Measures = [.. scenario.Report.Measures.Select((m, i) => i == 3 ? m with { Steps = ["ผู้บริหารกำหนดผู้รับผิดชอบ", "จัดทำช่องทางการสื่อสาร"] } : m)],
        };
        using var doc = Open(report);

        Assert.Equal("๑. ผู้บริหารกำหนดผู้รับผิดชอบ\n๒. จัดทำช่องทางการสื่อสาร", RowOf(doc, "ประกาศเจตจำนงสุจริตของผู้บริหาร")[1]);
        Assert.Equal("๑. ผู้รับผิดชอบจัดทำคู่มือ\n๒. เผยแพร่บนเว็บไซต์หน่วยงาน", RowOf(doc, "จัดทำคู่มือการปฏิบัติงาน")[1]);
        Assert.Equal("จัดอบรม ๒ ครั้ง", RowOf(doc, "อบรมคุณธรรมจริยธรรมให้บุคลากร")[1]);
    }

    [Fact]
    public void AClosedRoundShowsOnlyWhatWasReported()
    {
        var report = scenario.Report with { Round = scenario.Report.Round with { State = ItaBot.Tracking.RoundState.Closed } };
        using var doc = Open(report);

        var awaiting = RowOf(doc, "ปรับปรุงช่องทางร้องเรียนออนไลน์");
        var text = doc.MainDocumentPart!.Document.Body!.InnerText;

        Assert.Equal("☐ ไม่สามารถดำเนินการได้\n☐ อยู่ระหว่างการดำเนินการ\n☐ ดำเนินการแล้วเสร็จ", awaiting[3]);
        Assert.Equal("ไม่มีรายงานผลในรอบนี้", awaiting[4]);
        Assert.DoesNotContain("ยังไม่ได้รับรายงาน", text);
        Assert.DoesNotContain("รอรายงาน", text);
    }

    [Fact]
    public void EachStatusTicksItsOwnCheckbox()
    {
        using var doc = Open(scenario.Report);

        var done = RowOf(doc, "จัดทำคู่มือการปฏิบัติงาน")[3];
        var cannot = RowOf(doc, "เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี ๒๕๖๘")[3];
        var inProgress = RowOf(doc, "อบรมคุณธรรมจริยธรรมให้บุคลากร")[3];
        var awaiting = RowOf(doc, "ปรับปรุงช่องทางร้องเรียนออนไลน์")[3];
        var notStarted = RowOf(doc, "ประกาศเจตจำนงสุจริตของผู้บริหาร")[3];

        Assert.Equal("☐ ไม่สามารถดำเนินการได้\n☐ อยู่ระหว่างการดำเนินการ\n☑ ดำเนินการแล้วเสร็จ", done);
        Assert.Equal("☑ ไม่สามารถดำเนินการได้\n☐ อยู่ระหว่างการดำเนินการ\n☐ ดำเนินการแล้วเสร็จ", cannot);
        Assert.Equal("☐ ไม่สามารถดำเนินการได้\n☑ อยู่ระหว่างการดำเนินการ\n☐ ดำเนินการแล้วเสร็จ", inProgress);
        Assert.Equal("☐ ไม่สามารถดำเนินการได้\n☐ อยู่ระหว่างการดำเนินการ\n☐ ดำเนินการแล้วเสร็จ\n(รอรายงานผล)", awaiting);
        Assert.Equal("☐ ไม่สามารถดำเนินการได้\n☐ อยู่ระหว่างการดำเนินการ\n☐ ดำเนินการแล้วเสร็จ\n(ยังไม่ได้ดำเนินการ)", notStarted);
    }

    [Fact]
    public void RowsCarryResultsWithDatesOutcomeEvidenceAndWhoStillOwesAnAnswer()
    {
        using var doc = Open(scenario.Report);

        var m1 = RowOf(doc, "จัดทำคู่มือการปฏิบัติงาน");
        var m2 = RowOf(doc, "เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี ๒๕๖๘");
        var m3 = RowOf(doc, "ปรับปรุงช่องทางร้องเรียนออนไลน์");

        Assert.Equal("ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส", HeadingAbove(doc, "จัดทำคู่มือการปฏิบัติงาน"));
        Assert.Equal("จัดทำคู่มือการปฏิบัติงาน\n(ข้อ O๓๖)", m1[0]);
        Assert.Equal("สำนักปลัด\nกองคลัง\nกองช่าง\nต.ค. ๖๗ – ก.ย. ๖๘", m1[2]);
        Assert.Equal(
            "- ร่างคู่มือแล้ว (๕ พ.ย. ๖๗)\n- เผยแพร่คู่มือบนเว็บไซต์แล้ว ๓ ฉบับ (๒๐ ก.พ. ๖๘)\nผลลัพธ์: บุคลากรรับทราบแนวทางเดียวกัน\nหลักฐาน: muangchan.go.th/manual-draft\nmuangchan.go.th/manual",
            m1[4]);
        Assert.Equal("- เริ่มรวบรวมแผน (๑๕ ม.ค. ๖๘)\nเหตุที่ดำเนินการไม่ได้: ไม่ได้รับงบประมาณ – งบประมาณถูกตัดลด\nปัญหาอุปสรรค/ข้อเสนอแนะ:\n- ข้อมูลไม่ครบ\n- ขอรับการสนับสนุนงบประมาณปี ๒๕๖๙", m2[4]);
        Assert.Equal("ยังไม่ได้รับรายงานผลจาก กองช่าง, กองการศึกษา", m3[4]);
        var links = doc.MainDocumentPart!.HyperlinkRelationships.Select(h => h.Uri.AbsoluteUri).ToList();
        Assert.Contains("https://muangchan.go.th/manual", links);
    }

    [Fact]
    public void NumbersAreThaiDigitsButWebAddressesStayAsTyped()
    {
        using var doc = Open(scenario.Report);

        var body = doc.MainDocumentPart!.Document.Body!;
        var text = string.Join("\n", body.Descendants<Paragraph>().Where(p => !p.Descendants<Hyperlink>().Any()).Select(p => p.InnerText));

        Assert.DoesNotContain(text, char.IsAsciiDigit);
        Assert.Contains("ร้อยละ ๑๖.๗", text);
        var draft = Assert.Single(body.Descendants<Hyperlink>(), h => h.InnerText.Replace("\u200B", "").Replace("\u2060", "") == "muangchan.go.th/manual-draft");
        Assert.Equal("https://muangchan.go.th/manual-draft", doc.MainDocumentPart.HyperlinkRelationships.Single(r => r.Id == draft.Id).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://www.muangchan.go.th/news/detail/123?lang=th", "muangchan.go.th/news/…")]
    [InlineData("https://www.facebook.com/muangchan.official/posts/998877", "facebook.com/…")]
    [InlineData("http://www/ita", "www/ita")]
    [InlineData("https://drive.google.com/file/d/abc/view", "drive.google.com/file/…")]
    public void PrintedAddressesLeaveOutWwwSoTheyFitOnTheLineOfTheirLabel(string url, string printed)
    {
        // "www." is a seventh of a short address and tells a reader nothing; a host named just "www" keeps it. The full
        // address stays behind the link.
        Assert.Equal(printed, ReportText.ShortUrl(url).Replace("\u200B", ""));
    }

    [Fact]
    public void TheDateOfTheDataEndsTheIntroductionsLastLineAtTheRightMargin()
    {
        using var doc = Open(scenario.Report);

        var intro = doc.MainDocumentPart!.Document.Body!.Elements<Paragraph>().ElementAt(1);
        var tab = Assert.Single(intro.ParagraphProperties!.Tabs!.Elements<TabStop>());

        Assert.Equal(TabStopValues.Right, tab.Val!.Value);
        Assert.Equal(16838 - 2 * 567, tab.Position!.Value);
        Assert.StartsWith("ตามที่เทศบาลตำบลเมืองจันทร์ได้กำหนดมาตรการ", intro.InnerText);
        Assert.EndsWith(ReportText.AsOf(scenario.Report), intro.InnerText);
        Assert.Single(intro.Descendants<TabChar>());
    }

    [Fact]
    public void TheSummaryCountsEveryStatusAndEveryUnit()
    {
        using var doc = Open(scenario.Report);

        var tables = doc.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        string[][] Rows(Table t) => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(CellText).ToArray()).ToArray();

        Assert.Equal(2, tables.Count);
        var summary = Rows(tables[1]);
        Assert.Equal(["ผู้รับผิดชอบ", "จำนวนมาตรการ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างการดำเนินการ", "ยังไม่ได้ดำเนินการ", "ไม่สามารถดำเนินการได้", "รอรายงานผล", "ร้อยละที่แล้วเสร็จ"], summary[0]);
        Assert.Equal(["สำนักปลัด", "๓", "๑", "๑", "๑", "๐", "๐", "๓๓.๓"], summary[1]);
        Assert.Equal(["กองการศึกษา", "๒", "๐", "๑", "๐", "๐", "๑", "๐.๐"], summary[4]);
        Assert.Equal(["รวมทั้งหน่วยงาน", "๖", "๑", "๒", "๑", "๑", "๑", "๑๖.๗"], summary[5]);
        Assert.Equal(["ร้อยละ", "๑๐๐.๐", "๑๖.๗", "๓๓.๓", "๑๖.๗", "๑๖.๗", "๑๖.๗", "๑๖.๗"], summary[6]);
    }

    [Fact]
    public void TheFooterNumbersThePagesInThaiDigits()
    {
        using var doc = Open(scenario.Report);

        var footer = doc.MainDocumentPart!.FooterParts.Single().Footer!;
        var section = doc.MainDocumentPart.Document.Body!.Elements<SectionProperties>().Single();

        Assert.Contains(footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "PAGE");
        Assert.Equal(NumberFormatValues.ThaiNumbers, section.GetFirstChild<PageNumberType>()!.Format!.Value);
        Assert.NotNull(section.GetFirstChild<FooterReference>());
    }

    [Fact]
    public void TheCoordinatorSignsWithNameAndPositionWhenConfigured()
    {
        using var signed = Open(scenario.Report, new ReportsOptions { CoordinatorName = "นางสาวมาลี ใจดี", CoordinatorPosition = "นักวิเคราะห์นโยบายและแผน ชำนาญการ" });
        using var blank = Open(scenario.Report);

        var signedLines = signed.MainDocumentPart!.Document.Body!.Elements<Paragraph>().TakeLast(3).Select(p => p.InnerText).ToList();
        var blankLines = blank.MainDocumentPart!.Document.Body!.Elements<Paragraph>().TakeLast(3).Select(p => p.InnerText).ToList();

        Assert.Equal(["ลงชื่อ ........................................ ผู้รายงาน", "( นางสาวมาลี ใจดี )", "ตำแหน่ง นักวิเคราะห์นโยบายและแผน ชำนาญการ"], signedLines);
        Assert.Equal(["ลงชื่อ ........................................ ผู้รายงาน", "( ........................................ )", "ตำแหน่ง ........................................"], blankLines);
    }

    [Fact]
    public void TextThatLooksLikeMarkupOrControlCharactersIsPrintedAsPlainText()
    {
        using var doc = Open(scenario.WithHostileMeasure());

        var row = RowOf(doc, "<script>alert('x')</script> & co");

        Assert.EndsWith("ต.ค. ๖๗ – ก.ย. ๖๘", row[2]);
        Assert.Contains("line one", row[1]);
        Assert.DoesNotContain(doc.MainDocumentPart!.HyperlinkRelationships, h => h.Uri.Scheme == "javascript");
    }
}
