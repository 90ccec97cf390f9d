using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>
/// How the bot reads group talk through the signed webhook: several measures in one message, a measure named by its
/// title, a code-less answer quoting a reminder, the bot mentioned, and follow-up questions that only their person
/// can answer.
/// </summary>
public sealed class GroupTalkTests
{
    [Fact]
    public async Task SeveralMeasuresInOneMessageAreEachRecordedWithTheirOwnWords()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "รายงานค่ะ\nM1 เสร็จแล้ว ลงเว็บเรียบร้อย\nM2 กำลังดำเนินการ รอผอ.ลงนาม");

        Assert.Contains("M1 ดำเนินการแล้วเสร็จ", answer.Text());
        Assert.Contains("M2 อยู่ระหว่างการดำเนินการ", answer.Text());
        var m1 = Assert.Single(await h.ReportsAsync("M1"));
        var m2 = Assert.Single(await h.ReportsAsync("M2"));
        Assert.Equal((MeasureStatus.Done, "ลงเว็บเรียบร้อย"), (m1.Status, m1.Result));
        Assert.Equal((MeasureStatus.InProgress, "รอผอ.ลงนาม"), (m2.Status, m2.Result));
        Assert.Equal(m1.SourceMessageId, m2.SourceMessageId);
    }

    [Fact]
    public async Task AMeasureNamedByItsTitleIsRecordedOnlyAfterTheReporterConfirms()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.InDbAsync(async db =>
        {
            var m2 = await db.Measures.SingleAsync(m => m.Code == "M2");
            m2.Title = "เปิดเผยรายงานการใช้จ่ายงบประมาณประจำปีให้ประชาชนตรวจสอบได้";
            await db.SaveChangesAsync();
        });
        var reporter = InFinanceGroup(FinanceHeadId);

        var asked = await h.SayAsync(reporter, "รายงานการใช้จ่ายงบประมาณประจำปี เสร็จแล้วค่ะ");
        var nothingYet = await h.ReportsAsync("M2");
        var someoneElse = await h.SayAsync(InFinanceGroup(StrangerId), "ใช่");
        var confirmed = await h.SayAsync(reporter, "ใช่ค่ะ");

        Assert.Contains("หมายถึง M2", asked.Text());
        Assert.Empty(nothingYet);
        Assert.Empty(someoneElse);
        Assert.Contains("บันทึกแล้ว", confirmed.Text());
        Assert.Equal(MeasureStatus.Done, Assert.Single(await h.ReportsAsync("M2")).Status);
    }

    [Fact]
    public async Task ACodelessAnswerQuotingAReminderIsAboutTheMeasureItAskedFor()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(reporter, "M1 เสร็จแล้ว");
        await h.SayAsync(reporter, "ข้าม");
        await h.SayAsync(reporter, "ข้าม");
        await h.SayAsync(reporter, "M2 เสร็จแล้ว");
        await h.SayAsync(reporter, "ข้าม");
        await h.SayAsync(reporter, "ข้าม");

        await h.SayAsync(Direct(AdminId), "เตือนตอนนี้");
        var reminder = Assert.Single(await h.PushesToAsync(FinanceGroupId));
        var reminderId = Assert.Single(reminder.SentMessageIds);
        await h.WaitUntilAsync(db => db.SentMessages.AnyAsync(m => m.MessageId == reminderId), "the reminder to be recorded as sent");
        // Well after the reminder, a code-less status is only a report when it quotes the reminder.
        h.Time.Advance(TimeSpan.FromHours(5));
        var unquoted = await h.SayAsync(InFinanceGroup(StrangerId), "เสร็จแล้วค่ะ");
        var quoted = await h.SendAsync(h.Signer.TextMessage(reporter, "ดำเนินการแล้วเสร็จค่ะ 🙏", quotedMessageId: reminderId));

        Assert.True(unquoted.Count == 0, "The bot answered a stranger's code-less message: " + string.Join(" | ", unquoted.Select(m => m.ToJsonString())));
        Assert.Contains("M3 ดำเนินการแล้วเสร็จ", quoted.Text());
        var m3 = Assert.Single(await h.ReportsAsync("M3"));
        Assert.Equal((MeasureStatus.Done, FinanceHeadId, null), (m3.Status, m3.ReporterLineUserId, m3.Result));
    }

    [Fact]
    public async Task AQuotedReplyToAColleagueIsNotForTheBot()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var colleague = h.Signer.TextMessage(InFinanceGroup(StrangerId), "พี่คะ เอกสารประชุมเสร็จหรือยังคะ");
        await h.SendAsync(colleague);

        var answer = await h.SendAsync(h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "เสร็จแล้วจ้า", quotedMessageId: colleague.MessageId()));

        Assert.Empty(answer);
        Assert.Empty(await h.InDbAsync(db => db.StatusReports.ToListAsync()));
    }

    [Fact]
    public async Task TheBotSpeaksInAGroupOnlyWhenMentionedOrQuoted()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var group = InFinanceGroup(FinanceHeadId);

        var unaddressed = await h.SayAsync(group, "ช่วยดูให้หน่อยครับ");
        var mentioned = await h.SayToBotAsync(group, "ช่วยดูให้หน่อยครับ");
        var quoted = await h.SendAsync(h.Signer.TextMessage(group, "ขอบคุณครับ", quotedMessageId: h.Line.LastSentMessageId(FinanceGroupId)));

        Assert.Empty(unaddressed);
        Assert.Contains("สถานะ", mentioned.Text());
        Assert.Empty(quoted);
    }

    [Fact]
    public async Task AFollowUpIsAnsweredOnlyByItsPersonWithSomethingMeaningful()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(reporter, "M1 เสร็จแล้วค่ะ");

        var sticker = await h.SendAsync(h.Signer.StickerMessage(reporter));
        var particles = await h.SayAsync(reporter, "ค่ะ 🙏🙏");
        var colleague = await h.SayAsync(InFinanceGroup(StrangerId), "จัดอบรมไป 3 รุ่นนะพี่");
        var answer = await h.SayAsync(reporter, "จัดอบรมเจ้าหน้าที่ 2 รุ่น ผู้เข้าร่วม 80 คน)");

        Assert.Empty(sticker);
        Assert.Empty(colleague);
        var all = await h.ReportsAsync("M1");
        Assert.Equal([null, "จัดอบรมเจ้าหน้าที่ 2 รุ่น ผู้เข้าร่วม 80 คน)"], all.Select(r => r.Result));
        Assert.DoesNotContain("ค่ะ", string.Join("|", all.Select(r => r.Result)));
        Assert.Contains("ลิงก์หลักฐาน", answer.Text());
        _ = particles;
    }

    [Fact]
    public async Task ACannotProceedReasonKeepsItsCodeBesideTheWordsAsWritten()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(reporter, "M3 ดำเนินการไม่ได้ค่ะ");

        await h.SayAsync(reporter, "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี");

        var all = await h.ReportsAsync("M3");
        var reason = all.Last();
        Assert.Equal((MeasureStatus.CannotProceed, CannotProceedReason.NoBudget, "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี"),
            (reason.Status, reason.Reason, reason.ReasonText));
    }
}
