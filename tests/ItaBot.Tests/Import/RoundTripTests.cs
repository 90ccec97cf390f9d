using System.Globalization;
using ItaBot.Import;
using ItaBot.Tests.Support;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

/// <summary>A plan read from an agency's Word file, written as CSV, XLSX or JSON, reads back the same.</summary>
public class RoundTripTests
{
    public static readonly TheoryData<string, string, int> Cases = new()
    {
        { "csv", "plan-muangchan-2568.txt", 2568 },
        { "xlsx", "plan-muangchan-2568.txt", 2568 },
        { "json", "plan-muangchan-2568.txt", 2568 },
        { "csv", "report-6month-ngob-2566.txt", 2566 },
        { "xlsx", "report-annual-soppong-2568.txt", 2568 },
        { "json", "report-6month-ngob-2566.txt", 2566 },
    };

    static readonly string[] Header =
        ["รหัส", "ประเด็น/ตัวชี้วัด", "ข้อ OIT", "มาตรการ/แนวทาง", "ขั้นตอน/วิธีการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล/การรายงานผล"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task APlanWrittenInAnotherFormatImportsTheSame(string format, string document, int year)
    {
        using var source = new TempDatabase();
        var docx = DocxBuilder.FromExtractedText(DomainFiles.Read(document));
        var original = await ImportAsync(source, new PlanFile("plan.docx", docx), "ต้นฉบับ", year, dryRun: true);
        Assert.True(original.Succeeded);

        var file = format switch
        {
            "csv" => new PlanFile("plan.csv", SheetFiles.Csv([Header, .. Rows(original)])),
            "xlsx" => new PlanFile("plan.xlsx", SheetFiles.Xlsx(("แผน", [Header, .. Rows(original)]))),
            _ => new PlanFile("plan.json", Json(original)),
        };
        using var target = new TempDatabase();
        var copy = await ImportOkAsync(target, file, "สำเนา", year);

        Assert.Equal(original.Measures.Count, copy.Measures.Count);
        foreach (var (a, b) in original.Measures.Zip(copy.Measures))
        {
            Assert.Equal((a.Code, a.Issue, a.Title, a.PeriodText, a.Period), (b.Code, b.Issue, b.Title, b.PeriodText, b.Period));
            Assert.Equal(a.Steps, b.Steps);
            Assert.Equal(a.Units, b.Units);
        }
        var stored = await MeasuresAsync(target, "สำเนา", year);
        Assert.Equal(original.Measures.Select(m => m.Units), stored.Select(UnitsOf));
    }

    static IEnumerable<string?[]> Rows(ImportResult result) =>
        result.Measures.Select(m => new[]
        {
            m.Code, m.Issue, m.OitItem, m.Title,
            string.Join("\n", m.Steps.Select((step, i) => $"{(i + 1).ToString(CultureInfo.InvariantCulture)}. {step}")),
            string.Join(", ", m.Units), m.PeriodText, m.FollowUp,
        });

    static byte[] Json(ImportResult result)
    {
        using var stream = new MemoryStream();
        PlanJson.Write(result, stream);
        return stream.ToArray();
    }
}
