using ItaBot.Reminders;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

public sealed class ReminderChatTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();

    public void Dispose() => _database.Dispose();

    async Task<(ReminderHarness App, RoundScenario Scenario)> StartAsync()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients, membersPerChat: 2);
        return (new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 3, 4, 10, 0), _recipients, new FakeQuotas()), scenario);
    }

    static Task<string?> SayAsync(ReminderHarness app, string text, ReminderChatContext context) =>
        app.WithAsync(sp => sp.GetRequiredService<ReminderChat>().TryHandleAsync(text, context, default));

    [Fact]
    public async Task AUnitGroupPausesItsOwnRemindersUntilADate()
    {
        var (app, scenario) = await StartAsync();
        using var _ = app;
        var finance = new ReminderChatContext(scenario.Org.Id, false, [scenario.Units["กองคลัง"].Id], "หัวหน้ากองคลัง");

        var reply = await SayAsync(app, "พักการแจ้งเตือน ถึง 15 มี.ค.", finance);

        Assert.Equal("พักการแจ้งเตือน กองคลัง ถึง ๑๕ มี.ค. ๖๙ แล้ว จะเริ่มเตือนอีกครั้งตั้งแต่ ๑๖ มี.ค. ๖๙ (ผู้ดูแลยังสั่ง \"เตือนตอนนี้\" ได้)", reply);
        await using var db = _database.NewContext();
        var pause = await db.UnitPauses.SingleAsync();
        Assert.Equal((scenario.Units["กองคลัง"].Id, new DateOnly(2026, 3, 15), "หัวหน้ากองคลัง"), (pause.UnitId, pause.Until, pause.CreatedBy));
    }

    [Fact]
    public async Task AUnitGroupCannotPauseAnotherUnitButAnAdministratorCan()
    {
        var (app, scenario) = await StartAsync();
        using var _ = app;
        var finance = new ReminderChatContext(scenario.Org.Id, false, [scenario.Units["กองคลัง"].Id], null);
        var admin = new ReminderChatContext(scenario.Org.Id, true, [], null);

        var refused = await SayAsync(app, "พักการแจ้งเตือน กองช่าง ถึง 15 มี.ค.", finance);
        var unknown = await SayAsync(app, "พักการแจ้งเตือน กองสวัสดิการ ถึง 15 มี.ค.", admin);
        var done = await SayAsync(app, "พักการแจ้งเตือน กองช่าง ถึง 15 มี.ค.", admin);
        var resumed = await SayAsync(app, "เปิดการแจ้งเตือน กองช่าง", admin);

        Assert.Equal("กลุ่มนี้พักการแจ้งเตือนได้เฉพาะหน่วยงานของกลุ่ม ไม่ใช่ กองช่าง", refused);
        Assert.Equal("ไม่พบหน่วยงาน \"กองสวัสดิการ\" ในรายชื่อหน่วยงาน", unknown);
        Assert.StartsWith("พักการแจ้งเตือน กองช่าง ถึง", done);
        Assert.Equal("เปิดการแจ้งเตือน กองช่าง แล้ว", resumed);
    }

    [Fact]
    public async Task OnlyAdministratorsChangeThePolicyAndTheyAreToldWhatItCosts()
    {
        var (app, scenario) = await StartAsync();
        using var _ = app;
        var member = new ReminderChatContext(scenario.Org.Id, false, [scenario.Units["กองคลัง"].Id], null);
        var admin = new ReminderChatContext(scenario.Org.Id, true, [], "ผู้ดูแล");

        var refused = await SayAsync(app, "ตั้งเตือนทุกวันพุธ 10:00", member);
        var changed = await SayAsync(app, "ตั้งเตือนทุกวันพุธ 10:00", admin);

        Assert.Equal("คำสั่งนี้สำหรับผู้ดูแลระบบ พิมพ์ในกลุ่มผู้ดูแลหรือขอให้ผู้ดูแลตั้งค่าให้", refused);
        // From Wed 4 Mar: Wednesdays 4, 11, 18, 25 Mar and 1 Apr, the last also "due-14"; four groups of two.
        Assert.Equal("ตั้งค่าแล้ว: เตือนทุกวันพุธ เวลา ๑๐:๐๐ น.\nประมาณการใช้ข้อความ LINE ๓๐ วันข้างหน้า: ๔๐ ข้อความ (โควตาเหลือ ๓๐๐ จาก ๓๐๐)", changed);
    }

    [Fact]
    public async Task TheSettingsShowThePolicyThePausesAndTheCost()
    {
        var (app, scenario) = await StartAsync();
        using var _ = app;
        var admin = new ReminderChatContext(scenario.Org.Id, true, [], null);
        await SayAsync(app, "พักการแจ้งเตือน กองช่าง ถึง 20 มี.ค.", admin);

        var settings = await SayAsync(app, "การแจ้งเตือน", admin);

        Assert.Contains("• รายสัปดาห์: ทุกวันจันทร์", settings);
        Assert.Contains("• ก่อนครบกำหนด: ๑๔, ๗, ๓, ๑ วัน", settings);
        Assert.Contains("• เวลาทำการ: ๐๘:๓๐ น.–๑๖:๓๐ น.", settings);
        Assert.Contains("• พักการแจ้งเตือน: กองช่าง ถึง ๒๐ มี.ค. ๖๙", settings);
        Assert.Contains("ประมาณการใช้ข้อความ LINE ๓๐ วันข้างหน้า:", settings);
    }

    [Fact]
    public async Task AnAddedHolidayStopsRemindersThatDay()
    {
        var (app, scenario) = await StartAsync();
        using var _ = app;
        var admin = new ReminderChatContext(scenario.Org.Id, true, [], null);

        var added = await SayAsync(app, "เพิ่มวันหยุด 9 มี.ค. วันหยุดประจำปีของเทศบาล", admin);
        var list = await SayAsync(app, "วันหยุด", admin);
        using var onTheDay = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 3, 9, 10, 0), _recipients, new FakeQuotas());
        var wave = await onTheDay.RunWaveAsync();

        Assert.Equal("เพิ่มวันหยุด ๙ มี.ค. ๖๙ วันหยุดประจำปีของเทศบาล แล้ว จะไม่มีการเตือนในวันนั้น", added);
        Assert.Contains("• ๙ มี.ค. ๖๙ วันหยุดประจำปีของเทศบาล", list);
        Assert.Contains("• ๖ เม.ย. ๖๙ วันพระบาทสมเด็จพระพุทธยอดฟ้าจุฬาโลกมหาราช", list);
        Assert.Empty(wave.Planned);
    }
}
