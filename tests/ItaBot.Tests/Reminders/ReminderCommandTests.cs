using ItaBot.Reminders;

namespace ItaBot.Tests.Reminders;

public sealed class ReminderCommandTests
{
    static readonly DateOnly Today = new(2026, 11, 21);

    static ReminderCommand? Parse(string text) => ReminderCommands.Parse(text, Today);

    [Theory]
    [InlineData("พักการแจ้งเตือน ถึง 15 ม.ค.", null, 2027, 1, 15)]
    [InlineData("พักการแจ้งเตือน ถึง ๑๕ มกราคม ๒๕๗๐", null, 2027, 1, 15)]
    [InlineData("พักการแจ้งเตือน กองคลัง ถึง 15 มค 70", "กองคลัง", 2027, 1, 15)]
    [InlineData("พักการแจ้งเตือนถึงวันที่ 30 พ.ย.", null, 2026, 11, 30)]
    [InlineData("pause reminders until 2026-12-01", null, 2026, 12, 1)]
    [InlineData("Pause reminders Finance until 3 Dec", "Finance", 2026, 12, 3)]
    public void APauseNamesItsEndDayAndOptionallyTheUnit(string text, string? unit, int year, int month, int day)
    {
        Assert.Equal(new PauseReminders(unit, new DateOnly(year, month, day)), Parse(text));
    }

    [Theory]
    [InlineData("พักการแจ้งเตือน", "บอกวันที่")]
    [InlineData("พักการแจ้งเตือน ถึง พรุ่งนี้", "ไม่เข้าใจวันที่ \"พรุ่งนี้\"")]
    [InlineData("พักการแจ้งเตือน ถึง 1 ม.ค. 2569", "ผ่านไปแล้ว")]
    [InlineData("พักการแจ้งเตือน ถึง 31 ก.พ. 70", "ไม่เข้าใจวันที่")]
    public void AMisunderstoodPauseSaysWhatToTypeInstead(string text, string expected)
    {
        var error = Assert.IsType<ReminderCommandError>(Parse(text));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void PolicyEditsAreUnderstoodInThaiAndEnglish()
    {
        var policy = new ReminderOptions().DefaultPolicy(1);

        Apply("ตั้งเตือนทุกวันอังคาร 10:30", policy);
        Assert.Equal((DayOfWeek.Tuesday, new TimeOnly(10, 30)), (policy.WeeklyDay!.Value, policy.RemindAt));
        Apply("ตั้งเตือนก่อนครบกำหนด ๑๐ ๕ ๑ วัน", policy);
        Assert.Equal([10, 5, 1], policy.DaysBefore);
        Apply("ตั้งเวลาทำการ 08:00-16:00", policy);
        Assert.Equal((new TimeOnly(8, 0), new TimeOnly(16, 0)), (policy.WorkStart, policy.WorkEnd));
        Apply("ตั้งเตือนหลังครบกำหนด ปิด", policy);
        Assert.False(policy.OverdueDaily);
        Apply("escalation off", policy);
        Assert.False(policy.EscalateToAdmins);
        Apply("quota threshold 60", policy);
        Assert.Equal(60, policy.QuotaFallbackPercent);
        Apply("ปิดเตือนรายสัปดาห์", policy);
        Assert.Null(policy.WeeklyDay);
        Apply("remind weekly friday", policy);
        Assert.Equal(DayOfWeek.Friday, policy.WeeklyDay);
        Assert.Equal(new TimeOnly(10, 30), policy.RemindAt);

        static void Apply(string text, ReminderPolicy policy) => Assert.IsType<ChangeReminderPolicy>(Parse(text)).Apply(policy);
    }

    [Fact]
    public void HolidaysCanBeAddedAndWorkedOn()
    {
        Assert.Equal(new ChangeHoliday(new DateOnly(2027, 5, 13), "วันพืชมงคล", true), Parse("เพิ่มวันหยุด 13 พ.ค. วันพืชมงคล"));
        Assert.Equal(new ChangeHoliday(new DateOnly(2027, 1, 2), null, false), Parse("ยกเลิกวันหยุด 2 ม.ค. 2570"));
        Assert.IsType<ShowHolidays>(Parse("วันหยุด"));
    }

    [Theory]
    [InlineData("เตือนตอนนี้")]
    [InlineData("M1 เสร็จแล้ว")]
    [InlineData("สถานะ")]
    [InlineData("วันหยุดนี้ไปเที่ยวไหนดี")]
    [InlineData("")]
    public void OtherMessagesAreLeftToTheChatLayer(string text)
    {
        Assert.Null(Parse(text));
    }
}
