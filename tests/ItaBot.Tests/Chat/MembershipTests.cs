using ItaBot.Line;
using ItaBot.Tests.Support.FakeLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Members are learned from events (LINE's member list needs a verified account).</summary>
public sealed class MembershipTests
{
    [Fact]
    public async Task FollowingTheBotGreetsWithHowToStart()
    {
        await using var h = await StartAsync();

        var answer = await h.SendAsync(h.Signer.Follow(StrangerId));

        Assert.Contains("ลงทะเบียน ชื่อหน่วยงาน", answer.Text());
    }

    [Fact]
    public async Task SomeoneWhoLeftTheUnitsGroupLosesTheRightToReportFromTheirOwnChat()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "สวัสดีครับ");

        await h.SendAsync(h.Signer.MemberLeft(WebhookSource.Group(FinanceGroupId), FinanceHeadId));
        var answer = await h.SayAsync(Direct(FinanceHeadId), "M1 เสร็จแล้ว");

        Assert.Contains("เฉพาะสมาชิกกลุ่มของกองคลัง", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task MembersWhoJoinAreRecordedWithoutAnAnswer()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var newcomer = LineIds.User("เจ้าหน้าที่ใหม่");

        var answer = await h.SendAsync(h.Signer.MemberJoined(WebhookSource.Group(FinanceGroupId), newcomer));

        Assert.Empty(answer);
        Assert.True(await h.InDbAsync(db => db.ChatMembers.AnyAsync(m => m.UserId == newcomer && m.Chat!.ChatId == FinanceGroupId && m.LeftAtUtc == null)));
    }

    [Fact]
    public async Task TheReportersLineNameIsLearnedFromTheProfileWhenLineHasIt()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        h.Line.AddGroupMember(FinanceGroupId, FinanceHeadId, "สมหญิง ใจดี");

        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้ว");

        Assert.Equal("สมหญิง ใจดี", (await h.LatestAsync("M1"))!.ReporterName);
    }

    [Fact]
    public async Task AGroupTheBotWasRemovedFromGetsNoReminders()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        await h.SendAsync(h.Signer.Leave(WebhookSource.Group(WorksGroupId)));
        var answer = await h.SayAsync(Direct(AdminId), "เตือนตอนนี้");

        Assert.Contains("ส่งเตือนแล้ว ๑ กลุ่ม", answer.Text());
        await h.PushesToAsync(FinanceGroupId);
        Assert.DoesNotContain(h.Line.Pushes, p => p.To == WorksGroupId);
    }
}
