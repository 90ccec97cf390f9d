using ItaBot.Chat;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>Pending questions: stored per chat and person, expiring, surviving restarts; แก้ไข and ยกเลิก.</summary>
public sealed class ConversationTests
{
    [Fact]
    public async Task APendingQuestionAndTheCardsButtonsSurviveAnAppRestart()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        var card = await h.SayAsync(group, "สถานะ");
        await h.SayAsync(group, "M1 กำลังทำ");

        await h.RestartAsync();
        var answered = await h.SayAsync(group, "ร่างแผนเสร็จ 50%");
        var tapped = await h.TapAsync(group, card.Button("M2 เสร็จแล้ว"));

        Assert.Contains("ลิงก์หลักฐาน", answered.Text());
        Assert.Equal("ร่างแผนเสร็จ 50%", (await h.LatestAsync("M1"))!.Result);
        Assert.Contains("บันทึกแล้ว: M2 ดำเนินการแล้วเสร็จ", tapped.Text());
    }

    [Fact]
    public async Task AnExpiredQuestionIsNotAnsweredByLaterChatter()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 กำลังทำ");

        h.Time.Advance(TimeSpan.FromMinutes(31));
        var answer = await h.SayAsync(group, "ไปกินข้าวกันครับ");

        Assert.Empty(answer);
        Assert.Null((await h.LatestAsync("M1"))!.Result);
        Assert.Empty(await h.InDbAsync(db => db.PendingQuestions.ToListAsync()));
    }

    [Fact]
    public async Task TheExpiryIsConfigurable()
    {
        await using var h = await StartAsync(seed: true, ("Chat:PendingQuestionMinutes", "5"));
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 กำลังทำ");

        h.Time.Advance(TimeSpan.FromMinutes(6));
        await h.SayAsync(group, "ร่างแผนแล้ว");

        Assert.Null((await h.LatestAsync("M1"))!.Result);
    }

    [Fact]
    public async Task QuestionsArePerPersonSoSomeoneElsesMessageIsNotTakenAsTheAnswer()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InFinanceGroup(FinanceHeadId), "M1 กำลังทำ");

        var other = await h.SayAsync(InFinanceGroup(StrangerId), "ใครเอารถไปครับ");

        Assert.Empty(other);
        Assert.Null((await h.LatestAsync("M1"))!.Result);
        var pending = await h.InDbAsync(db => db.PendingQuestions.SingleAsync());
        Assert.Equal((FinanceHeadId, FinanceGroupId, nameof(QuestionKind.FollowUp)), (pending.UserId, pending.ChatId, pending.Kind));
    }

    [Fact]
    public async Task CancelRightAfterARecordTakesItBackAndKeepsTheHistory()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 กำลังทำ");

        var cancelled = await h.SayAsync(group, "ยกเลิก");
        var chatter = await h.SayAsync(group, "โอเคครับ");

        Assert.Contains("ยกเลิกรายงานแล้ว", cancelled.Text());
        Assert.Contains($"M1 สถานะตอนนี้: {StatusNames.AwaitingReport}", cancelled.Text());
        Assert.Empty(chatter);
        var entry = Assert.Single(await h.ReportsAsync("M1"));
        Assert.Equal((WithdrawalReason.Undone, FinanceHeadId), (entry.WithdrawnReason, entry.WithdrawnByUserId));
        Assert.Empty(await h.InDbAsync(db => db.PendingQuestions.ToListAsync()));
    }

    [Fact]
    public async Task AfterTheCorrectionTimeCancelSaysWhoCanReopenAndChangesNothing()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 เสร็จแล้ว");
        h.Time.Advance(TimeSpan.FromMinutes(31));

        var late = await h.SayAsync(group, "ยกเลิก");

        Assert.Contains("เปิดมาตรการ", late.Text());
        Assert.False((await h.LatestAsync("M1"))!.IsWithdrawn());
    }

    [Fact]
    public async Task EditReplacesTheResultAndLinkOfTheLastReport()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 เสร็จแล้ว จัดอบรม 1 ครั้ง https://example.go.th/old");

        var shown = await h.SayAsync(group, "แก้ไข");
        var edited = await h.SayAsync(group, "จัดอบรม 2 ครั้ง https://example.go.th/new");

        Assert.Contains("แก้ไขรายงานล่าสุดของ M1", shown.Text());
        Assert.Contains("ผล: จัดอบรม 1 ครั้ง", shown.Text());
        Assert.Contains("แก้ไขรายงาน M1 แล้ว", edited.Text());
        var latest = (await h.LatestAsync("M1"))!;
        Assert.Equal(("จัดอบรม 2 ครั้ง", MeasureStatus.Done), (latest.Result, latest.Status));
        Assert.Equal(["https://example.go.th/new"], latest.EvidenceUrls);
        Assert.Equal(["https://example.go.th/old"], (await h.ReportsAsync("M1"))[0].EvidenceUrls);
    }

    [Fact]
    public async Task EditWithNothingToEditSaysSo()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "แก้ไข");

        Assert.Contains("ยังไม่มีรายงานของคุณ", answer.Text());
    }

    [Fact]
    public async Task ANewStatusWhileAQuestionIsOpenStartsOver()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(group, "M1 กำลังทำ");

        await h.SayAsync(group, "M2 เสร็จแล้ว");
        await h.SayAsync(group, "ประกาศแล้ว");

        Assert.Null((await h.LatestAsync("M1"))!.Result);
        Assert.Equal("ประกาศแล้ว", (await h.LatestAsync("M2"))!.Result);
    }

    [Fact]
    public async Task InOneToOneChatUnknownTextGetsAHint()
    {
        await using var h = await StartAsync();

        var answer = await h.SayAsync(Direct(StrangerId), "สวัสดีครับ");

        Assert.Contains("ช่วยเหลือ", answer.QuickReplies());
    }
}
