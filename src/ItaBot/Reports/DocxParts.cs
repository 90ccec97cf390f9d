using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ItaBot.Reports;

/// <summary>What the round report and the approval memo share as Word documents: fonts, styles, settings, the page number.</summary>
static class DocxParts
{
    /// <summary>The paragraph style of table text, when a table's text differs from the body's (<see cref="AddStyles"/>).</summary>
    public const string TableTextStyle = "TableText";

    /// <param name="table">Size and line spacing of the <see cref="TableTextStyle"/> style, or null for none.</param>
    public static void AddStyles(MainDocumentPart main, int halfPoints, int lineTwips, (int HalfPoints, int LineTwips)? table = null)
    {
        var font = DocxReportRenderer.Font;
        var stylesPart = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
        stylesPart.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = new RunFonts { Ascii = font, HighAnsi = font, ComplexScript = font, EastAsia = font },
                    FontSize = new FontSize { Val = halfPoints.ToString() },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = halfPoints.ToString() },
                    // Latin text is English and Thai (a complex script to Word) is Thai: LibreOffice breaks Latin
                    // words at any letter ("Accou|nt") when their language is set to Thai.
                    Languages = new Languages { Val = "en-US", Bidi = "th-TH" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = lineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact },
                })),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true });
        // A table of thousands of paragraphs names its size and spacing once, here, rather than on every paragraph and run.
        if (table is { } t)
            stylesPart.Styles.Append(new Style(
                new StyleName { Val = "Table Text" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { Before = "0", After = "0", Line = t.LineTwips.ToString(), LineRule = LineSpacingRuleValues.Exact }),
                new StyleRunProperties(new FontSize { Val = t.HalfPoints.ToString() }, new FontSizeComplexScript { Val = t.HalfPoints.ToString() }))
            { Type = StyleValues.Paragraph, StyleId = TableTextStyle, CustomStyle = true });
        stylesPart.Styles.Save();
    }

    /// <summary>TH Sarabun New, with TH SarabunPSK named as its stand-in for a machine that has only the older font.</summary>
    public static void AddFontTable(MainDocumentPart main)
    {
        var fontPart = main.AddNewPart<FontTablePart>("rIdFonts");
        fontPart.Fonts = new Fonts(
            new Font(
                new AltName { Val = DocxReportRenderer.FallbackFont },
                new FontCharSet { Val = "DE" },
                new FontFamily { Val = FontFamilyValues.Swiss },
                new Pitch { Val = FontPitchValues.Variable }) { Name = DocxReportRenderer.Font },
            new Font(
                new FontCharSet { Val = "DE" },
                new FontFamily { Val = FontFamilyValues.Swiss },
                new Pitch { Val = FontPitchValues.Variable }) { Name = DocxReportRenderer.FallbackFont });
        fontPart.Fonts.Save();
    }

    /// <summary>Current Word layout rules (not a compatibility mode), and Thai as the document's language.</summary>
    public static void AddSettings(MainDocumentPart main)
    {
        var settingsPart = main.AddNewPart<DocumentSettingsPart>("rIdSettings");
        settingsPart.Settings = new Settings(
            new Compatibility(new CompatibilitySetting
            {
                Name = CompatSettingNameValues.CompatibilityMode, Uri = "http://schemas.microsoft.com/office/word", Val = "15",
            }),
            new ThemeFontLanguages { Val = "en-US", Bidi = "th-TH" });
        settingsPart.Settings.Save();
    }

    /// <summary>
    /// "หน้า ๑" centred at the foot of every page. Word prints the PAGE field in the section's Thai-digit format;
    /// LibreOffice ignores that format when it opens a DOCX, so ItaBot's own PDF conversion asks LibreOffice for
    /// Thai digits (LibreOfficeConverter).
    /// </summary>
    public static FooterPart AddPageNumberFooter(MainDocumentPart main, int halfPoints)
    {
        var footerPart = main.AddNewPart<FooterPart>("rIdFooter");
        RunProperties Size() => new(new FontSize { Val = halfPoints.ToString() }, new FontSizeComplexScript { Val = halfPoints.ToString() });
        footerPart.Footer = new Footer(new Paragraph(
            new ParagraphProperties { Justification = new Justification { Val = JustificationValues.Center } },
            new Run(Size(), new Text("หน้า ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(Size(), new Text("๑"))) { Instruction = " PAGE " }));
        footerPart.Footer.Save();
        return footerPart;
    }

    // Thai is a complex script to Word: bold and size need their complex-script twins (bCs, szCs).
    public static RunProperties Bold() => new() { Bold = new DocumentFormat.OpenXml.Wordprocessing.Bold(), BoldComplexScript = new BoldComplexScript() };

    /// <summary>Newlines a person typed inside one answer become line breaks.</summary>
    public static void AppendText(Run run, string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(OpenXmlText.Safe(lines[i])) { Space = SpaceProcessingModeValues.Preserve });
        }
    }
}
