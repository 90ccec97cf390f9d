using ItaBot.Chat;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat;

public sealed class ChatTextTests
{
    [Theory]
    [InlineData("M1 เสร็จแล้ว", "1", MeasureStatus.Done)]
    [InlineData("m1 done", "1", MeasureStatus.Done)]
    [InlineData("ม.๑ กำลังทำ", "1", MeasureStatus.InProgress)]
    [InlineData("ม1 อยู่ระหว่างดำเนินการ", "1", MeasureStatus.InProgress)]
    [InlineData("ม ๒ เสร็จ", "2", MeasureStatus.Done)]
    [InlineData("มาตรการ 3 ทำไม่ได้", "3", MeasureStatus.CannotProceed)]
    [InlineData("มาตรการที่ ๓ ไม่สามารถดำเนินการได้", "3", MeasureStatus.CannotProceed)]
    [InlineData("ข้อ 2 ดำเนินการแล้วเสร็จ", "2", MeasureStatus.Done)]
    [InlineData("ข้อที่2 ยังไม่ได้ดำเนินการ", "2", MeasureStatus.NotStarted)]
    [InlineData("M2 ยังไม่เริ่ม", "2", MeasureStatus.NotStarted)]
    [InlineData("1 done", "1", MeasureStatus.Done)]
    [InlineData("๑ เสร็จแล้ว", "1", MeasureStatus.Done)]
    [InlineData("4 in progress", "4", MeasureStatus.InProgress)]
    [InlineData("M5 not started", "5", MeasureStatus.NotStarted)]
    [InlineData("M6 cannot", "6", MeasureStatus.CannotProceed)]
    [InlineData("M 7 Done", "7", MeasureStatus.Done)]
    [InlineData("Ｍ８　ｄｏｎｅ", "8", MeasureStatus.Done)]
    [InlineData("M1.2 เสร็จแล้ว", "1.2", MeasureStatus.Done)]
    [InlineData("M01 เสร็จแล้ว", "1", MeasureStatus.Done)]
    [InlineData("เสร็จแล้ว M3", "3", MeasureStatus.Done)]
    [InlineData("ได้ดำเนินการ M4 เสร็จแล้ว", "4", MeasureStatus.Done)]
    [InlineData("M1 ยังไม่เสร็จ", "1", MeasureStatus.InProgress)]
    [InlineData("M1 ดำเนินการเสร็จแล้วครับ", "1", MeasureStatus.Done)]
    [InlineData("M1 กำลังดำเนินการ", "1", MeasureStatus.InProgress)]
    [InlineData("M1 กําลังทํา", "1", MeasureStatus.InProgress)]
    public void StatusSentencesNameOneMeasureAndOneStatus(string text, string measure, MeasureStatus status)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.True(command.IsComplete);
        Assert.Equal(measure, command.Measure);
        Assert.Equal(status, command.Status);
    }

    [Fact]
    public void ALinkIsTakenOutOfTheSentenceAsEvidence()
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse("1 done https://example.go.th/ita/o42.pdf."));

        Assert.Equal(["https://example.go.th/ita/o42.pdf"], command.Urls);
        Assert.Null(command.Note);
        Assert.Equal(MeasureStatus.Done, command.Status);
    }

    [Fact]
    public void TheReasonWordsOfACannotProceedAnswerBecomeTheReason()
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse("มาตรการ 3 ทำไม่ได้ ไม่ได้รับงบประมาณ"));

        Assert.Equal(MeasureStatus.CannotProceed, command.Status);
        Assert.Equal(CannotProceedReason.NoBudget, command.Reason);
        Assert.Null(command.Note);
    }

    [Theory]
    [InlineData("M3 ทำไม่ได้ นโยบายผู้บริหารเปลี่ยนแปลง ให้รอปีหน้า", CannotProceedReason.PolicyChanged, "ให้รอปีหน้า")]
    [InlineData("M3 ทำไม่ได้ บุคลากรไม่เพียงพอ", CannotProceedReason.NotEnoughStaff, null)]
    [InlineData("M3 cannot no budget", CannotProceedReason.NoBudget, null)]
    [InlineData("M3 ทำไม่ได้ อื่นๆ ระบบล่ม", CannotProceedReason.Other, "ระบบล่ม")]
    public void ReasonsAreRecognisedInThaiAndEnglish(string text, CannotProceedReason reason, string? note)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.Equal(reason, command.Reason);
        Assert.Equal(note, command.Note);
    }

    [Fact]
    public void TheRestOfTheSentenceIsTheResultWithThePersonsOwnDigits()
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse("M1 เสร็จแล้ว จัดอบรม ๒ ครั้ง ผู้เข้าร่วม 45 คน ครับ"));

        Assert.Equal("จัดอบรม ๒ ครั้ง ผู้เข้าร่วม 45 คน", command.Note);
    }

    [Fact]
    public void ReasonWordsInADoneAnswerStayInTheResult()
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse("M1 เสร็จแล้ว แม้งบไม่พอ"));

        Assert.Null(command.Reason);
        Assert.Equal("แม้งบไม่พอ", command.Note);
    }

    [Theory]
    [InlineData("M1")]
    [InlineData("ม.๑")]
    [InlineData("มาตรการ 4 จัดอบรมแล้ว")]
    public void AMeasureWithoutAStatusIsIncomplete(string text)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.False(command.IsComplete);
        Assert.False(command.ChangesState);
        Assert.Single(command.Measures);
        Assert.Empty(command.Statuses);
    }

    [Theory]
    [InlineData("เสร็จแล้ว")]
    [InlineData("done")]
    [InlineData("กำลังทำครับ")]
    public void AStatusWithoutAMeasureIsIncomplete(string text)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.False(command.IsComplete);
        Assert.Empty(command.Measures);
        Assert.Single(command.Statuses);
    }

    [Theory]
    [InlineData("M1 M2 เสร็จแล้ว")]
    [InlineData("M1 เสร็จแล้ว ข้อ 2 กำลังทำ")]
    public void TwoMeasuresAreNotGuessedBetween(string text)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.False(command.IsComplete);
        Assert.True(command.Measures.Count > 1);
    }

    [Theory]
    [InlineData("M1 เสร็จแล้ว แต่บางส่วนกำลังทำ")]
    [InlineData("M1 ไม่เสร็จ")]
    [InlineData("M1 not done")]
    public void ConflictingOrUnclearStatusWordsAreNotGuessedBetween(string text)
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse(text));

        Assert.False(command.IsComplete);
        Assert.Null(command.Status);
    }

    [Theory]
    [InlineData("ทีม 2 คนเสร็จงานแล้ว")]
    [InlineData("abandoned 2 projects")]
    [InlineData("สวัสดีครับ")]
    [InlineData("2568 เป็นปีงบประมาณ")]
    [InlineData("ดูที่ https://example.com/m1 done")]
    [InlineData("กินข้าวกันไหม")]
    public void ChatterIsNotAStatusUpdate(string text)
    {
        Assert.IsType<OtherText>(ChatText.Parse(text));
    }

    [Theory]
    [InlineData("สถานะ", typeof(ShowStatusCommand))]
    [InlineData("status", typeof(ShowStatusCommand))]
    [InlineData("สถานะครับ", typeof(ShowStatusCommand))]
    [InlineData("Status", typeof(ShowStatusCommand))]
    [InlineData("ของฉัน", typeof(MineCommand))]
    [InlineData("mine", typeof(MineCommand))]
    [InlineData("ช่วยเหลือ", typeof(HelpCommand))]
    [InlineData("help", typeof(HelpCommand))]
    [InlineData("ยกเลิก", typeof(CancelCommand))]
    [InlineData("ข้าม", typeof(SkipCommand))]
    [InlineData("แก้ไข", typeof(EditCommand))]
    [InlineData("สรุป", typeof(SummaryCommand))]
    [InlineData("summary", typeof(SummaryCommand))]
    [InlineData("เตือนตอนนี้", typeof(RemindNowCommand))]
    [InlineData("remind now", typeof(RemindNowCommand))]
    [InlineData("ปิดรอบ", typeof(CloseRoundCommand))]
    [InlineData("เปิดรอบ", typeof(OpenRoundCommand))]
    [InlineData("ผูกกลุ่มผู้ดูแล", typeof(BindAdminGroupCommand))]
    [InlineData("ยกเลิกผูกกลุ่ม", typeof(UnbindGroupCommand))]
    [InlineData("unbind", typeof(UnbindGroupCommand))]
    public void KeywordsNameTheirCommand(string text, Type expected)
    {
        Assert.IsType(expected, ChatText.Parse(text));
    }

    [Theory]
    [InlineData("สรุปว่าพรุ่งนี้ประชุม")]
    [InlineData("ยกเลิกนัดครับ")]
    [InlineData("สถานะการเงินดีขึ้น")]
    [InlineData("statuses")]
    public void KeywordsInsideOrdinarySentencesAreNotCommands(string text)
    {
        Assert.IsType<OtherText>(ChatText.Parse(text));
    }

    [Theory]
    [InlineData("ผูกกลุ่ม กองคลัง", new[] { "กองคลัง" })]
    [InlineData("bind กองคลัง", new[] { "กองคลัง" })]
    [InlineData("ผูกกลุ่ม กองคลัง, กองช่าง ,สำนักปลัด/งานธุรการ", new[] { "กองคลัง", "กองช่าง", "สำนักปลัด/งานธุรการ" })]
    [InlineData("ผูกกลุ่มกองคลัง", new[] { "กองคลัง" })]
    public void BindingNamesOneOrMoreUnits(string text, string[] units)
    {
        var command = Assert.IsType<BindGroupCommand>(ChatText.Parse(text));

        Assert.Equal(units, command.UnitNames);
    }

    [Theory]
    [InlineData("ลงทะเบียน กองคลัง", "กองคลัง", UnitRole.Delegate)]
    [InlineData("ลงทะเบียน กองคลัง หัวหน้า", "กองคลัง", UnitRole.Head)]
    [InlineData("register กองช่าง head", "กองช่าง", UnitRole.Head)]
    [InlineData("ลงทะเบียน กองการศึกษา ผู้แทน", "กองการศึกษา", UnitRole.Delegate)]
    public void RegistrationNamesTheUnitAndRole(string text, string unit, UnitRole role)
    {
        var command = Assert.IsType<RegisterCommand>(ChatText.Parse(text));

        Assert.Equal((unit, role), (command.UnitName, command.Role));
    }

    [Theory]
    [InlineData("อนุมัติ 3", 3, true)]
    [InlineData("อนุมัติ ๑๒", 12, true)]
    [InlineData("approve #4", 4, true)]
    [InlineData("ปฏิเสธ 5", 5, false)]
    public void ApprovalsNameTheRegistration(string text, int id, bool approve)
    {
        var command = Assert.IsType<ApproveCommand>(ChatText.Parse(text));

        Assert.Equal((id, approve), (command.RegistrationId, command.Approve));
    }

    [Theory]
    [InlineData("เปิดรอบ 6", RoundKind.SixMonth)]
    [InlineData("เปิดรอบ ๑๒ เดือน", RoundKind.TwelveMonth)]
    [InlineData("open round 12", RoundKind.TwelveMonth)]
    public void OpeningARoundMayNameItsKind(string text, RoundKind kind)
    {
        Assert.Equal(kind, Assert.IsType<OpenRoundCommand>(ChatText.Parse(text)).Kind);
    }

    [Theory]
    [InlineData("รายงาน ๖ เดือน", RoundKind.SixMonth, null)]
    [InlineData("รายงาน 6 เดือน", RoundKind.SixMonth, null)]
    [InlineData("รายงาน ๑๒ เดือน", RoundKind.TwelveMonth, null)]
    [InlineData("รายงาน 12 เดือนครับ", RoundKind.TwelveMonth, null)]
    [InlineData("สรุปรอบ 12 เดือน", RoundKind.TwelveMonth, null)]
    [InlineData("report 6m", RoundKind.SixMonth, null)]
    [InlineData("Report 12M", RoundKind.TwelveMonth, null)]
    [InlineData("report 12 months 2568", RoundKind.TwelveMonth, 2568)]
    [InlineData("รายงาน ๖ เดือน ๒๕๖๘", RoundKind.SixMonth, 2568)]
    [InlineData("รายงาน 12 เดือน ปีงบประมาณ 2567", RoundKind.TwelveMonth, 2567)]
    [InlineData("report 6m 2025", RoundKind.SixMonth, 2568)]
    public void ARoundReportNamesItsKindAndMaybeItsFiscalYear(string text, RoundKind kind, int? year)
    {
        var command = Assert.IsType<RoundSummaryCommand>(ChatText.Parse(text));

        Assert.Equal((kind, year), (command.Kind, command.FiscalYear));
        Assert.False(command.ChangesState);
    }

    [Theory]
    [InlineData("รายงาน M1 เสร็จแล้ว")]
    [InlineData("รายงาน 6 เสร็จแล้ว")]
    [InlineData("รายงาน 6 เดือนนี้ทำอะไรไปบ้าง")]
    [InlineData("report 6 done")]
    public void StatusReportsAndChatterAreNotRoundReports(string text)
    {
        Assert.IsNotType<RoundSummaryCommand>(ChatText.Parse(text));
    }

    [Theory]
    [InlineData("ส่งสรุปไปกลุ่ม กองคลัง", "กองคลัง")]
    [InlineData("ส่งสรุปไปกลุ่มผู้ดูแล", "ผู้ดูแล")]
    [InlineData("ส่งสรุปไปที่กลุ่ม กองช่าง ครับ", "กองช่าง")]
    [InlineData("send summary to Finance", "Finance")]
    [InlineData("send summary to group admin", "admin")]
    public void SendingASummaryNamesTheGroup(string text, string group)
    {
        var command = Assert.IsType<SendSummaryCommand>(ChatText.Parse(text));

        Assert.Equal(group, command.Group);
        Assert.True(command.ChangesState);
    }

    [Fact]
    public void SendingASummaryWithoutAGroupOnlyAsks()
    {
        var command = Assert.IsType<SendSummaryCommand>(ChatText.Parse("ส่งสรุปไปกลุ่ม"));

        Assert.Null(command.Group);
        Assert.False(command.ChangesState);
    }

    [Fact]
    public void ReopeningNamesTheMeasure()
    {
        Assert.Equal("M1", Assert.IsType<ReopenMeasureCommand>(ChatText.Parse("เปิดมาตรการ M1")).Measure);
    }

    [Theory]
    [InlineData("สถานะ กองคลัง", "กองคลัง")]
    [InlineData("status M2", "M2")]
    public void StatusMayNameAUnitOrMeasure(string text, string target)
    {
        Assert.Equal(target, Assert.IsType<ShowStatusCommand>(ChatText.Parse(text)).Target);
    }

    [Fact]
    public void AStatusWordAfterTheStatusKeywordIsAnUpdateNotAQuery()
    {
        var command = Assert.IsType<StatusUpdateCommand>(ChatText.Parse("สถานะ M1 เสร็จแล้ว"));

        Assert.True(command.IsComplete);
        Assert.Null(command.Note);
    }

    [Theory]
    [InlineData("M1", "1")]
    [InlineData("m01", "1")]
    [InlineData("ม.๑", "1")]
    [InlineData("มาตรการ 12", "12")]
    [InlineData("M1.02", "1.2")]
    public void MeasureKeysCompareCodesAndReferences(string text, string key)
    {
        Assert.Equal(key, ChatText.MeasureKey(text));
    }

    [Fact]
    public void AFollowUpAnswerSplitsIntoLinksReasonAndText()
    {
        var pieces = ChatText.Split("งบไม่พอ รอปีหน้า https://a.go.th/x", lookForReason: true);

        Assert.Equal(CannotProceedReason.NoBudget, pieces.Reason);
        Assert.Equal("รอปีหน้า", pieces.Rest);
        Assert.Equal(["https://a.go.th/x"], pieces.Urls);
    }
}
