using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using ItaBot.Reports;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItaBot.Tests.Reports;

public sealed class ReportFlexSummaryTests(ScenarioReport scenario) : IClassFixture<ScenarioReport>
{
    static readonly ReportLinks Links = ReportUrls.Build(new Uri("https://ita.muangchan.go.th"), ReportScenario.Token, 2568, RoundKey.SixMonth);

    static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, child) in o) foreach (var d in Objects(child)) yield return d;
                break;
            case JsonArray a:
                foreach (var child in a) foreach (var d in Objects(child)) yield return d;
                break;
        }
    }

    static List<string> Texts(JsonNode node) =>
        Objects(node)
            .Where(o => o["type"]?.GetValue<string>() == "text")
            .Select(o => o["text"]!.GetValue<string>())
            .ToList();

    static IEnumerable<JsonObject> Bubbles(JsonObject message) =>
        message["contents"]!["type"]!.GetValue<string>() == "carousel"
            ? message["contents"]!["contents"]!.AsArray().Select(b => b!.AsObject())
            : [message["contents"]!.AsObject()];

    [Fact]
    public async Task TheSummaryPushedToTheExecutivesGroupIsAcceptedByLine()
    {
        await using var line = await FakeLineServer.StartAsync();
        var client = new LineApiClient(new HttpClient(), NullLogger<LineApiClient>.Instance);
        var executives = LineIds.Group("ผู้บริหาร");

        var result = await client.PushAsync(line.Channel(), executives, [ReportFlexSummary.Build(scenario.Report, Links)], Guid.NewGuid());

        Assert.True(result.Ok, result.ToString());
        Assert.Empty(line.ValidationErrors);
        Assert.Equal("flex", line.MessagesTo(executives).Single()["type"]!.GetValue<string>());
    }

    [Fact]
    public void TheSummaryShowsProgressPerUnitAndWhoHasNotAnswered()
    {
        var message = ReportFlexSummary.Build(scenario.Report, Links);
        var texts = Texts(message["contents"]!);

        Assert.Equal("bubble", message["contents"]!["type"]!.GetValue<string>());
        Assert.Contains("เทศบาลตำบลเมืองจันทร์", texts);
        Assert.Contains("ปีงบประมาณ 2568 รอบ 6 เดือน (ต.ค. 67 – มี.ค. 68)", texts);
        Assert.Contains("1/6 (16.7%)", texts);
        Assert.Contains("สำนักปลัด", texts);
        Assert.Contains("อยู่ระหว่างดำเนินการ 1 · ยังไม่ได้ดำเนินการ 1", texts);
        Assert.Equal(2, texts.Count(t => t == "รอ 1 มาตรการ: M3"));
        Assert.Contains("กองการศึกษา", texts);
        Assert.StartsWith("สรุป ITA เทศบาลตำบลเมืองจันทร์ ปีงบประมาณ 2568 รอบ 6 เดือน", message["altText"]!.GetValue<string>());
        Assert.Contains("ยังไม่รายงาน: กองช่าง 1, กองการศึกษา 1", message["altText"]!.GetValue<string>());
    }

    [Fact]
    public void ButtonsOpenTheReportPageAndDownloadTheWordAndExcelFiles()
    {
        var message = ReportFlexSummary.Build(scenario.Report, Links);

        var uris = Objects(message)
            .Where(o => o["type"]?.GetValue<string>() == "uri")
            .Select(o => o["uri"]!.GetValue<string>())
            .ToList();

        Assert.Equal(
            [
                $"https://ita.muangchan.go.th/r/{ReportScenario.Token}/2568/6m",
                $"https://ita.muangchan.go.th/r/{ReportScenario.Token}/2568/6m.docx",
                $"https://ita.muangchan.go.th/r/{ReportScenario.Token}/2568/6m.xlsx",
            ],
            uris);
    }

    [Fact]
    public void AUnitNameWithQuotesBackslashesAndBracesCannotBreakTheMessage()
    {
        const string name = "กอง \"ช่าง\" \\ {{pageUrl}} }} {{@unitRows}}";
        var report = Synthetic(units: 1, name: _ => name);

        var message = ReportFlexSummary.Build(report, Links);
        var reparsed = JsonNode.Parse(message.ToJsonString(LineJson.Options))!;

        Assert.Contains(name, Texts(reparsed["contents"]!));
        Assert.Empty(OpenApiValidator.MessagingApi.ValidateComponent(reparsed, "FlexMessage"));
    }

    [Fact]
    public void ManyUnitsWithLongNamesBecomeACarouselWithinLinesLimits()
    {
        var report = Synthetic(units: 150, name: i => $"กองที่ {i} " + new string('ก', 290));

        var message = ReportFlexSummary.Build(report, Links);
        var bubbles = Bubbles(message).ToList();
        var texts = Texts(message["contents"]!);

        Assert.Equal("carousel", message["contents"]!["type"]!.GetValue<string>());
        Assert.InRange(bubbles.Count, 2, ReportFlexSummary.MaxBubbles);
        Assert.All(bubbles, b => Assert.InRange(ReportFlexSummary.SizeInBytes(b), 1, ReportFlexSummary.MaxBubbleBytes));
        Assert.InRange(ReportFlexSummary.SizeInBytes(message["contents"]!), 1, ReportFlexSummary.MaxCarouselBytes);
        Assert.InRange(message["altText"]!.GetValue<string>().Length, 1, ReportFlexSummary.MaxAltTextChars);
        Assert.Contains(texts, t => t.StartsWith("และอีก ", StringComparison.Ordinal) && t.EndsWith(" หน่วยงาน ดูได้ในรายงานฉบับเต็ม", StringComparison.Ordinal));
        Assert.Empty(OpenApiValidator.MessagingApi.ValidateComponent(message, "FlexMessage"));
    }

    [Fact]
    public void AFewMoreUnitsThanOneBubbleHoldsAreAllShownAcrossTheCarousel()
    {
        var report = Synthetic(units: 25, name: i => $"กอง {i}");

        var message = ReportFlexSummary.Build(report, Links);
        var texts = Texts(message["contents"]!);

        Assert.Equal(1 + 3, Bubbles(message).Count());
        Assert.All(Enumerable.Range(1, 25), i => Assert.Contains($"กอง {i}", texts));
        Assert.DoesNotContain(texts, t => t.StartsWith("และอีก ", StringComparison.Ordinal) && t.Contains("ดูได้ในรายงานฉบับเต็ม"));
        Assert.Empty(OpenApiValidator.MessagingApi.ValidateComponent(message, "FlexMessage"));
    }

    [Fact]
    public void WhenEveryoneHasAnsweredTheSummarySaysSo()
    {
        var report = Synthetic(units: 3, name: i => $"กอง {i}", awaitingEvery: 0);

        var texts = Texts(ReportFlexSummary.Build(report, Links)["contents"]!);

        Assert.Contains("ทุกหน่วยงานรายงานผลครบแล้ว", texts);
        Assert.Contains("แล้วเสร็จทุกมาตรการ", texts);
    }

    [Fact]
    public void TemplateValuesAreInsertedOnceAndNeverExpandedAgain()
    {
        var node = FlexTemplates.Embedded.Render("report-summary-note", new Dictionary<string, string> { ["text"] = "{{text}} \"x\" \\" });

        Assert.Equal("{{text}} \"x\" \\", node["text"]!.GetValue<string>());
        Assert.Throws<InvalidOperationException>(() => FlexTemplates.Embedded.Render("report-summary-note", new Dictionary<string, string>()));
    }

    /// <summary>A report with one measure per unit; every <paramref name="awaitingEvery"/>-th is still awaited, the others done.</summary>
    static RoundReport Synthetic(int units, Func<int, string> name, int awaitingEvery = 2)
    {
        var measures = Enumerable.Range(1, units).Select(i =>
        {
            var awaiting = awaitingEvery > 0 && i % awaitingEvery == 1 % awaitingEvery;
            string[] unit = [name(i)];
            return new MeasureLine(i, $"M{i}", i, null, null, $"มาตรการ {i}", [], unit, null,
                awaiting ? ReportStatus.AwaitingReport : ReportStatus.Done, null, null, [], [], [], [], [],
                awaiting ? unit : [], null, awaiting ? 0 : 1);
        }).ToList();
        var totals = new ReportTotals(
            StatusCounts.Of(measures.Select(m => m.Status)),
            measures.Select(m => new UnitTotals(m.ResponsibleUnits[0], StatusCounts.Of([m.Status]))).ToList());
        return new RoundReport(
            new ReportOrganization(1, ReportScenario.OrganizationName, ReportScenario.Token),
            new ReportRound(1, 2568, RoundKind.SixMonth, RoundKey.SixMonth, new(2024, 10, 1), new(2025, 3, 31), new(2025, 4, 15), RoundState.Open, null),
            ReportScenario.Now.UtcDateTime, measures, totals);
    }
}
