using System.Text;
using System.Text.Json;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

public sealed class CsvAndJsonReportRendererTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static byte[] Csv(RoundReport report)
    {
        using var stream = new MemoryStream();
        CsvReportRenderer.Render(report, stream);
        return stream.ToArray();
    }

    static JsonElement Json(RoundReport report)
    {
        using var stream = new MemoryStream();
        JsonReportRenderer.Render(report, stream);
        return JsonDocument.Parse(stream.ToArray()).RootElement.Clone();
    }

    /// <summary>A small RFC 4180 reader, so the test checks what a spreadsheet would read back.</summary>
    static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; i++; }
            else field.Append(c);
        }
        return records;
    }

    [Fact]
    public void CsvStartsWithAByteOrderMarkSoExcelReadsThai()
    {
        var bytes = Csv(scenario.Report);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith("ลำดับ,รหัส,ประเด็น/ตัวชี้วัด", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public void CsvHasOneRecordPerMeasureWithListsOnSeparateLinesInOneCell()
    {
        var records = ParseCsv(Encoding.UTF8.GetString(Csv(scenario.Report)[3..]));

        Assert.Equal(1 + scenario.Report.Measures.Count, records.Count);
        Assert.All(records, r => Assert.Equal(ReportColumns.All.Count, r.Count));
        Assert.Equal("สำนักปลัด\nกองคลัง\nกองช่าง", records[1][6]);
        Assert.Equal("ไม่สามารถดำเนินการได้", records[2][8]);
        Assert.Equal("กองช่าง\nกองการศึกษา", records[3][15]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    public void CsvCellsThatExcelWouldRunAsFormulasStartWithAQuoteMark(string typed) =>
        Assert.StartsWith("'", CsvReportRenderer.Quote(typed).TrimStart('"'));

    [Fact]
    public void CsvQuotesCommasQuotesAndLineBreaksAndDisarmsFormulas()
    {
        var text = Encoding.UTF8.GetString(Csv(scenario.WithHostileMeasure())[3..]);
        var hostile = ParseCsv(text).Last();

        Assert.Equal("ประเด็น \"quoted\", with comma", hostile[2]);
        Assert.Equal("'=HYPERLINK(\"http://evil\")\nline one\nline two", hostile[5]);
        Assert.Equal("2025-01-02: ทำแล้ว\r\nบรรทัดที่สอง, มีจุลภาค", hostile[11]);
        Assert.Contains("\"ประเด็น \"\"quoted\"\", with comma\"", text);
    }

    [Fact]
    public void JsonHasStableEnglishNamesIsoDatesAndStatusCodesWithThaiLabels()
    {
        var json = Json(scenario.Report);

        Assert.Equal("เทศบาลตำบลเมืองจันทร์", json.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("6m", json.GetProperty("round").GetProperty("key").GetString());
        Assert.Equal("2024-10-01", json.GetProperty("round").GetProperty("windowStart").GetString());
        Assert.Equal("2025-03-03T02:00:00Z", json.GetProperty("cutOffUtc").GetString());
        var totals = json.GetProperty("totals");
        Assert.Equal(6, totals.GetProperty("measures").GetInt32());
        Assert.Equal(1, totals.GetProperty("byStatus").GetProperty("awaitingReport").GetInt32());
        Assert.Equal(16.7m, totals.GetProperty("percentDone").GetDecimal());
        Assert.Equal("สำนักปลัด", totals.GetProperty("byUnit")[0].GetProperty("unit").GetString());

        var m1 = json.GetProperty("measures")[0];
        Assert.Equal("M1", m1.GetProperty("code").GetString());
        Assert.Equal("Done", m1.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal("ดำเนินการแล้วเสร็จ", m1.GetProperty("status").GetProperty("label").GetString());
        Assert.Equal("2024-11-05", m1.GetProperty("results")[0].GetProperty("date").GetString());
        Assert.Equal("2025-02-20", m1.GetProperty("lastReportedOn").GetString());
        Assert.Equal("บุคลากรรับทราบแนวทางเดียวกัน", m1.GetProperty("outcomes")[0].GetProperty("text").GetString());

        var m2 = json.GetProperty("measures")[1];
        Assert.Equal("NoBudget", m2.GetProperty("cannotProceedReason").GetProperty("code").GetString());
        Assert.Equal("ไม่ได้รับงบประมาณ", m2.GetProperty("cannotProceedReason").GetProperty("label").GetString());

        var m3 = json.GetProperty("measures")[2];
        Assert.Equal("AwaitingReport", m3.GetProperty("status").GetProperty("code").GetString());
        Assert.Equal(["กองช่าง", "กองการศึกษา"], m3.GetProperty("owingUnits").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(JsonValueKind.Null, m3.GetProperty("lastReportedOn").ValueKind);
    }

    [Fact]
    public void JsonDoesNotPublishTheOrganizationsToken()
    {
        using var stream = new MemoryStream();
        JsonReportRenderer.Render(scenario.Report, stream);

        Assert.DoesNotContain(ReportScenario.Token, Encoding.UTF8.GetString(stream.ToArray()));
    }
}
