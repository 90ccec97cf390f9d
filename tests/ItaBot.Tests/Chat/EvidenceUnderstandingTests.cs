using ItaBot.Chat;
using ItaBot.Chat.Understanding;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat;

/// <summary>When a photo or file is evidence, and what "ส่งรูปตามนี้นะคะ" means: pure functions, no database.</summary>
public sealed class EvidenceUnderstandingTests
{
    static readonly KnownMeasure[] Finance = [new(1, "M1", "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี"), new(2, "M2", "เปิดเผยรายงานการใช้จ่ายงบประมาณ")];
    static readonly ChatSituation InGroup = new() { InGroup = true, Measures = Finance };

    [Fact]
    public void MediaFollowingNothingIsNotEvidence()
    {
        Assert.IsType<Silence>(Understand.Media(new MediaSituation(InGroup: true)));
        Assert.IsType<Silence>(Understand.Media(new MediaSituation(InGroup: false, JustRecordedMeasureIds: [])));
    }

    [Fact]
    public void MediaFollowingNothingFromSomeoneWhoReportsHereIsOnlyHeldNeverAttached()
    {
        Assert.IsType<HoldEvidence>(Understand.Media(new MediaSituation(InGroup: true, MayReportHere: true)));
        Assert.IsType<HoldEvidence>(Understand.Media(new MediaSituation(InGroup: false, MayReportHere: true)));
        // What the bot knows wins over holding: a status just before, a quote, a question, the rest of an asked set.
        Assert.Equal(new AttachEvidence(2), Understand.Media(new MediaSituation(true, JustRecordedMeasureIds: [2], MayReportHere: true)));
        Assert.IsType<AskEvidenceMeasure>(Understand.Media(new MediaSituation(true, JustRecordedMeasureIds: [1, 2], MayReportHere: true)));
        Assert.IsType<Silence>(Understand.Media(new MediaSituation(true, BatchAsked: true, MayReportHere: true)));
    }

    [Fact]
    public void MediaRightAfterTheOwnStatusOfOneMeasureIsItsEvidence() =>
        Assert.Equal(new AttachEvidence(2), Understand.Media(new MediaSituation(true, JustRecordedMeasureIds: [2, 2])));

    [Fact]
    public void MediaAfterAStatusOfSeveralMeasuresIsAskedAbout() =>
        Assert.Equal([1, 2], Assert.IsType<AskEvidenceMeasure>(Understand.Media(new MediaSituation(true, JustRecordedMeasureIds: [1, 2]))).Candidates);

    [Fact]
    public void TheRestOfAnImageSetFollowsItsFirstPhotoAndAQuoteOrQuestionNamesTheMeasure()
    {
        Assert.Equal(new AttachEvidence(1), Understand.Media(new MediaSituation(true, BatchMeasureId: 1, JustRecordedMeasureIds: [1, 2])));
        Assert.IsType<Silence>(Understand.Media(new MediaSituation(true, BatchAsked: true, JustRecordedMeasureIds: [1, 2])));
        Assert.Equal(new AttachEvidence(2), Understand.Media(new MediaSituation(true, QuotedMeasureIds: [2], JustRecordedMeasureIds: [1])));
        Assert.Equal(new AttachEvidence(1), Understand.Media(new MediaSituation(true, QuestionMeasureId: 1)));
    }

    [Theory]
    [InlineData("ส่งรูปตามนี้นะคะ")]
    [InlineData("แนบไฟล์หลักฐานเพิ่มเติมค่ะ")]
    [InlineData("รูปกิจกรรมค่ะ 📷")]
    [InlineData("ส่งรูปแล้วนะคะ")]
    [InlineData("แนบไฟล์คู่มือให้ด้านล่างครับ")]
    public void AnEvidenceNoteToNobodyIsPeopleTalkingAndNeverAnAnswer(string text)
    {
        Assert.IsType<Silence>(Understand.Message(text, InGroup));
        var asked = InGroup with { Question = new Question(QuestionKind.FollowUp, MeasureId: 1, RoundId: 1, Step: FollowUpStep.Result, ParentReportId: 5) };
        Assert.IsType<NotAnAnswer>(Understand.Message(text, asked));
    }

    [Fact]
    public void AnEvidenceNoteQuotingTheCardOfOneMeasureExpectsItsEvidence()
    {
        var quoting = InGroup with { Quoted = new Quote(QuoteKind.Bot, [2]) };
        Assert.Equal(new ExpectEvidence(2), Understand.Message("ส่งรูปหลักฐานเพิ่มเติมค่ะ", quoting));
        Assert.Equal(new ExpectEvidence(1), Understand.Message("ส่งไฟล์ M1 นะคะ", InGroup with { MentionsBot = true }));
    }

    [Theory]
    [InlineData("สถานะ M1")]
    [InlineData("ขอดูสถานะ M2 ครับ")]
    public void AskingToSeeAMeasureShowsItAlsoWhenSaidToTheBot(string text) =>
        Assert.IsType<RunCommand>(Understand.Message(text, InGroup with { MentionsBot = true }));

    [Theory]
    [InlineData("ส่งไฟล์ประกาศขึ้นเว็บไซต์เทศบาลแล้วครับ")]
    [InlineData("ภาพกิจกรรมลงเพจแล้ว https://www.facebook.com/x/posts/1")]
    public void WordsAboutWhatWasDoneAreNotANote(string text)
    {
        var asked = InGroup with { Question = new Question(QuestionKind.FollowUp, MeasureId: 1, RoundId: 1, Step: FollowUpStep.Result, ParentReportId: 5) };
        Assert.IsType<AnswerQuestion>(Understand.Message(text, asked));
    }
}
