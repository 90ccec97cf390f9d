using System.ComponentModel.DataAnnotations;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Tests.Thai;

public class RoundDueDatesTests
{
    [Theory]
    [InlineData(2568, RoundKind.SixMonth, 2025, 4, 15)]
    [InlineData(2568, RoundKind.TwelveMonth, 2025, 10, 15)]
    [InlineData(2571, RoundKind.SixMonth, 2028, 4, 15)] // a leap year does not move it: March always has 31 days
    public void ByDefaultReportsAreDueFifteenDaysAfterTheWindowCloses(int fiscalYear, RoundKind kind, int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), new RoundDueDates().DueDate(fiscalYear, kind));

    [Fact]
    public void EachRoundKindHasItsOwnConfigurableDelay()
    {
        var dueDates = new RoundDueDates { SixMonthDaysAfterWindow = 0, TwelveMonthDaysAfterWindow = 31 };

        Assert.Equal(new DateOnly(2025, 3, 31), dueDates.DueDate(2568, RoundKind.SixMonth));
        Assert.Equal(new DateOnly(2025, 10, 31), dueDates.DueDate(2568, RoundKind.TwelveMonth));
    }

    [Fact]
    public void TheTwelveMonthRoundIsDueInTheNextFiscalYear()
    {
        var due = new RoundDueDates().DueDate(2568, RoundKind.TwelveMonth);
        Assert.Equal(2569, ThaiCalendar.FiscalYearOf(due));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(400)]
    public void ADelayOutsideZeroTo180DaysFailsSettingsValidation(int days)
    {
        var dueDates = new RoundDueDates { SixMonthDaysAfterWindow = days };
        Assert.False(Validator.TryValidateObject(dueDates, new ValidationContext(dueDates), null, validateAllProperties: true));
    }
}
