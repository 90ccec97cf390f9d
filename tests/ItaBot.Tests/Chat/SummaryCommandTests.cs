using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>รายงาน ๖/๑๒ เดือน (a chosen round's summary) and ส่งสรุปไปกลุ่ม (the summary pushed to another group).</summary>
public sealed class SummaryCommandTests
{
    [Theory]
    [InlineData("รายงาน ๑๒ เดือน")]
    [InlineData("รายงาน 12 เดือน")]
    [InlineData("report 12m")]
    [InlineData("รายงาน ๑๒ เดือน ๒๕๖๘")]
    public async Task TheTwelveMonthReportSummarisesTheTwelveMonthRoundNotTheCurrentOne(string command)
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var current = (await h.SayAsync(Direct(AdminId), "สรุป")).Text();
        var twelve = (await h.SayAsync(Direct(AdminId), command)).Text();

        Assert.Contains("📊 สรุปรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘", current);
        Assert.Contains("เสร็จแล้ว 1/4 มาตรการ", current);
        // The 12-month round covers the whole fiscal year: the Done given in the 6-month round counts there too.
        Assert.Contains("📊 สรุปรอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘", twelve);
        Assert.Contains("เสร็จแล้ว 1/4 มาตรการ", twelve);
        Assert.Contains("• กองคลัง: M2, M3", twelve);
    }

    [Theory]
    [InlineData("รายงาน ๖ เดือน")]
    [InlineData("รายงาน 6 เดือน")]
    [InlineData("report 6m 2568")]
    public async Task TheSixMonthReportSummarisesTheSixMonthRound(string command)
    {
        await using var h = await StartAsync();

        var answer = (await h.SayAsync(Direct(AdminId), command)).Text();

        Assert.Contains("📊 สรุปรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘", answer);
    }

    [Fact]
    public async Task AClosedRoundsSummarySaysItIsClosedAndListsWhoDidNotReportRatherThanWhoIsStillTo()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");
        var open = (await h.SayAsync(Direct(AdminId), "รายงาน ๖ เดือน")).Text();

        await h.SayAsync(Direct(AdminId), "ปิดรอบ ๖ เดือน");
        var closed = (await h.SayAsync(Direct(AdminId), "รายงาน ๖ เดือน")).Text();

        Assert.Contains("ยังเปิดรับรายงาน", open);
        Assert.Contains("\nยังไม่รายงาน\n• กองคลัง: M2, M3", open);
        Assert.Contains("ปิดรอบแล้ว", closed);
        Assert.Contains("\nไม่ได้รายงานภายในรอบ\n• กองคลัง: M2, M3", closed);
        Assert.DoesNotContain("ยังไม่รายงาน", closed);
    }

    [Fact]
    public async Task WithAPublicAddressTheRoundReportIsAFlexCardLinkingToThatRound()
    {
        await using var h = await StartAsync(seed: true, ("Reports:PublicBaseUrl", "https://ita.example.go.th"));

        var card = Assert.Single((await h.SayAsync(Direct(AdminId), "report 12m")).Flex());

        Assert.Contains("https://ita.example.go.th/r/", card.ToJsonString());
        Assert.Contains("ปีงบประมาณ 2568 รอบ 12 เดือน", card["altText"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnUnknownRoundListsTheRoundsThatExist()
    {
        await using var h = await StartAsync();

        var answer = await h.SayAsync(Direct(AdminId), "รายงาน 6 เดือน 2567");

        Assert.Contains("ไม่พบรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๗", answer.Text());
        Assert.Contains("• รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘", answer.Text());
        Assert.Equal(["รายงาน ๖ เดือน ๒๕๖๘", "รายงาน ๑๒ เดือน ๒๕๖๘"], answer.QuickReplies());
    }

    [Fact]
    public async Task SendingTheSummaryToAUnitsGroupPushesItThereAndTellsTheAdministrator()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        var answer = await h.SayAsync(Direct(AdminId), "ส่งสรุปไปกลุ่ม กองช่าง");
        var push = Assert.Single(await h.PushesToAsync(WorksGroupId));

        Assert.Contains("ส่งสรุปไปกลุ่ม กองช่าง แล้ว", answer.Text());
        var pushed = push.Messages.Text();
        Assert.Contains("📊 สรุปรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘", pushed);
        Assert.Contains("เสร็จแล้ว 1/4 มาตรการ", pushed);
        Assert.DoesNotContain("Reports__PublicBaseUrl", pushed);
        Assert.DoesNotContain(h.Line.Pushes, p => p.To == FinanceGroupId);
        Assert.Empty(h.Line.ValidationErrors);
        Assert.Equal(1, await h.InDbAsync(db => db.ChatAudit.CountAsync(a => a.Action == "send-summary")));
    }

    [Fact]
    public async Task TheAdministratorGroupIsNamedผู้ดูแลAndGetsTheFlexSummary()
    {
        await using var h = await StartAsync(seed: true, ("Reports:PublicBaseUrl", "https://ita.example.go.th"));
        await h.BindGroupsAsync();
        await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");

        var answer = await h.SayAsync(InFinanceGroup(AdminId), "send summary to admin");
        var push = Assert.Single(await h.PushesToAsync(AdminGroupId));

        Assert.Contains("ส่งสรุปไปกลุ่ม ผู้ดูแล แล้ว", answer.Text());
        Assert.Contains("https://ita.example.go.th/r/", Assert.Single(push.Messages.Flex()).ToJsonString());
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task AnUnknownGroupIsAskedBackWithTheKnownGroupsAndNothingIsSent()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(Direct(AdminId), "ส่งสรุปไปกลุ่ม กองสวัสดิการ");

        Assert.Contains("ไม่พบกลุ่ม \"กองสวัสดิการ\"", answer.Text());
        Assert.Contains("• กองคลัง", answer.Text());
        Assert.Contains("• กองช่าง", answer.Text());
        Assert.Equal(["ส่งสรุปไปกลุ่ม กองคลัง", "ส่งสรุปไปกลุ่ม กองช่าง"], answer.QuickReplies());
        Assert.Empty(h.Line.Pushes);
    }

    [Fact]
    public async Task AUnitBoundToTwoGroupsIsAskedBackNeverGuessed()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InWorksGroup(AdminId), "ผูกกลุ่ม กองช่าง, กองคลัง");

        var answer = await h.SayAsync(Direct(AdminId), "ส่งสรุปไปกลุ่ม คลัง");

        Assert.Contains("ตรงกับหลายกลุ่ม", answer.Text());
        Assert.Contains("• กองคลัง, กองช่าง", answer.Text());
        Assert.Equal(["ส่งสรุปไปกลุ่ม กองช่าง"], answer.QuickReplies());
        Assert.Empty(h.Line.Pushes);
    }

    [Fact]
    public async Task AGroupAnAdministratorNamedReceivesTheSummaryByThatName()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var executives = LineIds.Group("กลุ่มผู้บริหาร");

        var named = await h.SayAsync(WebhookSource.Group(executives, AdminId), "ตั้งชื่อกลุ่ม ผู้บริหาร");
        var answer = await h.SayAsync(Direct(AdminId), "ส่งสรุปไปกลุ่ม ผู้บริหาร");

        Assert.Contains("ตั้งชื่อกลุ่มนี้ว่า \"ผู้บริหาร\" แล้ว", named.Text());
        Assert.Contains("ส่งสรุปไปกลุ่ม ผู้บริหาร แล้ว", answer.Text());
        Assert.Contains("📊 สรุปรอบ ๖ เดือน", Assert.Single(await h.PushesToAsync(executives)).Messages.Text());
        Assert.Empty(h.Line.ValidationErrors);
    }

    [Fact]
    public async Task OnlyAnAdministratorCanNameAGroup()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var executives = LineIds.Group("กลุ่มผู้บริหาร");

        var refused = await h.SayAsync(WebhookSource.Group(executives, StrangerId), "ตั้งชื่อกลุ่ม ผู้บริหาร");
        var answer = await h.SayAsync(Direct(AdminId), "ส่งสรุปไปกลุ่ม ผู้บริหาร");

        Assert.Contains("ผู้ดูแล", refused.Text());
        Assert.Contains("ไม่พบกลุ่ม \"ผู้บริหาร\"", answer.Text());
        Assert.Empty(await h.InDbAsync(db => db.LineChats.Where(c => c.Name != null).ToListAsync()));
        Assert.Empty(h.Line.Pushes);
    }
}
