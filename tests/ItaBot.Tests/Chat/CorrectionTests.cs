using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Chat;

/// <summary>
/// Taking back and changing what was recorded, through the signed webhook: the confirmation's undo button, a LINE
/// message edited (the latest edit wins, whatever order the edits arrive in) or unsent. What is withdrawn stays in
/// the history and is never in the round's report.
/// </summary>
public sealed class CorrectionTests
{
    static async Task<RoundReport> ReportAsync(ChatHarness h)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var org = await db.Organizations.SingleAsync();
        var round = (await Rounds.CurrentAsync(db, org.Id, default))!;
        return await scope.ServiceProvider.GetRequiredService<RoundReportCompiler>().CompileAsync(round);
    }

    static MeasureLine Line(RoundReport report, string code) => report.Measures.Single(m => m.Code == code);

    [Fact]
    public async Task TheUndoButtonWorksForTheReporterOnlyAndOnlyInTime()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        var recorded = await h.SayAsync(reporter, "M1 เสร็จแล้วค่ะ");
        var undo = recorded.Button("ยกเลิกรายงาน");

        var byOther = await h.TapAsync(InFinanceGroup(StrangerId), undo);
        var stillThere = (await h.LatestAsync("M1"))!;
        var byReporter = await h.TapAsync(reporter, undo);
        var again = await h.TapAsync(reporter, undo);

        Assert.Contains("เฉพาะผู้ที่รายงาน", byOther.Text());
        Assert.False(stillThere.IsWithdrawn());
        Assert.Contains("ยกเลิกรายงานแล้ว", byReporter.Text());
        Assert.Contains("ยกเลิกไปแล้ว", again.Text());
        var entry = Assert.Single(await h.ReportsAsync("M1"));
        Assert.Equal(WithdrawalReason.Undone, entry.WithdrawnReason);
        Assert.Equal(ReportStatus.AwaitingReport, Line(await ReportAsync(h), "M1").Status);

        var late = await h.SayAsync(reporter, "M2 เสร็จแล้วค่ะ");
        h.Time.Advance(TimeSpan.FromMinutes(31));
        var tooLate = await h.TapAsync(reporter, late.Button("ยกเลิกรายงาน"));

        Assert.Contains("เปิดมาตรการ", tooLate.Text());
        Assert.False((await h.LatestAsync("M2"))!.IsWithdrawn());
    }

    [Fact]
    public async Task ANewStatusWithinTheCorrectionTimeChangesDoneAfterItDoneStaysLocked()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(reporter, "M1 เสร็จแล้วค่ะ");
        await h.SayAsync(reporter, "ข้าม");
        await h.SayAsync(reporter, "ข้าม");

        h.Time.Advance(TimeSpan.FromMinutes(5));
        var changed = await h.SayAsync(reporter, "M1 กำลังดำเนินการค่ะ พิมพ์ผิด");
        await h.SayAsync(reporter, "ข้าม");
        await h.SayAsync(reporter, "M2 เสร็จแล้วค่ะ");
        h.Time.Advance(TimeSpan.FromMinutes(31));
        var locked = await h.SayAsync(reporter, "M2 กำลังดำเนินการค่ะ");

        Assert.Contains("M1 อยู่ระหว่างการดำเนินการ", changed.Text());
        Assert.Equal(ReportStatus.InProgress, Line(await ReportAsync(h), "M1").Status);
        Assert.Contains("เปิดมาตรการ", locked.Text());
        Assert.Equal(MeasureStatus.Done, (await h.LatestAsync("M2"))!.Status);
    }

    [Fact]
    public async Task AnEditedMessageIsReadAgainAndSupersedesWhatItRecorded()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        var original = h.Signer.TextMessage(reporter, "M1 เสร็จแล้วค่ะ");
        await h.SendAsync(original);
        await h.SayAsync(reporter, "จัดอบรม 2 ครั้ง");

        var pushesBefore = h.Line.Pushes.Count(p => p.To == FinanceGroupId);
        await h.SendAsync(h.Signer.MessageEdited(reporter, original.MessageId(), "M1 กำลังดำเนินการค่ะ", h.Time.GetUtcNow().AddSeconds(20)));
        var told = (await h.PushesToAsync(FinanceGroupId, pushesBefore + 1)).Last();

        var pushed = string.Join("\n", h.Line.Pushes.Where(p => p.To == FinanceGroupId).SelectMany(p => p.Messages).Select(FakeLineServer.Readable));
        Assert.True(pushed.Contains("ข้อความถูกแก้", StringComparison.Ordinal), pushed);
        var all = await h.ReportsAsync("M1");
        // The Done entry and its answer are withdrawn (kept in the history); the edit's own reading is the new record.
        Assert.Equal([(MeasureStatus.Done, WithdrawalReason.Edited), (MeasureStatus.Done, WithdrawalReason.Edited)],
            all.Take(2).Select(r => (r.Status, r.WithdrawnReason!.Value)));
        var now = all.Last();
        Assert.Equal((MeasureStatus.InProgress, original.MessageId(), false), (now.Status, now.SourceMessageId, now.IsWithdrawn()));
        var line = Line(await ReportAsync(h), "M1");
        Assert.Equal(ReportStatus.InProgress, line.Status);
        Assert.Empty(line.Results);
    }

    [Fact]
    public async Task TheLatestEditWinsWhateverOrderTheEditsArriveIn()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        var original = h.Signer.TextMessage(reporter, "M1 ยังไม่ได้เริ่มค่ะ");
        await h.SendAsync(original);
        var start = h.Time.GetUtcNow();

        await h.SendAsync(h.Signer.MessageEdited(reporter, original.MessageId(), "M1 กำลังดำเนินการค่ะ", start.AddMinutes(2)));
        await h.SendAsync(h.Signer.MessageEdited(reporter, original.MessageId(), "M1 เสร็จแล้วค่ะ", start.AddMinutes(1)));

        var standing = (await h.ReportsAsync("M1")).Where(r => !r.IsWithdrawn()).ToList();
        Assert.Equal(MeasureStatus.InProgress, Assert.Single(standing).Status);
        Assert.Equal(ReportStatus.InProgress, Line(await ReportAsync(h), "M1").Status);
    }

    [Fact]
    public async Task AnEditIntoChatterWithdrawsTheRecordAndRecordsNothing()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        var original = h.Signer.TextMessage(reporter, "M2 เสร็จแล้วครับ");
        await h.SendAsync(original);

        await h.SendAsync(h.Signer.MessageEdited(reporter, original.MessageId(), "M2 เสร็จหรือยังครับ", h.Time.GetUtcNow().AddSeconds(10)));

        Assert.True(Assert.Single(await h.ReportsAsync("M2")).IsWithdrawn());
        Assert.Equal(ReportStatus.AwaitingReport, Line(await ReportAsync(h), "M2").Status);
    }

    [Fact]
    public async Task AnUnsentMessageWithdrawsItsRecordAndALaterEditOfItIsIgnored()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        var original = h.Signer.TextMessage(reporter, "M3 ทำไม่ได้ เพราะยังไม่ได้รับงบประมาณ");
        await h.SendAsync(original);

        await h.SendAsync(h.Signer.Unsend(reporter, original.MessageId()));
        await h.SendAsync(h.Signer.MessageEdited(reporter, original.MessageId(), "M3 เสร็จแล้ว", h.Time.GetUtcNow().AddMinutes(1)));

        var entry = Assert.Single(await h.ReportsAsync("M3"));
        Assert.Equal(WithdrawalReason.Unsent, entry.WithdrawnReason);
        Assert.Equal("ยังไม่ได้รับงบประมาณ", entry.ReasonText);
        Assert.Equal(ReportStatus.AwaitingReport, Line(await ReportAsync(h), "M3").Status);
        Assert.Empty(await h.InDbAsync(db => db.PendingQuestions.ToListAsync()));
    }

    [Fact]
    public async Task SomeoneElsesUnsentMessageWithdrawsNothing()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var original = h.Signer.TextMessage(InFinanceGroup(FinanceHeadId), "M1 เสร็จแล้วค่ะ");
        await h.SendAsync(original);

        await h.SendAsync(h.Signer.Unsend(InWorksGroup(FinanceHeadId), original.MessageId()));

        Assert.False(Assert.Single(await h.ReportsAsync("M1")).IsWithdrawn());
    }

    [Fact]
    public async Task CancelQuotingTheBotsConfirmationTakesTheRecordBack()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        var reporter = InFinanceGroup(FinanceHeadId);
        await h.SayAsync(reporter, "M1 กำลังดำเนินการค่ะ");
        var confirmation = h.Line.LastSentMessageId(FinanceGroupId)!;
        await h.SayAsync(InFinanceGroup(StrangerId), "วันนี้ประชุมกี่โมงคะ");

        var undone = await h.SendAsync(h.Signer.TextMessage(reporter, "ขอยกเลิกอันนี้ค่ะ กดผิด", quotedMessageId: confirmation));

        Assert.Contains("ยกเลิกรายงานแล้ว", undone.Text());
        Assert.True(Assert.Single(await h.ReportsAsync("M1")).IsWithdrawn());
    }
}
