using ItaBot.Reminders.Holidays;

namespace ItaBot.Tests.Reminders;

public sealed class HolidayTests
{
    static ShippedHolidays Shipped() => ShippedHolidays.Load(ShippedHolidays.DefaultDirectory);

    [Fact]
    public void TheAppShipsThePublicHolidaysOfThisYearAndNext()
    {
        var shipped = Shipped();

        Assert.Equal([2569, 2570], shipped.Files.Select(f => f.Year));
        Assert.Equal("วันสงกรานต์", shipped.Days[new DateOnly(2026, 4, 13)]);
        Assert.Equal("วันขึ้นปีใหม่", shipped.Days[new DateOnly(2027, 1, 1)]);
        Assert.All(shipped.Files, f => Assert.All(f.Holidays, h => Assert.Equal(f.GregorianYear, h.Date.Year)));
    }

    [Fact]
    public void WeekendsAndPublicHolidaysAreNotWorkingDays()
    {
        var days = HolidaySet.For(Shipped(), []);

        Assert.False(days.IsWorkingDay(new DateOnly(2026, 4, 14)));  // Songkran, Tuesday
        Assert.False(days.IsWorkingDay(new DateOnly(2026, 4, 18)));  // Saturday
        Assert.True(days.IsWorkingDay(new DateOnly(2026, 4, 16)));
    }

    [Fact]
    public void AnOrganizationCanAddADayOffAndWorkOnAShippedHoliday()
    {
        var days = HolidaySet.For(Shipped(),
        [
            new OrganizationHoliday { OrganizationId = 1, Date = new DateOnly(2026, 5, 13), Name = "วันพืชมงคล" },
            new OrganizationHoliday { OrganizationId = 1, Date = new DateOnly(2026, 1, 2), Name = "ทำงานตามปกติ", IsHoliday = false },
        ]);

        Assert.Equal("วันพืชมงคล", days.HolidayName(new DateOnly(2026, 5, 13)));
        Assert.True(days.IsWorkingDay(new DateOnly(2026, 1, 2)));
        Assert.False(HolidaySet.For(Shipped(), []).IsWorkingDay(new DateOnly(2026, 1, 2)));
    }

    [Fact]
    public void ABrokenHolidayFileNamesItselfAndTheEntry()
    {
        var dir = Directory.CreateTempSubdirectory("itabot-holidays-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "th-holidays-2571.json"),
                """{ "year": 2571, "gregorianYear": 2028, "holidays": [ { "date": "2028-01-01", "name": "วันขึ้นปีใหม่" }, { "date": "2028-13-01", "name": "x" } ] }""");

            var error = Assert.Throws<InvalidDataException>(() => ShippedHolidays.Load(dir.FullName));

            Assert.Contains("th-holidays-2571.json", error.Message);
        }
        finally { dir.Delete(true); }
    }
}
