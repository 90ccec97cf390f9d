using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Who may change a measure, and buttons that cannot be forged, replayed elsewhere or used stale.</summary>
public sealed class AuthorizationTests
{
    const string Refusal = "เฉพาะสมาชิกกลุ่มของกองคลัง ผู้ที่ลงทะเบียนกับกองคลัง หรือผู้ดูแลระบบ เท่านั้นที่แก้ไขสถานะมาตรการ M1 ได้";

    [Fact]
    public async Task SomeoneWithNoTieToTheUnitIsRefusedPolitelyAndToldWhoCan()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(Direct(StrangerId), "M1 เสร็จแล้ว");

        Assert.Contains(Refusal, answer.Text());
        Assert.Contains("ลงทะเบียน กองคลัง", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AnotherUnitsGroupCannotChangeTheMeasure()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InWorksGroup(WorksHeadId), "M1 เสร็จแล้ว");

        Assert.Contains(Refusal, answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AMeasureSharedByTwoUnitsCanBeChangedFromEitherUnitsGroup()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        await h.SayAsync(InWorksGroup(WorksHeadId), "M3 กำลังทำ");

        Assert.Equal(MeasureStatus.InProgress, (await h.LatestAsync("M3"))?.Status);
    }

    [Fact]
    public async Task AMemberSeenInTheUnitsGroupMayReportInOneToOneChat()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "สวัสดีครับ");

        await h.SayAsync(Direct(FinanceHeadId), "M2 กำลังทำ");

        var report = (await h.LatestAsync("M2"))!;
        Assert.Equal((MeasureStatus.InProgress, FinanceHeadId), (report.Status, report.ChatId));
    }

    [Fact]
    public async Task AnAdministratorMayChangeAnyMeasureFromAnywhere()
    {
        await using var h = await StartAsync();

        await h.SayAsync(Direct(AdminId), "M4 เสร็จแล้ว");

        Assert.Equal(MeasureStatus.Done, (await h.LatestAsync("M4"))?.Status);
    }

    [Fact]
    public async Task AMessageWithoutASenderCannotChangeAnything()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(WebhookSource.Group(FinanceGroupId), "M1 เสร็จแล้ว");

        Assert.Contains("LINE ไม่ได้บอกว่าใครส่ง", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AButtonCopiedIntoAnotherChatDoesNothingEvenForSomeoneAllowedThere()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var financeCard = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        // M3 belongs to both units, so the works head may change it, but not with the finance group's button.
        var answer = await h.TapAsync(InWorksGroup(WorksHeadId), financeCard.Button("M3 เสร็จแล้ว"));

        Assert.Contains("มาจากการ์ดของแชทอื่น", answer.Text());
        Assert.Empty(await h.ReportsAsync("M3"));
    }

    [Fact]
    public async Task AnEditedButtonCannotChangeAnotherMeasure()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");
        var m4 = await h.InDbAsync(db => db.Measures.Where(m => m.Code == "M4").Select(m => m.Id).SingleAsync());
        var m1 = await h.InDbAsync(db => db.Measures.Where(m => m.Code == "M1").Select(m => m.Id).SingleAsync());
        var forged = card.Button("M1 เสร็จแล้ว").Replace($"m={m1}&", $"m={m4}&");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), forged);

        Assert.Contains("ปุ่มนี้ใช้ไม่ได้", answer.Text());
        Assert.Empty(await h.ReportsAsync("M4"));
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AButtonWithAnotherStatusWrittenInIsRefused()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M1 ทำไม่ได้").Replace("s=C", "s=D"));

        Assert.Contains("ปุ่มนี้ใช้ไม่ได้", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AnOldButtonIsRefusedWithAFriendlyWordAndAFreshCardIsOneTapAway()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");
        h.Time.Advance(TimeSpan.FromDays(31));

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M1 เสร็จแล้ว"));

        Assert.Contains("เก่าเกินไป", answer.Text());
        Assert.Equal(["สถานะ"], answer.QuickReplies());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AButtonOfAClosedRoundCannotChangeIt()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(InFinanceGroup(FinanceHeadId), "สถานะ");
        await h.SayAsync(Direct(AdminId), "ปิดรอบ");

        var answer = await h.TapAsync(InFinanceGroup(FinanceHeadId), card.Button("M1 เสร็จแล้ว"));

        Assert.Contains("ปิดแล้ว", answer.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task AnAuthorizedButtonIsStillCheckedForWhoPressesIt()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var card = await h.SayAsync(Direct(AdminId), "สถานะ กองคลัง");

        // A card the administrator opened in their own chat, replayed by a stranger in theirs: another chat, refused;
        // the stranger's own card for the unit has buttons, but pressing them is not authorized.
        var replayed = await h.TapAsync(Direct(StrangerId), card.Button("M1 เสร็จแล้ว"));
        var own = await h.SayAsync(Direct(StrangerId), "สถานะ กองคลัง");
        var pressed = await h.TapAsync(Direct(StrangerId), own.Button("M1 เสร็จแล้ว"));

        Assert.Contains("มาจากการ์ดของแชทอื่น", replayed.Text());
        Assert.Contains(Refusal, pressed.Text());
        Assert.Empty(await h.ReportsAsync("M1"));
    }

    [Fact]
    public async Task ADoneMeasureStaysDoneUntilAnAdministratorReopensIt()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 เสร็จแล้ว");
        await h.SayAsync(group, "ข้าม");
        // The reporter may change their own Done for 30 minutes; after that it stays.
        h.Time.Advance(TimeSpan.FromMinutes(31));

        var refused = await h.SayAsync(group, "M1 กำลังทำ");
        var notAdmin = await h.SayAsync(group, "เปิดมาตรการ M1");
        var card = await h.SayAsync(group, "สถานะ");
        var reopened = await h.SayAsync(InFinanceGroup(AdminId), "เปิดมาตรการ M1");
        await h.SayAsync(group, "M1 กำลังทำ");

        Assert.Contains("สถานะจึงคงไว้", refused.Text());
        Assert.Contains("เปิดมาตรการ M1", refused.Text());
        Assert.Contains("เฉพาะผู้ดูแลระบบ", notAdmin.Text());
        Assert.Throws<InvalidOperationException>(() => card.Button("M1 อยู่ระหว่างดำเนินการ"));
        Assert.NotEmpty(card.Button("M2 อยู่ระหว่างดำเนินการ"));
        Assert.Contains("เปิด M1 ให้เปลี่ยนสถานะได้อีกครั้ง", reopened.Text());
        Assert.Equal(MeasureStatus.InProgress, (await h.LatestAsync("M1"))!.Status);
        var reopening = await h.InDbAsync(db => db.MeasureReopenings.SingleAsync());
        Assert.Equal((AdminId, FinanceGroupId), (reopening.ByUserId, reopening.ChatId));
    }

    [Fact]
    public async Task ReportingDoneAgainOnADoneMeasureAddsToIt()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 เสร็จแล้ว");
        await h.SayAsync(group, "ยกเลิก");

        await h.SayAsync(group, "M1 เสร็จแล้ว เผยแพร่บนเว็บไซต์แล้ว");

        Assert.Equal("เผยแพร่บนเว็บไซต์แล้ว", (await h.LatestAsync("M1"))!.Result);
    }

    [Fact]
    public async Task BindingIsForAdministratorsAndRecordsWhoWhereAndWhen()
    {
        await using var h = await StartAsync();

        var refused = await h.SayAsync(InFinanceGroup(FinanceHeadId), "ผูกกลุ่ม กองคลัง");
        var bound = await h.SayAsync(InFinanceGroup(AdminId), "bind คลัง");

        Assert.Contains("เฉพาะผู้ดูแลระบบ", refused.Text());
        Assert.Contains("ผูกกลุ่มนี้กับ กองคลัง แล้ว", bound.Text());
        var audit = await h.InDbAsync(db => db.ChatAudit.SingleAsync());
        Assert.Equal(("bind", AdminId, FinanceGroupId, h.Time.GetUtcNow().UtcDateTime, "กองคลัง"),
            (audit.Action, audit.UserId, audit.ChatId, audit.AtUtc, audit.Detail));
        var binding = await h.InDbAsync(db => db.ChatUnits.SingleAsync());
        Assert.Equal(AdminId, binding.BoundByUserId);
    }
}
