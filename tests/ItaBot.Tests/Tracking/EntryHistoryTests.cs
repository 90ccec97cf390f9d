using ItaBot.Tracking;

namespace ItaBot.Tests.Tracking;

public sealed class EntryHistoryTests
{
    static readonly DateOnly D1 = new(2025, 1, 10), D2 = new(2025, 1, 11), D3 = new(2025, 1, 12);

    [Fact]
    public void AnswersThatCarriedTheTextSoFarAreListedAsWhatEachOneAdded()
    {
        // Stored before each follow-up became an entry of its own: "A", "A\nB", "A\nB\nC".
        var own = EntryHistory.OwnTexts([(D1, "จัดอบรม (รุ่นที่ ๑)"), (D2, "จัดอบรม (รุ่นที่ ๑)\nผู้เข้าร่วม ๔๕ คน"), (D3, "จัดอบรม (รุ่นที่ ๑)\nผู้เข้าร่วม ๔๕ คน\nดู https://x.go.th/a")]);

        Assert.Equal([(D1, "จัดอบรม (รุ่นที่ ๑)"), (D2, "ผู้เข้าร่วม ๔๕ คน"), (D3, "ดู https://x.go.th/a")], own.Select(t => (t.Date, t.Text)));
    }

    [Fact]
    public void ACopiedTextIsListedOnceAndNewEntriesEachOnce()
    {
        var own = EntryHistory.OwnTexts([(D1, "A"), (D2, null), (D2, "A"), (D2, "  "), (D3, "B"), (D3, "B")]);

        Assert.Equal(["A", "B"], own.Select(t => t.Text));
    }

    [Fact]
    public void ATextThatMerelyStartsLikeThePreviousOneIsKeptWhole()
    {
        var own = EntryHistory.OwnTexts([(D1, "อบรม"), (D2, "อบรมครบ ๒ ครั้ง")]);

        Assert.Equal(["อบรม", "อบรมครบ ๒ ครั้ง"], own.Select(t => t.Text));
    }

    [Fact]
    public void TheReasonComesFromTheLatestCannotProceedAnswersEvenWhenALaterOneOnlyAddsAResult()
    {
        var (reason, text) = EntryHistory.CannotProceedReasonOf(
        [
            (MeasureStatus.InProgress, null, null),
            (MeasureStatus.CannotProceed, CannotProceedReason.NoBudget, null),
            (MeasureStatus.CannotProceed, null, "ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี"),
            (MeasureStatus.CannotProceed, null, null),
        ]);

        Assert.Equal(CannotProceedReason.NoBudget, reason);
        Assert.Equal("ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี", text);
    }
}
