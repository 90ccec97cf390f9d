using ItaBot.Thai;

namespace ItaBot.Tests.Thai;

public class ThaiDigitsTests
{
    [Theory]
    [InlineData("๐๑๒๓๔๕๖๗๘๙", "0123456789")]
    [InlineData("ต.ค. ๖๗ - ก.ย. ๖๘", "ต.ค. 67 - ก.ย. 68")]
    [InlineData("ข้อ ๐๓๔ ได้ ๑๐๐.๐๐ คะแนน", "ข้อ 034 ได้ 100.00 คะแนน")]
    [InlineData("saraban_๐๕๕๕๐๘๐๒@dla.go.th", "saraban_05550802@dla.go.th")]
    [InlineData("ไม่มีตัวเลข", "ไม่มีตัวเลข")]
    [InlineData("", "")]
    public void ThaiDigitsBecomeArabicAndEverythingElseStays(string thai, string arabic) =>
        Assert.Equal(arabic, ThaiDigits.ToArabic(thai));

    [Theory]
    [InlineData("0123456789", "๐๑๒๓๔๕๖๗๘๙")]
    [InlineData("รอบ 6 เดือน ปี 2568", "รอบ ๖ เดือน ปี ๒๕๖๘")]
    [InlineData("ITA O42", "ITA O๔๒")]
    [InlineData("ดำเนินการแล้วเสร็จ", "ดำเนินการแล้วเสร็จ")]
    public void ArabicDigitsBecomeThaiAndEverythingElseStays(string arabic, string thai) =>
        Assert.Equal(thai, ThaiDigits.ToThai(arabic));

    [Theory]
    [InlineData("ตุลาคม 2567 – กันยายน 2568")]
    [InlineData("Oct 2024 (FY2568) 100%")]
    [InlineData("มีทั้ง ๑ และ 2 ปนกัน")]
    public void ThaiThenArabicGivesBackTheArabicText(string text) =>
        Assert.Equal(ThaiDigits.ToArabic(text), ThaiDigits.ToArabic(ThaiDigits.ToThai(text)));

    [Fact]
    public void EveryNumberRoundTripsThroughThaiDigits()
    {
        foreach (var n in new[] { 0, 7, 15, 543, 2568, -12, int.MaxValue, int.MinValue })
        {
            var thai = ThaiDigits.ToThai(n);
            Assert.DoesNotContain(thai, char.IsAsciiDigit);
            Assert.True(ThaiDigits.TryParseInt(thai, out var back));
            Assert.Equal(n, back);
        }
    }

    [Theory]
    [InlineData("๒๕๖๘", 2568)]
    [InlineData("2568", 2568)]
    [InlineData(" ๑๕ ", 15)]
    [InlineData("๒5๖8", 2568)]
    [InlineData("-๓", -3)]
    public void NumbersInEitherScriptParse(string text, int expected)
    {
        Assert.True(ThaiDigits.TryParseInt(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("สิบห้า")]
    [InlineData("๑๕ วัน")]
    [InlineData("๑,๐๐๐")]
    [InlineData("๙๙๙๙๙๙๙๙๙๙๙๙")]
    public void TextThatIsNotAWholeNumberDoesNotParse(string? text) =>
        Assert.False(ThaiDigits.TryParseInt(text, out _));
}
