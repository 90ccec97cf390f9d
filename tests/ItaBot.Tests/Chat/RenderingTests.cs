using ItaBot.Line;
using System.Text.Json.Nodes;
using ItaBot.Chat;
using ItaBot.Line.Api;
using ItaBot.Tracking;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Flex templates: values cannot break or inject JSON, and big units stay inside LINE's limits.</summary>
public sealed class RenderingTests
{
    static readonly FlexTemplates Templates = FlexTemplates.FromJson(new Dictionary<string, string>
    {
        ["card"] = """{"type":"bubble","body":{"type":"box","layout":"vertical","contents":[{"type":"text","text":"ชื่อ: {{name}} ({{unit}})"},"{{rows}}"]}}""",
        ["row"] = """{"type":"text","text":"{{text}}","color":"{{color}}"}""",
        ["empty"] = """{"type":"text","text":"{{text}}"}""",
    });

    [Theory]
    [InlineData("สมชาย \"หัวหน้า\" ใจดี")]
    [InlineData("C:\\เอกสาร\\แผน")]
    [InlineData("{{unit}}")]
    [InlineData("\"},{\"type\":\"button\"")]
    [InlineData("บรรทัด\nใหม่\t\u0000\u001F")]
    [InlineData("</script><b>")]
    public void ValuesAreJsonEscapedAndNeverExpandedOrInjected(string name)
    {
        var card = Templates.Render("card", new Dictionary<string, object?> { ["name"] = name, ["unit"] = "กองคลัง", ["rows"] = Array.Empty<JsonNode>() });

        var reparsed = JsonNode.Parse(card.ToJsonString(LineJson.Options))!;
        var contents = reparsed["body"]!["contents"]!.AsArray();
        Assert.Single(contents);
        Assert.Equal($"ชื่อ: {name} (กองคลัง)", contents[0]!["text"]!.GetValue<string>());
        Assert.Equal(["type", "text"], contents[0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void RowsAreSplicedInFromTheirOwnTemplate()
    {
        var rows = new[] { "หนึ่ง", "{{name}}" }.Select(t => (JsonNode)Templates.Render("row", new Dictionary<string, object?> { ["text"] = t, ["color"] = "#000000" })).ToList();

        var card = Templates.Render("card", new Dictionary<string, object?> { ["name"] = "x", ["unit"] = "y", ["rows"] = rows });

        var texts = card["body"]!["contents"]!.AsArray().Select(n => n!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["ชื่อ: x (y)", "หนึ่ง", "{{name}}"], texts);
    }

    [Fact]
    public void AnEmptyTextBecomesADashBecauseLineRefusesEmptyText()
    {
        Assert.Equal("-", Templates.Render("empty", new Dictionary<string, object?> { ["text"] = "" })["text"]!.GetValue<string>());
    }

    [Fact]
    public void AMissingValueIsAProgrammingErrorNotASilentBlank()
    {
        Assert.Throws<InvalidOperationException>(() => Templates.Render("card", new Dictionary<string, object?> { ["name"] = "x" }));
    }

    [Fact]
    public void TheShippedTemplatesAreAllLoaded()
    {
        var templates = FlexTemplates.Load();

        Assert.Subset(templates.Names.ToHashSet(), new HashSet<string>
        {
            "unit-card", "measure-row", "measure-row-locked", "measure-card", "detail-row", "status-buttons", "footer-note",
            "report-summary", "report-summary-units", "report-summary-unit-row", "report-summary-owing-row", "report-summary-note", "report-summary-status-row",
        });
    }

    [Fact]
    public async Task AUnitWithFortyMeasuresRendersAcrossBubblesInACarouselThatLineAccepts()
    {
        await using var h = await StartAsync();
        await AddMeasuresAsync(h, "กองคลัง", 40);
        await h.BindGroupsAsync();

        // SendAsync fails the test if the fake LINE server finds anything LINE would refuse.
        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        // One reply (at most five messages), every message a carousel inside LINE's limits.
        var carousels = answer.Flex().Select(m => m["contents"]!).ToList();
        Assert.InRange(carousels.Count, 1, 5);
        Assert.Equal(answer.Count, carousels.Count);
        var bubbles = carousels.SelectMany(c => c["contents"]!.AsArray()).ToList();
        Assert.All(carousels, c => Assert.Equal("carousel", c["type"]!.GetValue<string>()));
        Assert.All(carousels, c => Assert.True(ItaBot.Line.FlexPacking.Bytes(c) <= 50 * 1024 && c["contents"]!.AsArray().Count <= 12));
        Assert.All(bubbles, b => Assert.True(ItaBot.Line.FlexPacking.Bytes(b!) <= 30 * 1024));
        Assert.InRange(bubbles.Count, 5, 10);
        Assert.Contains($"หน้า ๑/{ItaBot.Thai.ThaiDigits.ToThai(bubbles.Count)}", bubbles[0]!.ToJsonString(LineJson.Options));
        Assert.Empty(h.Line.Pushes);
        // Every measure appears once: the 3 seeded ones and the 40 added.
        Assert.Equal(43, Sent.Actions(carousels).Count(a => a["displayText"]!.GetValue<string>().EndsWith(" เสร็จแล้ว", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AVeryLargeUnitIsSplitOverSeveralCarouselMessages()
    {
        await using var h = await StartAsync();
        await AddMeasuresAsync(h, "กองช่าง", 150);
        await h.BindGroupsAsync();

        await h.SayAsync(InWorksGroup(WorksHeadId), "สถานะ");
        // Five messages go in the reply; LINE allows no more, so the rest follow as a push.
        await h.PushesToAsync(WorksGroupId);

        var carousels = h.Line.MessagesTo(WorksGroupId).Flex().Select(m => m["contents"]!).ToList();
        Assert.Equal(5, h.Line.Replies.Last(r => r.ChatId == WorksGroupId).Messages.Count);
        Assert.True(carousels.Count > 5, "more than one reply's worth of carousels");
        Assert.All(carousels, c => Assert.InRange(c["contents"]!.AsArray().Count, 1, ItaBot.Line.FlexPacking.MaxBubblesPerCarousel));
        Assert.Equal(152, Sent.Actions(carousels).Count(a => a["displayText"]!.GetValue<string>().EndsWith(" เสร็จแล้ว", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NamesWithQuotesAndBracesReachLineIntact()
    {
        await using var h = await StartAsync();
        await h.InDbAsync(async db =>
        {
            var unit = db.Units.Single(u => u.Name == "กองคลัง");
            unit.Name = "กองคลัง \"พิเศษ\" {{unit}} \\";
            var m1 = db.Measures.Single(m => m.Code == "M1");
            m1.Title = "เผยแพร่ \"แผน\" {{title}} \\ </b>";
            await db.SaveChangesAsync();
        });
        await h.SayAsync(InFinanceGroup(AdminId), "ผูกกลุ่ม คลัง");

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        var json = answer.Flex().Single().ToJsonString(LineJson.Options);
        Assert.Contains("กองคลัง \\\"พิเศษ\\\" {{unit}} \\\\", json);
        Assert.Contains("M1 เผยแพร่ \\\"แผน\\\" {{title}} \\\\ </b>", json);
    }

    static Task AddMeasuresAsync(ChatHarness h, string unitName, int count) => h.InDbAsync(async db =>
    {
        var unit = db.Units.Single(u => u.Name == unitName);
        var org = db.Organizations.Single();
        for (var i = 0; i < count; i++)
        {
            db.Measures.Add(new Measure
            {
                OrganizationId = org.Id, FiscalYear = 2568, Code = $"M{100 + i}", Order = 100 + i,
                Title = $"มาตรการที่ {i + 1} ส่งเสริมการเปิดเผยข้อมูลสาธารณะและการมีส่วนร่วมของประชาชนในการตรวจสอบการดำเนินงานของหน่วยงาน \"ตามแผน\" ปีงบประมาณ ๒๕๖๘",
                Responsible = [new MeasureUnit { UnitId = unit.Id }],
            });
        }
        await db.SaveChangesAsync();
    });
}
