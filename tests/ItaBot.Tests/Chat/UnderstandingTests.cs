using ItaBot.Chat;
using ItaBot.Chat.Understanding;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat;

/// <summary>The pure reading of a message: text and situation in, intent out; no database, no LINE.</summary>
public sealed class UnderstandingTests
{
    static readonly KnownMeasure[] Finance =
    [
        new(1, "M1", "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี และรายงานผลการจัดซื้อจัดจ้างรายเดือน"),
        new(2, "M2", "เปิดเผยรายงานการใช้จ่ายงบประมาณประจำปีให้ประชาชนตรวจสอบได้"),
        new(3, "M3", "จัดทำแผนปฏิบัติการป้องกันการทุจริตประจำปี"),
        new(4, "M4", "จัดประชุมประจำเดือนเพื่อทบทวนปัญหาและอุปสรรคในการปฏิบัติงาน"),
        new(12, "M1.2", "ประกาศราคากลางและข้อมูลโครงการก่อสร้างบนเว็บไซต์"),
    ];

    static readonly ChatSituation InGroup = new() { InGroup = true, Measures = Finance, OtherCodes = ["M8", "M9"] };

    static Intent Read(string text, ChatSituation? situation = null) => Understand.Message(text, situation ?? InGroup);

    static StatusItem Recorded(string text, ChatSituation? situation = null)
    {
        var intent = Assert.IsType<RecordStatuses>(Read(text, situation));
        return Assert.Single(intent.Items);
    }

    [Theory]
    [InlineData("M1 เสร็จแล้ว", 1, MeasureStatus.Done)]
    [InlineData("m1 done", 1, MeasureStatus.Done)]
    [InlineData("ม.๑ กำลังทำ", 1, MeasureStatus.InProgress)]
    [InlineData("ม1 อยู่ระหว่างดำเนินการ", 1, MeasureStatus.InProgress)]
    [InlineData("ม ๒ เสร็จ", 2, MeasureStatus.Done)]
    [InlineData("มาตรการ 3 ทำไม่ได้", 3, MeasureStatus.CannotProceed)]
    [InlineData("มาตรการที่ ๓ ไม่สามารถดำเนินการได้", 3, MeasureStatus.CannotProceed)]
    [InlineData("ข้อ 2 ดำเนินการแล้วเสร็จ", 2, MeasureStatus.Done)]
    [InlineData("ข้อที่2 ยังไม่ได้ดำเนินการ", 2, MeasureStatus.NotStarted)]
    [InlineData("M2 ยังไม่เริ่ม", 2, MeasureStatus.NotStarted)]
    [InlineData("1 done", 1, MeasureStatus.Done)]
    [InlineData("๑ เสร็จแล้ว", 1, MeasureStatus.Done)]
    [InlineData("4 in progress", 4, MeasureStatus.InProgress)]
    [InlineData("งั้น 4 กำลังดำเนินการนะ", 4, MeasureStatus.InProgress)]
    [InlineData("ส่วน 3 เสร็จแล้วค่ะ", 3, MeasureStatus.Done)]
    [InlineData("M4 not started", 4, MeasureStatus.NotStarted)]
    [InlineData("M3 cannot", 3, MeasureStatus.CannotProceed)]
    [InlineData("M 4 Done", 4, MeasureStatus.Done)]
    [InlineData("Ｍ４　ｄｏｎｅ", 4, MeasureStatus.Done)]
    [InlineData("M1.2 เสร็จแล้ว", 12, MeasureStatus.Done)]
    [InlineData("M01 เสร็จแล้ว", 1, MeasureStatus.Done)]
    [InlineData("เสร็จแล้ว M3", 3, MeasureStatus.Done)]
    [InlineData("ได้ดำเนินการ M4 เสร็จแล้ว", 4, MeasureStatus.Done)]
    [InlineData("M1 ดำเนินการเสร็จแล้วครับ", 1, MeasureStatus.Done)]
    [InlineData("M1 กําลังทํา", 1, MeasureStatus.InProgress)]
    [InlineData("M1 เสร็ดแล้วค่ะ", 1, MeasureStatus.Done)]
    [InlineData("M1 ดําเนินการเเล้วเสร็จ", 1, MeasureStatus.Done)]
    [InlineData("M1เสร็จแล้วจ้าาา", 1, MeasureStatus.Done)]
    [InlineData("M2 อยู่ระหว่างดำเนิการครับ", 2, MeasureStatus.InProgress)]
    public void AStatusStatedPlainlyIsRecorded(string text, int measure, MeasureStatus status)
    {
        var item = Recorded(text);

        Assert.Equal((measure, status), (item.MeasureId, item.Status));
    }

    [Theory]
    [InlineData("M1 เสร็จหรือยังคะ")]
    [InlineData("M1 เสร็จแล้วใช่ไหมคะ")]
    [InlineData("M1 เสร็จแล้วเหรอ")]
    [InlineData("ข้อ 2 เสร็จรึยังคะน้องแนน")]
    [InlineData("M1 เสร็จยัง")]
    [InlineData("M1 เสร็จแล้ว?")]
    [InlineData("M1 ดำเนินการแล้วเสร็จหรือไม่คะ")]
    [InlineData("M3 ถึงไหนแล้วคะ")]
    [InlineData("ผอ.ถามว่า M1 เสร็จยัง")]
    [InlineData("M1 เสร็จป่าว")]
    public void AQuestionRecordsNothingAndInAGroupGetsNoAnswer(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Fact]
    public void AQuestionAboutAMeasureSaidToTheBotShowsTheMeasure()
    {
        var intent = Read("M1 เสร็จหรือยัง", InGroup with { MentionsBot = true });

        Assert.Equal(1, Assert.IsType<ShowMeasure>(intent).MeasureId);
    }

    [Theory]
    [InlineData("M1 ใกล้เสร็จแล้วค่ะ")]
    [InlineData("M1 เกือบเสร็จแล้วค่ะ")]
    [InlineData("M2 น่าจะเสร็จอาทิตย์หน้าค่ะ")]
    [InlineData("M2 คาดว่าจะแล้วเสร็จสิ้นเดือนมีนาคม")]
    [InlineData("M2 ทำไปครึ่งนึงแล้วค่ะ")]
    [InlineData("M2 จะเสร็จพรุ่งนี้ค่ะ")]
    [InlineData("M2 ได้ 80% แล้วค่ะ")]
    [InlineData("M1 รอลงนามค่ะ")]
    public void ProgressAndWillBeDoneAreInProgressNeverDone(string text)
    {
        Assert.Equal(MeasureStatus.InProgress, Recorded(text).Status);
    }

    [Fact]
    public void AHedgeKeepsItsWordsAsTheResult()
    {
        Assert.Equal("คาดว่าจะแล้วเสร็จสิ้นเดือนมีนาคม", Recorded("M2 คาดว่าจะแล้วเสร็จสิ้นเดือนมีนาคม").Text);
        Assert.Null(Recorded("M1 ใกล้เสร็จแล้วค่ะ").Text);
    }

    [Theory]
    [InlineData("M1 น่าจะเสร็จแล้วนะคะ ไม่แน่ใจ")]
    [InlineData("M1 คิดว่าเสร็จแล้วค่ะ")]
    [InlineData("M1 เสร็จแล้วแต่ยังไม่ได้ลงเว็บค่ะ")]
    [InlineData("M1 เสร็จแล้ว แต่รอแก้ไขนิดหน่อย")]
    [InlineData("M1 ยังไม่เสร็จค่ะ")]
    public void UnsureOrContradictoryIsAskedBack(string text)
    {
        var ask = Assert.IsType<AskWhichStatus>(Read(text));

        Assert.Equal(1, ask.Item.MeasureId);
        Assert.True(ask.Offer.Count >= 2);
    }

    [Theory]
    [InlineData("M1 ถ้าเสร็จแล้วจะแจ้งนะคะ")]
    [InlineData("M1 เดี๋ยวเสร็จแล้วจะรายงานค่ะ")]
    public void ConditionsAndPromisesAreNotReports(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Theory]
    [InlineData("ประชุมเสร็จแล้ว 10 โมงเจอกันห้อง 2 นะคะ")]
    [InlineData("2 คนเสร็จแล้วค่ะ ที่เหลือรอบบ่าย")]
    [InlineData("ข้อ 2 ของหนังสือสั่งการ ดำเนินการแล้วเสร็จค่ะ")]
    [InlineData("ห้องประชุม 3 ว่างแล้วค่ะ")]
    [InlineData("วันที่ 1 เสร็จแล้วค่ะ")]
    [InlineData("6 โมงเย็นเสร็จค่ะ")]
    [InlineData("ใบเสร็จ 3 ใบค่ะ")]
    [InlineData("ทีม 2 กำลังดำเนินการอยู่ค่ะ")]
    [InlineData("1 ก.พ. เสร็จแล้วค่ะ")]
    [InlineData("เสร็จแล้ว 2 ห้อง")]
    [InlineData("งั้น 2 คนเสร็จแล้วกลับได้เลย")]
    [InlineData("ส่วน 10 โมงเสร็จแล้วค่อยว่ากัน")]
    [InlineData("สวัสดีครับ")]
    [InlineData("2568 เป็นปีงบประมาณ")]
    [InlineData("abandoned 2 projects")]
    [InlineData("กินข้าวกันไหม")]
    [InlineData("M-Pass เสร็จแล้วค่ะ")]
    public void ChatterWithNumbersAndStatusWordsIsSilence(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Fact]
    public void SeveralMeasuresAndStatusesAreEachRecorded()
    {
        var intent = Assert.IsType<RecordStatuses>(Read("M1, M2 เสร็จแล้ว ส่วน M3 กำลังดำเนินการ"));

        Assert.Equal([(1, MeasureStatus.Done), (2, MeasureStatus.Done), (3, MeasureStatus.InProgress)], intent.Items.Select(i => (i.MeasureId, i.Status!.Value)));
    }

    [Theory]
    [InlineData("ข้อ 1 2 3 เสร็จแล้วค่ะ", new[] { 1, 2, 3 })]
    [InlineData("M1 M2 เสร็จ", new[] { 1, 2 })]
    [InlineData("มาตรการ 1,2 ดำเนินการแล้วเสร็จ", new[] { 1, 2 })]
    [InlineData("M1 กับ M2 เสร็จแล้วค่ะ", new[] { 1, 2 })]
    public void AListOfMeasuresSharesItsStatus(string text, int[] measures)
    {
        var intent = Assert.IsType<RecordStatuses>(Read(text));

        Assert.Equal(measures, intent.Items.Select(i => i.MeasureId));
        Assert.All(intent.Items, i => Assert.Equal(MeasureStatus.Done, i.Status));
    }

    [Fact]
    public void AMeasureOfAnotherUnitNamedExplicitlyIsRefusedNotIgnored()
    {
        var intent = Assert.IsType<NotReportable>(Read("M8 เสร็จแล้วค่ะ"));

        Assert.True(intent.Exists);
    }

    [Fact]
    public void AnItemOrBareNumberThatIsNotTheirsIsNotAMeasure()
    {
        Assert.IsType<Silence>(Read("ข้อ 8 เสร็จแล้ว"));
        Assert.IsType<Silence>(Read("9 เสร็จแล้วครับ"));
    }

    [Theory]
    [InlineData("M1 เสร็จแล้ว จัดอบรม ๒ ครั้ง ผู้เข้าร่วม 45 คน ครับ", "จัดอบรม ๒ ครั้ง ผู้เข้าร่วม 45 คน")]
    [InlineData("M4 ดำเนินการแล้วเสร็จ จัดประชุมครบ 6 ครั้ง (ต.ค.-มี.ค.)", "จัดประชุมครบ 6 ครั้ง (ต.ค.-มี.ค.)")]
    [InlineData("M1 เสร็จแล้วค่ะ 🙏", null)]
    [InlineData("M1 เสร็จแล้วนะคะ", null)]
    [InlineData("M1 ยังไม่ได้ทำเลยค่ะ 😅", null)]
    [InlineData("@ItaBot M1 เสร็จแล้วค่ะ", null)]
    [InlineData("เรียน ผอ. M1 ดำเนินการแล้วเสร็จค่ะ", null)]
    [InlineData("M1 เสร็จแล้ว รายละเอียดตามลิงก์ค่ะ https://a.go.th/x", null)]
    [InlineData("M2 เสร็จแล้วค่ะท่าน", null)]
    [InlineData("M1 เสร็จแล้ว ผู้เข้าร่วม 80 คน)", "ผู้เข้าร่วม 80 คน)")]
    [InlineData("M1 เสร็จแล้ว 2 รุ่น (รุ่นละ 40 คน", "2 รุ่น (รุ่นละ 40 คน")]
    [InlineData("M1 เสร็จแล้วค่ะ :)", null)]
    public void WhatIsKeptIsTheMeaningfulRestVerbatimOrNothing(string text, string? result)
    {
        Assert.Equal(result, Recorded(text).Text);
    }

    [Theory]
    [InlineData("M3 ทำไม่ได้ ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี", CannotProceedReason.NoBudget, "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี")]
    [InlineData("มาตรการ 3 ทำไม่ได้ ไม่ได้รับงบประมาณ", CannotProceedReason.NoBudget, null)]
    [InlineData("M3 ไม่สามารถดำเนินการได้ เนื่องจากเจ้าหน้าที่ไม่พอ", CannotProceedReason.NotEnoughStaff, "เจ้าหน้าที่ไม่พอ")]
    [InlineData("M3 ทำไม่ได้ นโยบายผู้บริหารเปลี่ยนแปลง ให้รอปีหน้า", CannotProceedReason.PolicyChanged, "นโยบายผู้บริหารเปลี่ยนแปลง ให้รอปีหน้า")]
    [InlineData("M3 ทำไม่ได้เพราะระบบ e-GP ล่ม", CannotProceedReason.Other, "ระบบ e-GP ล่ม")]
    [InlineData("M3 ทำไม่ได้ค่ะ รอโอนงบกลางปี (ตามหนังสือที่ มท 0808.2/ว 123)", CannotProceedReason.NoBudget, "รอโอนงบกลางปี (ตามหนังสือที่ มท 0808.2/ว 123)")]
    public void AReasonCodeIsStoredBesideTheTextNeverMergedIntoIt(string text, CannotProceedReason reason, string? words)
    {
        var item = Recorded(text);

        Assert.Equal((MeasureStatus.CannotProceed, reason, words), (item.Status!.Value, item.Reason!.Value, item.Text));
    }

    [Theory]
    [InlineData("1 done https://example.go.th/ita/o42.pdf.", "https://example.go.th/ita/o42.pdf")]
    [InlineData("M1 เสร็จแล้ว ลิงก์ drive.google.com/drive/folders/1AbC", "https://drive.google.com/drive/folders/1AbC")]
    [InlineData("M1 เสร็จแล้ว www.nongbua.go.th/news/12ค่ะ", "https://www.nongbua.go.th/news/12")]
    public void LinksAreEvidenceWithOrWithoutHttps(string text, string url)
    {
        var item = Recorded(text);

        Assert.Equal([url], item.Urls);
        Assert.Null(item.Text);
    }

    [Theory]
    [InlineData("เรียบร้อยแล้วค่ะ")]
    [InlineData("ดำเนินการแล้วเสร็จค่ะ")]
    [InlineData("เสร็จแล้วค่ะ 😊")]
    public void ACodelessAnswerRightAfterAReminderIsAboutTheOneOpenMeasure(string text)
    {
        var situation = InGroup with { AfterReminder = true, Measures = [Finance[0], Finance[1] with { Open = false }, Finance[2] with { Here = false }] };


        Assert.Equal((1, MeasureStatus.Done), (Recorded(text, situation).MeasureId, Recorded(text, situation).Status!.Value));
    }

    [Fact]
    public void ACodelessAnswerWithSeveralOpenMeasuresIsAskedWithThem()
    {
        var intent = Assert.IsType<AskWhichMeasure>(Read("เสร็จแล้วค่ะ", InGroup with { AfterReminder = true }));

        Assert.Equal([1, 2, 3, 4, 12], intent.Candidates);
        Assert.Equal(MeasureStatus.Done, intent.Template.Status);
    }

    [Theory]
    [InlineData("เรียบร้อยแล้วค่ะ")]
    [InlineData("เสร็จแล้วค่ะ")]
    public void ACodelessStatusWithoutAReminderIsChatter(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Theory]
    [InlineData("รับทราบค่ะ")]
    [InlineData("ขอบคุณค่ะ")]
    [InlineData("ประชุมเสร็จแล้วค่ะ")]
    [InlineData("ได้ค่ะ เดี๋ยวส่งให้นะคะ")]
    [InlineData("เสร็จหรือยังคะครูนก")]
    public void AfterAReminderChatterStaysChatter(string text)
    {
        Assert.IsType<Silence>(Read(text, InGroup with { AfterReminder = true, Measures = [Finance[0]] }));
    }

    [Fact]
    public void AnAnswerToAColleagueAfterAReminderIsNotAReport()
    {
        Assert.IsType<Silence>(Read("เรียบร้อยแล้วค่ะ", InGroup with { AfterReminder = true, Measures = [Finance[0]], Quoted = Quote.Person }));
    }

    [Fact]
    public void AQuotedReminderMakesACodelessAnswerAboutItsMeasures()
    {
        var situation = InGroup with { Quoted = new Quote(QuoteKind.Reminder, [3]) };

        Assert.Equal((3, MeasureStatus.Done), (Recorded("เรียบร้อยแล้วค่ะ", situation).MeasureId, Recorded("เรียบร้อยแล้วค่ะ", situation).Status!.Value));
    }

    [Fact]
    public void AMeasureNamedByItsTitleIsConfirmedBeforeAnythingIsRecorded()
    {
        var intent = Assert.IsType<ConfirmStatus>(Read("เรื่องแผนจัดซื้อจัดจ้าง ดำเนินการแล้วเสร็จค่ะ"));

        Assert.Equal((1, MeasureStatus.Done), (intent.Item.MeasureId, intent.Item.Status!.Value));
    }

    [Fact]
    public void TitleWordsInsideOtherTalkAreChatter()
    {
        Assert.IsType<Silence>(Read("ประชุมประจำเดือนเสร็จแล้ว ไปกินข้าวกันค่ะ"));
        Assert.IsType<Silence>(Read("ประชุมประจำเดือนวันศุกร์นี้นะคะ"));
    }

    [Fact]
    public void AWeakStatusWordIsConfirmedWithOneTap()
    {
        Assert.IsType<ConfirmStatus>(Read("M1 ส่งไปแล้วนะคะ"));
        Assert.IsType<ConfirmStatus>(Read("M1 ✅"));
    }

    [Fact]
    public void AMentionOfSomeoneElseAskingIsNotForTheBot()
    {
        Assert.IsType<Silence>(Read("@แนน M1 เสร็จหรือยังคะ", InGroup with { MentionsOthers = true, MentionSpans = [(0, 4)] }));
    }

    [Fact]
    public void TheBotsMentionIsCutFromTheText()
    {
        var item = Recorded("@ItaBot M1 เสร็จแล้ว จัดอบรมแล้ว", InGroup with { MentionsBot = true, MentionSpans = [(0, 7)] });

        Assert.Equal("จัดอบรมแล้ว", item.Text);
    }

    static ChatSituation Asked(FollowUpStep step) =>
        InGroup with { Question = new Question(QuestionKind.FollowUp, MeasureId: 1, RoundId: 1, Status: MeasureStatus.Done, Step: step, ParentReportId: 9) };

    [Theory]
    [InlineData("ค่ะ")]
    [InlineData("👍")]
    [InlineData("ได้ค่ะ")]
    [InlineData("ขอบคุณค่ะ")]
    [InlineData("ลิงก์")]
    [InlineData("@ItaBot")]
    [InlineData("เดี๋ยวไปประชุมก่อนนะคะ")]
    [InlineData("ใครเห็นแฟ้มสีฟ้าบ้างคะ")]
    [InlineData("โอเคค่ะ")]
    public void FragmentsAndChatterDoNotAnswerAFollowUp(string text)
    {
        Assert.IsType<NotAnAnswer>(Read(text, Asked(FollowUpStep.Result)));
    }

    [Fact]
    public void APlausibleAnswerIsKeptVerbatim()
    {
        var answer = Assert.IsType<AnswerQuestion>(Read("จัดทำรายงานประจำเดือน ต.ค. 67 - ก.พ. 68 ครบ 5 ฉบับ (รอเดือน มี.ค.)", Asked(FollowUpStep.Result)));

        Assert.Equal("จัดทำรายงานประจำเดือน ต.ค. 67 - ก.พ. 68 ครบ 5 ฉบับ (รอเดือน มี.ค.)", answer.Text);
    }

    [Theory]
    [InlineData("ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี", CannotProceedReason.NoBudget, "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี")]
    [InlineData("ไม่ได้รับงบประมาณ", CannotProceedReason.NoBudget, null)]
    [InlineData("เพราะคนไม่พอค่ะ", CannotProceedReason.NotEnoughStaff, "คนไม่พอ")]
    public void AReasonAnswerKeepsCodeAndTextApart(string text, CannotProceedReason reason, string? words)
    {
        var answer = Assert.IsType<AnswerQuestion>(Read(text, Asked(FollowUpStep.Reason)));

        Assert.Equal((reason, words), (answer.Reason!.Value, answer.Text));
    }

    [Fact]
    public void ANewStatusWhileAQuestionIsOpenIsANewReport()
    {
        Assert.Equal(3, Recorded("M3 กำลังดำเนินการค่ะ", Asked(FollowUpStep.Result)).MeasureId);
    }

    [Fact]
    public void CancelUndoesTheOwnRecentRecordElseTheQuestionElseNothing()
    {
        Assert.IsType<Undo>(Read("ยกเลิก", InGroup with { CanUndo = true }));
        Assert.IsType<CancelQuestion>(Read("ยกเลิก", Asked(FollowUpStep.Result)));
        Assert.IsType<Silence>(Read("ยกเลิก"));
        Assert.IsType<Silence>(Read("ประชุมวันนี้ยกเลิกนะคะ", InGroup with { CanUndo = true }));
    }

    [Theory]
    [InlineData("สรุปหน่อย", typeof(SummaryCommand))]
    [InlineData("ขอดูภาพรวมหน่อยค่ะ", typeof(SummaryCommand))]
    [InlineData("ใครยังไม่ส่งบ้าง", typeof(OwingCommand))]
    [InlineData("หน่วยไหนยังไม่รายงานบ้างคะ", typeof(OwingCommand))]
    [InlineData("ขอรายงานรอบ 6 เดือน", typeof(RoundSummaryCommand))]
    [InlineData("ขอสรุปความคืบหน้ารอบ 6 เดือนด้วยค่ะ", typeof(RoundSummaryCommand))]
    [InlineData("ขอดูรายงานผลการดำเนินงานรอบ 12 เดือนหน่อยครับ", typeof(RoundSummaryCommand))]
    [InlineData("เตือนทุกกองด้วย", typeof(RemindNowCommand))]
    [InlineData("ปิดรอบ 6 เดือน", typeof(CloseRoundCommand))]
    public void AdministratorsAreUnderstoodInTheirOwnWords(string text, Type command)
    {
        var intent = Assert.IsType<RunCommand>(Read(text, InGroup with { IsAdmin = true }));

        Assert.IsType(command, intent.Command);
    }

    [Theory]
    [InlineData("M1 เสร็จแล้วนะคะ ใครว่างช่วยเช็คหน้าเว็บให้หน่อย")]
    [InlineData("M1 ดำเนินการแล้วเสร็จครับ รบกวนพี่ตรวจดูอีกทีได้ไหมครับ")]
    public void AStatusFollowedByARequestToColleaguesIsConfirmedNotRecorded(string text)
    {
        var intent = Assert.IsType<ConfirmStatus>(Read(text));

        Assert.Equal((1, MeasureStatus.Done), (intent.Item.MeasureId, intent.Item.Status));
    }

    [Theory]
    [InlineData("M1 เสร็จแล้วใช่ไหมคะ ใครทราบบ้าง")]
    [InlineData("M1 เสร็จแล้วนะคะ ใช่ไหม")]
    [InlineData("ใครว่างช่วยทำ M1 ให้เสร็จหน่อย")]
    public void AStatusThatIsItselfAskedAboutStaysAQuestion(string text)
    {
        Assert.IsNotType<RecordStatuses>(Read(text));
        Assert.IsNotType<ConfirmStatus>(Read(text));
    }

    [Theory]
    [InlineData("สรุปหน่อยค่ะ")]
    [InlineData("ใครยังไม่ส่งบ้าง")]
    [InlineData("เตือนด้วยนะคะพรุ่งนี้")]
    public void TheSameWordsFromAnyoneElseAreChatter(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Fact]
    public void RemindingNamedUnitsKeepsTheirNames()
    {
        var intent = Assert.IsType<RunCommand>(Read("ช่วยเตือนกองคลังกับกองช่างหน่อย", InGroup with { IsAdmin = true }));

        Assert.Equal("กองคลังกับกองช่าง", Assert.IsType<RemindNowCommand>(intent.Command).Units);
        Assert.Null(Assert.IsType<RemindNowCommand>(Assert.IsType<RunCommand>(Read("เตือนทุกกองด้วย", InGroup with { IsAdmin = true })).Command).Units);
        Assert.Equal(RoundKind.SixMonth, Assert.IsType<CloseRoundCommand>(Assert.IsType<RunCommand>(Read("ปิดรอบหกเดือน", InGroup with { IsAdmin = true })).Command).Kind);
    }

    [Theory]
    [InlineData("สถานะ", typeof(ShowStatusCommand))]
    [InlineData("ขอดูสถานะหน่อยค่ะ", typeof(ShowStatusCommand))]
    [InlineData("กองเรามีมาตรการอะไรบ้างคะ", typeof(ShowStatusCommand))]
    [InlineData("ของฉัน", typeof(MineCommand))]
    [InlineData("ช่วยเหลือ", typeof(HelpCommand))]
    [InlineData("แก้ไข", typeof(EditCommand))]
    [InlineData("ผูกกลุ่ม กองคลัง", typeof(BindGroupCommand))]
    [InlineData("ลงทะเบียน กองคลัง หัวหน้า", typeof(RegisterCommand))]
    [InlineData("อนุมัติ ๑๒", typeof(ApproveCommand))]
    [InlineData("รายงาน ๑๒ เดือน ๒๕๖๘", typeof(RoundSummaryCommand))]
    [InlineData("ส่งสรุปไปกลุ่ม กองคลัง", typeof(SendSummaryCommand))]
    [InlineData("เปิดมาตรการ M1", typeof(ReopenMeasureCommand))]
    public void CommandsAreRecognised(string text, Type command)
    {
        Assert.IsType(command, Assert.IsType<RunCommand>(Read(text)).Command);
    }

    [Theory]
    [InlineData("สรุปว่าพรุ่งนี้ประชุม")]
    [InlineData("ยกเลิกนัดครับ")]
    [InlineData("สถานะการเงินดีขึ้น")]
    [InlineData("statuses")]
    public void CommandWordsInsideOrdinarySentencesAreNotCommands(string text)
    {
        Assert.IsType<Silence>(Read(text));
    }

    [Fact]
    public void AStatusWordAfterTheStatusKeywordIsAReportNotAQuery()
    {
        Assert.Equal((1, MeasureStatus.Done), (Recorded("สถานะ M1 เสร็จแล้ว").MeasureId, Recorded("สถานะ M1 เสร็จแล้ว").Status!.Value));
    }

    [Fact]
    public void OneToOneTextThatIsNotUnderstoodGetsTheShortList()
    {
        Assert.IsType<Hint>(Read("asdf", InGroup with { InGroup = false }));
        Assert.IsType<Silence>(Read("asdf"));
    }

    [Theory]
    [InlineData("M1", "1")]
    [InlineData("m01", "1")]
    [InlineData("ม.๑", "1")]
    [InlineData("มาตรการ 12", "12")]
    [InlineData("M1.02", "1.2")]
    public void MeasureKeysCompareCodesAndReferences(string text, string key)
    {
        Assert.Equal(key, MeasureKeys.Of(text));
    }
}
