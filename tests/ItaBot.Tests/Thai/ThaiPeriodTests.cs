using System.Text;
using ItaBot.Thai;

namespace ItaBot.Tests.Thai;

public class ThaiPeriodTests
{
    const int Plan2568 = 2568;

    static MonthPeriod Months(string start, string end) => new(Month(start), Month(end));

    static DateOnly Month(string yearMonth) =>
        DateOnly.ParseExact(yearMonth + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    // As the plans and reports in tests/fixtures/domain write it.
    [InlineData("ต.ค. ๖๗ - ก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("ต.ค. ๖๕ – ก.ย. ๖๖", "2022-10", "2023-09")]
    [InlineData("<p>ต.ค. ๖๗ - ก.ย. ๖๘</p>", "2024-10", "2025-09")]
    [InlineData("ตุลาคม 2567 – กันยายน 2568", "2024-10", "2025-09")]
    [InlineData("ตุลาคม ๒๕๖๕ - มีนาคม ๒๕๖๖", "2022-10", "2023-03")]
    [InlineData("มกราคม 2564", "2021-01", "2021-01")]
    // Every separator.
    [InlineData("ต.ค. ๖๗ — ก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("ต.ค. ๖๗ ถึง ก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("ต.ค.๖๗ถึงก.ย.๖๘", "2024-10", "2025-09")]
    [InlineData("ต.ค.67-ก.ย.68", "2024-10", "2025-09")]
    [InlineData("ต.ค. ๖๗ ~ ก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("ต.ค. 67 จนถึง ก.ย. 68", "2024-10", "2025-09")]
    // Abbreviations however they are dotted, spoken short forms, English.
    [InlineData("ต.ค ๖๗ - ก.ย ๖๘", "2024-10", "2025-09")]
    [InlineData("ตค.67 - กย.68", "2024-10", "2025-09")]
    [InlineData("ตค 67 - กย 68", "2024-10", "2025-09")]
    [InlineData("ต. ค. ๖๗ - ก. ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("ตุลา 67 - กันยา 68", "2024-10", "2025-09")]
    [InlineData("Oct 2024 - Sep 2025", "2024-10", "2025-09")]
    [InlineData("October 2024 – September 2025", "2024-10", "2025-09")]
    // Years: two-digit BE, four-digit BE, four-digit Gregorian, with "พ.ศ." in between.
    [InlineData("ตุลาคม 2024 - กันยายน 2025", "2024-10", "2025-09")]
    [InlineData("ตุลาคม พ.ศ. ๒๕๖๗ - กันยายน พ.ศ. ๒๕๖๘", "2024-10", "2025-09")]
    [InlineData("ม.ค. 68 - มี.ค. 2568", "2025-01", "2025-03")]
    // The year only at the end: the start takes it, one year earlier when it would pass the end.
    [InlineData("ต.ค. – ธ.ค. ๖๗", "2024-10", "2024-12")]
    [InlineData("ตุลาคม - ธันวาคม 2567", "2024-10", "2024-12")]
    [InlineData("พ.ย. - ก.พ. ๖๘", "2024-11", "2025-02")]
    [InlineData("ต.ค. - ก.ย. 68", "2024-10", "2025-09")]
    [InlineData("ต.ค. 67 - ก.ย.", "2024-10", "2025-09")]
    // Days are ignored, months kept.
    [InlineData("๑ ต.ค. ๖๗ – ๓๐ ก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("1 ต.ค. - 30 ก.ย. 68", "2024-10", "2025-09")]
    [InlineData("๑๕ มกราคม ๒๕๖๘ ถึง ๓๑ มีนาคม ๒๕๖๘", "2025-01", "2025-03")]
    [InlineData("ภายในเดือน ธ.ค. ๖๗", "2024-12", "2024-12")]
    // Wrapping, HTML and invisible characters.
    [InlineData("ต.ค. ๖๗\n-\nก.ย. ๖๘", "2024-10", "2025-09")]
    [InlineData("  ต.ค.   ๖๗   -   ก.ย.   ๖๘  ", "2024-10", "2025-09")]
    [InlineData("<p>ตุลาคม&nbsp;2567</p><p>&ndash; กันยายน 2568</p>", "2024-10", "2025-09")]
    [InlineData("ต.ค.\u200B๖๗ - ก.ย.\u200B๖๘", "2024-10", "2025-09")]
    [InlineData("<ul><li>ตุลา</li><li>คม ๖๗ - กันยา</li><li>ยน ๖๘</li></ul>", "2024-10", "2025-09")]
    public void PeriodsWrittenWithMonthsParse(string text, string start, string end) =>
        Assert.Equal(Months(start, end), ThaiPeriod.Parse(text, Plan2568));

    [Theory]
    [InlineData("ภายในปีงบประมาณ พ.ศ.๒๕๖๘", 2568)]
    [InlineData("ปีงบประมาณ พ.ศ. ๒๕๖๘", 2568)]
    [InlineData("รายงานผลการดำเนินการตามมาตรการฯภายในปีงบประมาณ พ.ศ.๒๕๖๘", 2568)]
    [InlineData("<p>รายงานผลการ ดำเนินการตาม มาตรการฯภายใน ปีงบประมาณ พ.ศ.๒๕๖๘</p>", 2568)]
    [InlineData("ภายในปีงบ ประมาณ พ.ศ. ๒๕๖๘", 2568)]
    [InlineData("ปีงบประมาณ 2567", 2567)]
    [InlineData("ปีงบประมาณ ๖๙", 2569)]
    [InlineData("ปีงบฯ 69", 2569)]
    [InlineData("ภายในปีงบประมาณ 2025", 2568)]
    [InlineData("ปีงบประมาณ 2568 (ต.ค. 67 - ก.ย. 68)", 2568)]
    public void AFiscalYearPhraseWithAYearMeansThatWholeFiscalYear(string text, int fiscalYear) =>
        Assert.Equal(MonthPeriod.WholeFiscalYear(fiscalYear), ThaiPeriod.Parse(text, Plan2568));

    [Theory]
    [InlineData("ภายในระยะเวลาที่กำหนด")]
    [InlineData("ตามระยะเวลา ที่กำหนด")]
    [InlineData("ตลอดปีงบประมาณ")]
    [InlineData("ภายในปีงบประมาณ")]
    [InlineData("ตลอดปี")]
    [InlineData("ตลอดทั้งปี")]
    [InlineData("ดำเนินการทั้งปี")]
    [InlineData("<p>ภายในระยะเวลาที่กำหนด</p>")]
    public void AWholeYearPhraseWithoutAYearMeansThePlansFiscalYear(string text)
    {
        Assert.Equal(Months("2024-10", "2025-09"), ThaiPeriod.Parse(text, 2568));
        Assert.Equal(Months("2025-10", "2026-09"), ThaiPeriod.Parse(text, 2569));
    }

    [Theory]
    [InlineData("ธ.ค.", "2024-12", "2024-12")]
    [InlineData("ม.ค. - มี.ค.", "2025-01", "2025-03")]
    [InlineData("ต.ค. - ธ.ค.", "2024-10", "2024-12")]
    [InlineData("ส.ค. - ก.ย.", "2025-08", "2025-09")]
    [InlineData("ต.ค. – ก.ย.", "2024-10", "2025-09")]
    [InlineData("ต.ค. - ธ.ค. ปีงบประมาณ ๒๕๖๙", "2025-10", "2025-12")]
    [InlineData("ปีงบประมาณ ๒๕๖๙ (ต.ค. - ธ.ค.)", "2025-10", "2025-12")]
    [InlineData("ต.ค. ปีงบประมาณ ๒๕๖๙ - ธ.ค. ปีงบประมาณ ๒๕๖๙", "2025-10", "2025-12")]
    public void MonthsWithoutAnyYearFallInTheFiscalYear(string text, string start, string end) =>
        Assert.Equal(Months(start, end), ThaiPeriod.Parse(text, Plan2568));

    [Theory]
    [InlineData("ไตรมาสที่ ๑", "2024-10", "2024-12")]
    [InlineData("ไตรมาส 2", "2025-01", "2025-03")]
    [InlineData("ไตรมาสที่ ๔", "2025-07", "2025-09")]
    [InlineData("ไตรมาสที่ ๑-๒", "2024-10", "2025-03")]
    [InlineData("ไตรมาสที่ 3 และไตรมาสที่ 4", "2025-04", "2025-09")]
    [InlineData("ไตรมาสที่ ๒ ปีงบประมาณ ๒๕๖๙", "2026-01", "2026-03")]
    public void FiscalQuartersCountFromOctober(string text, string start, string end) =>
        Assert.Equal(Months(start, end), ThaiPeriod.Parse(text, Plan2568));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("เมื่อมีโอกาส")]
    [InlineData("-")]
    [InlineData("<p></p>")]
    [InlineData("2568")]
    [InlineData("ตุลาการ 2567")]            // a judge, not October
    [InlineData("สำนักงาน ก.พ.ร.")]        // the OPDC, not February
    [InlineData("กรมการปกครอง")]           // "กค" inside a word is not July
    [InlineData("ก.ย. ๖๘ - ต.ค. ๖๗")]      // written backwards
    [InlineData("ต.ค. 123 - ก.ย. 68")]     // not a year
    [InlineData("ตุลาคม 9999")]
    [InlineData("ตุลาคม 1800")]
    [InlineData("ปีงบประมาณ 12345")]
    [InlineData("ไตรมาสที่ 5")]
    [InlineData("ไตรมาสที่ 3-1")]
    public void TextThatIsNotAPeriodGivesNull(string? text) =>
        Assert.Null(ThaiPeriod.Parse(text, Plan2568));

    [Fact]
    public void WithoutAUsableFiscalYearOnlyTextWithItsOwnYearParses()
    {
        Assert.Null(ThaiPeriod.Parse("ภายในระยะเวลาที่กำหนด", 0));
        Assert.Null(ThaiPeriod.Parse("ต.ค. - ธ.ค.", int.MaxValue));
        Assert.Null(ThaiPeriod.Parse("ไตรมาสที่ 1", -5));
        Assert.Equal(MonthPeriod.WholeFiscalYear(2568), ThaiPeriod.Parse("ปีงบประมาณ ๒๕๖๘", 0));
        Assert.Equal(Months("2024-10", "2025-09"), ThaiPeriod.Parse("ต.ค. ๖๗ - ก.ย. ๖๘", int.MinValue));
    }

    [Fact]
    public void EveryPeriodThePrinterWritesReadsBack()
    {
        var fiscalStart = ThaiCalendar.FiscalYearStart(2568);
        for (var from = 0; from < 24; from++)
        for (var to = from; to < 24; to++)
        {
            var start = fiscalStart.AddMonths(from);
            var end = fiscalStart.AddMonths(to);
            var printed = ThaiCalendar.FormatPeriod(start, end);

            Assert.Equal(new MonthPeriod(start, end), ThaiPeriod.Parse(printed, 2568));
        }
    }

    [Fact]
    public void EveryMonthWrittenInFullReadsBack()
    {
        for (var m = 0; m < 12; m++)
        {
            var month = new DateOnly(2025, 1, 1).AddMonths(m);
            Assert.Equal(new MonthPeriod(month, month), ThaiPeriod.Parse(ThaiCalendar.FormatMonthYear(month), 2568));
        }
    }

    [Fact]
    public void RandomTextNeverThrowsAndAnyPeriodFoundIsWholeMonthsInOrder()
    {
        string[] pieces =
        [
            "ต.ค.", "ก.ย", "ตค", "ม.ค.", "มี.ค.", "ตุลา", "คม", "กันยายน", "ไตรมาส", "ที่", "ปีงบประมาณ", "ปีงบฯ", "พ.ศ.",
            "ภายใน", "ระยะเวลาที่กำหนด", "ตลอดปี", "ถึง", "และ", "Oct", "sep", "-", "–", "—", ".", " ", "\n", "\t",
            "<p>", "</p>", "<", ">", "&nbsp;", "&#", ";", "&#99999999999;", "๖๗", "๒๕๖๘", "67", "2024", "0", "31", "9999",
            "99999999999999999999", "\u200B", "\uFEFF", "\uD800", "\uDC00", "😀", "١٢", "ก", "ฯ", "์", "\0",
        ];
        var random = new Random(2568);
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                if (random.Next(4) == 0) text.Append((char)random.Next(0, 0x10000)); // any UTF-16 unit, broken surrogates too
                else text.Append(pieces[random.Next(pieces.Length)]);
            }

            var fiscalYear = random.Next(3) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(2560, 2580);
            var period = ThaiPeriod.Parse(text.ToString(), fiscalYear);

            if (period is null) continue;
            Assert.Equal(1, period.Start.Day);
            Assert.Equal(1, period.End.Day);
            Assert.True(period.Start <= period.End, $"{text} → {period}");
        }
    }

    [Fact]
    public void LongHostileTextNeverThrows()
    {
        foreach (var text in new[]
        {
            new string('<', 200_000),
            string.Concat(Enumerable.Repeat("ต.ค. ", 20_000)),
            string.Concat(Enumerable.Repeat("ต . ", 20_000)),
            new string(' ', 100_000) + "ต.ค. ๖๗",
            string.Concat(Enumerable.Repeat("ปีงบ", 20_000)),
        })
        {
            _ = ThaiPeriod.Parse(text, Plan2568);
        }
    }
}
