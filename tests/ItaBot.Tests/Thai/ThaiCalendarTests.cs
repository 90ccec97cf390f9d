using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Tests.Thai;

public class ThaiCalendarTests
{
    static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2024, 2567)]
    [InlineData(2025, 2568)]
    [InlineData(2021, 2564)]
    [InlineData(1957, 2500)]
    public void BuddhistEraIsGregorianPlus543AndBack(int gregorian, int buddhist)
    {
        Assert.Equal(buddhist, ThaiCalendar.ToBuddhistYear(gregorian));
        Assert.Equal(gregorian, ThaiCalendar.ToGregorianYear(buddhist));
    }

    [Theory]
    [InlineData("2024-09-30", 2567)]
    [InlineData("2024-10-01", 2568)]
    [InlineData("2024-12-31", 2568)]
    [InlineData("2025-01-01", 2568)]
    [InlineData("2025-03-31", 2568)]
    [InlineData("2025-09-30", 2568)]
    [InlineData("2025-10-01", 2569)]
    [InlineData("2028-02-29", 2571)]
    public void FirstOfOctoberStartsTheNextFiscalYear(string date, int fiscalYear) =>
        Assert.Equal(fiscalYear, ThaiCalendar.FiscalYearOf(D(date)));

    [Theory]
    [InlineData(2568, "2024-10-01", "2025-09-30")]
    [InlineData(2566, "2022-10-01", "2023-09-30")]
    public void FiscalYearRunsFromOctoberToSeptember(int fiscalYear, string start, string end)
    {
        Assert.Equal(D(start), ThaiCalendar.FiscalYearStart(fiscalYear));
        Assert.Equal(D(end), ThaiCalendar.FiscalYearEnd(fiscalYear));
        Assert.Equal(fiscalYear, ThaiCalendar.FiscalYearOf(ThaiCalendar.FiscalYearStart(fiscalYear)));
        Assert.Equal(fiscalYear, ThaiCalendar.FiscalYearOf(ThaiCalendar.FiscalYearEnd(fiscalYear)));
    }

    [Theory]
    [InlineData(2568, RoundKind.SixMonth, "2024-10-01", "2025-03-31")]
    [InlineData(2568, RoundKind.TwelveMonth, "2024-10-01", "2025-09-30")]
    [InlineData(2566, RoundKind.SixMonth, "2022-10-01", "2023-03-31")]
    [InlineData(2571, RoundKind.TwelveMonth, "2027-10-01", "2028-09-30")]
    public void StandardRoundWindowsStartOnFirstOctober(int fiscalYear, RoundKind kind, string start, string end) =>
        Assert.Equal((D(start), D(end)), ThaiCalendar.RoundWindow(fiscalYear, kind));

    [Fact]
    public void ACustomRoundHasNoStandardWindow() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ThaiCalendar.RoundWindow(2568, RoundKind.Custom));

    [Fact]
    public void MonthNamesAndAbbreviationsRunJanuaryToDecember()
    {
        Assert.Equal(12, ThaiCalendar.MonthNames.Length);
        Assert.Equal(12, ThaiCalendar.MonthAbbreviations.Length);
        Assert.Equal("มกราคม", ThaiCalendar.MonthNames[0]);
        Assert.Equal("ต.ค.", ThaiCalendar.MonthAbbreviations[9]);
        Assert.Equal("ธันวาคม", ThaiCalendar.MonthNames[11]);
    }

    [Fact]
    public void EveryOfficialNameAndAbbreviationParsesToItsMonth()
    {
        for (var month = 1; month <= 12; month++)
        {
            Assert.Equal(month, ThaiCalendar.ParseMonth(ThaiCalendar.MonthNames[month - 1]));
            Assert.Equal(month, ThaiCalendar.ParseMonth(ThaiCalendar.MonthAbbreviations[month - 1]));
            Assert.Equal(month, ThaiCalendar.ParseMonth(ThaiCalendar.MonthAbbreviations[month - 1].Replace(".", "")));
        }
    }

    [Theory]
    [InlineData("ต.ค.", 10)]
    [InlineData("ต.ค", 10)]
    [InlineData("ตค.", 10)]
    [InlineData("ตค", 10)]
    [InlineData("ต. ค.", 10)]
    [InlineData(" ตุลาคม ", 10)]
    [InlineData("ตุลา", 10)]
    [InlineData("Oct", 10)]
    [InlineData("oct.", 10)]
    [InlineData("October", 10)]
    [InlineData("OCTOBER", 10)]
    [InlineData("มี.ค.", 3)]
    [InlineData("มีค", 3)]
    [InlineData("ม.ค.", 1)]
    [InlineData("มกรา", 1)]
    [InlineData("กุมภา", 2)]
    [InlineData("กุมภาพันธ", 2)]
    [InlineData("เม.ย", 4)]
    [InlineData("มิ.ย.", 6)]
    [InlineData("กรกฏาคม", 7)]
    [InlineData("กรกฎา", 7)]
    [InlineData("ส.ค.", 8)]
    [InlineData("Sept", 9)]
    [InlineData("Sep", 9)]
    [InlineData("กันยา", 9)]
    [InlineData("พ.ย.", 11)]
    [InlineData("พฤศจิกา", 11)]
    [InlineData("ธค.", 12)]
    [InlineData("ธันวา", 12)]
    [InlineData("may", 5)]
    public void MonthsParseFromTheWaysPeopleWriteThem(string text, int month) =>
        Assert.Equal(month, ThaiCalendar.ParseMonth(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("10")]
    [InlineData("ต.")]
    [InlineData("พ.ศ.")]
    [InlineData("ตุลาการ")]
    [InlineData("ตุลาคม ๒๕๖๗")]
    [InlineData("Octob")]
    [InlineData("month")]
    public void TextThatIsNotAMonthNameGivesNoMonth(string? text) =>
        Assert.Null(ThaiCalendar.ParseMonth(text));

    [Theory]
    [InlineData("2025-03-15", "๑๕ มีนาคม ๒๕๖๘", "๑๕ มี.ค. ๖๘")]
    [InlineData("2024-10-01", "๑ ตุลาคม ๒๕๖๗", "๑ ต.ค. ๖๗")]
    [InlineData("2043-01-09", "๙ มกราคม ๒๕๘๖", "๙ ม.ค. ๘๖")]
    public void DatesPrintInThaiDigitsAndBuddhistEra(string date, string longForm, string shortForm)
    {
        Assert.Equal(longForm, ThaiCalendar.FormatLongDate(D(date)));
        Assert.Equal(shortForm, ThaiCalendar.FormatShortDate(D(date)));
    }

    [Fact]
    public void MonthYearPrintsTheFullMonthName() =>
        Assert.Equal("ตุลาคม ๒๕๖๗", ThaiCalendar.FormatMonthYear(D("2024-10-01")));

    [Fact]
    public void PeriodPrintsTheWayPlansWriteIt() =>
        Assert.Equal("ต.ค. ๖๗ – ก.ย. ๖๘", ThaiCalendar.FormatPeriod(D("2024-10-01"), D("2025-09-01")));

    [Fact]
    public void ASingleMonthPeriodPrintsThatMonthOnce() =>
        Assert.Equal("ม.ค. ๖๔", ThaiCalendar.FormatPeriod(D("2021-01-01"), D("2021-01-01")));
}
