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

    static string CellText(TableCell cell) => string.Join("\n", cell.Elements<Paragraph>().Select(p => p.InnerText));

    /// <summary>The table row of a measure, found by its title (second column).</summary>
    static List<string> RowOf(WordprocessingDocument doc, string title) =>
        MeasuresTable(doc).Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(CellText).ToList())
            .Single(cells => cells[1] == title);

    [Fact]
    public void TheDocumentPassesTheOpenXmlValidator()
    {
        using var doc = Open(scenario.WithHostileMeasure(), new ReportsOptions { CoordinatorName = "นางสาวมาลี ใจดี", CoordinatorPosition = "นักวิเคราะห์นโยบายและแผน" });

        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.Empty(errors);
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
    public void TheTableHeaderRepeatsOnEveryPageAndLongRowsMayBreakAcrossPages()
    {
        using var doc = Open(scenario.Report);

        var rows = MeasuresTable(doc).Elements<TableRow>().ToList();

        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(
            ["ประเด็น/ตัวชี้วัด", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "สรุปผลการดำเนินการ", "ผลการดำเนินการ / ผลลัพธ์", "ปัญหาอุปสรรค / ข้อเสนอแนะ"],
            rows[0].Elements<TableCell>().Select(CellText));
        Assert.Equal(1 + scenario.Report.Measures.Count, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Null(r.TableRowProperties?.GetFirstChild<CantSplit>()));
    }

    [Fact]
    public void EachStatusTicksItsOwnCheckbox()
    {
        using var doc = Open(scenario.Report);

        var done = RowOf(doc, "จัดทำคู่มือการปฏิบัติงาน")[5];
        var cannot = RowOf(doc, "เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี ๒๕๖๘")[5];
        var inProgress = RowOf(doc, "อบรมคุณธรรมจริยธรรมให้บุคลากร")[5];
        var awaiting = RowOf(doc, "ปรับปรุงช่องทางร้องเรียนออนไลน์")[5];
        var notStarted = RowOf(doc, "ประกาศเจตจำนงสุจริตของผู้บริหาร")[5];

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

        Assert.Equal("ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส\n(ข้อ O๓๖)", m1[0]);
        Assert.Equal("สำนักปลัด\nกองคลัง\nกองช่าง", m1[3]);
        Assert.Equal("ต.ค. ๖๗ – ก.ย. ๖๘", m1[4]);
        Assert.Equal(
            "- ร่างคู่มือแล้ว (รายงานเมื่อ ๕ พ.ย. ๖๗)\n- เผยแพร่คู่มือบนเว็บไซต์แล้ว ๓ ฉบับ (รายงานเมื่อ ๒๐ ก.พ. ๖๘)\nผลลัพธ์: บุคลากรรับทราบแนวทางเดียวกัน\nหลักฐาน:\nhttps://muangchan.go.th/manual-draft\nhttps://muangchan.go.th/manual",
            m1[6]);
        Assert.Equal("เหตุที่ดำเนินการไม่ได้: ไม่ได้รับงบประมาณ – งบประมาณถูกตัดลด\n- ข้อมูลไม่ครบ\n- ขอรับการสนับสนุนงบประมาณปี ๒๕๖๙", m2[7]);
        Assert.Equal("ยังไม่ได้รับรายงานผลจาก กองช่าง, กองการศึกษา", m3[6]);
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
        Assert.Contains(body.Descendants<Hyperlink>(), h => h.InnerText == "https://muangchan.go.th/manual-draft");
    }

    [Fact]
    public void TheSummaryCountsEveryStatusAndEveryUnit()
    {
        using var doc = Open(scenario.Report);

        var tables = doc.MainDocumentPart!.Document.Body!.Elements<Table>().ToList();
        string[][] Rows(Table t) => t.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(CellText).ToArray()).ToArray();

        Assert.Equal(3, tables.Count);
        Assert.Equal(
            [
                ["สถานะ", "จำนวนมาตรการ", "ร้อยละ"],
                ["ดำเนินการแล้วเสร็จ", "๑", "๑๖.๗"],
                ["อยู่ระหว่างการดำเนินการ", "๒", "๓๓.๓"],
                ["ยังไม่ได้ดำเนินการ", "๑", "๑๖.๗"],
                ["ไม่สามารถดำเนินการได้", "๑", "๑๖.๗"],
                ["รอรายงานผล", "๑", "๑๖.๗"],
                ["รวม", "๖", "๑๐๐.๐"],
            ],
            Rows(tables[1]));
        Assert.Equal(["สำนักปลัด", "๓", "๑", "๑", "๑", "๐", "๐", "๓๓.๓"], Rows(tables[2])[1]);
        Assert.Equal(["กองการศึกษา", "๒", "๐", "๑", "๐", "๐", "๑", "๐.๐"], Rows(tables[2])[4]);
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

        Assert.Equal("ต.ค. ๖๗ – ก.ย. ๖๘", row[4]);
        Assert.Contains("line one", row[2]);
        Assert.DoesNotContain(doc.MainDocumentPart!.HyperlinkRelationships, h => h.Uri.Scheme == "javascript");
    }
}
