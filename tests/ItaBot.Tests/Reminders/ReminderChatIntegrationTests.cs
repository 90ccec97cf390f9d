using ItaBot.Reminders;
using ItaBot.Tests.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Chat.ChatHarness;

namespace ItaBot.Tests.Reminders;

/// <summary>Reminder commands typed in LINE, through the signed webhook and the chat engine, and the waves that follow.</summary>
public sealed class ReminderChatIntegrationTests
{
    static async Task<WaveResult> WaveAsync(ChatHarness h)
    {
        await using var scope = h.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(default);
    }

    [Fact]
    public async Task AGroupThatPausesItsRemindersIsLeftOutOfTheNextWave()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var answer = await h.SayAsync(InFinanceGroup(FinanceHeadId), "พักการแจ้งเตือน ถึง 20 มี.ค.");
        // Monday 3 Mar 2025, 09:00: the weekly reminder is due.
        var wave = await WaveAsync(h);

        Assert.Contains("พักการแจ้งเตือน กองคลัง ถึง ๒๐ มี.ค. ๖๘ แล้ว", answer.Text());
        Assert.Equal([WorksGroupId], wave.Planned.Select(p => p.To));
        var works = Assert.Single(await h.PushesToAsync(WorksGroupId));
        Assert.Contains("กองช่าง ยังไม่รายงาน ๒ มาตรการ", FakeLineServerText(works));
        Assert.DoesNotContain(h.Line.Pushes, p => p.To == FinanceGroupId);
    }

    [Fact]
    public async Task AnAdministratorChangesTheScheduleInChatAndHearsWhatItWillCost()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();

        var refused = await h.SayAsync(InFinanceGroup(FinanceHeadId), "ตั้งเตือนทุกวันพุธ 10:00");
        var changed = await h.SayAsync(Direct(AdminId), "ตั้งเตือนทุกวันพุธ 10:00");
        var settings = await h.SayAsync(Direct(AdminId), "การแจ้งเตือน");

        Assert.Contains("คำสั่งนี้สำหรับผู้ดูแลระบบ", refused.Text());
        Assert.Contains("ตั้งค่าแล้ว: เตือนทุกวันพุธ เวลา ๑๐:๐๐ น.", changed.Text());
        Assert.Contains("ประมาณการใช้ข้อความ LINE ๓๐ วันข้างหน้า", changed.Text());
        Assert.Contains("• รายสัปดาห์: ทุกวันพุธ", settings.Text());
        var policy = await h.InDbAsync(db => db.ReminderPolicies.SingleAsync());
        Assert.Equal((DayOfWeek.Wednesday, new TimeOnly(10, 0)), (policy.WeeklyDay!.Value, policy.RemindAt));
    }

    [Fact]
    public async Task TheCostOfAPolicyCountsEveryMemberLineReportsForAGroup()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        h.Line.AddGroup(FinanceGroupId, "กลุ่มกองคลัง", memberCount: 25);

        var changed = await h.SayAsync(Direct(AdminId), "ตั้งเตือนทุกวันพุธ 10:00");

        // 3 Mar – 1 Apr 2025: four Wednesdays and "14 days left" on 1 Apr, to กองคลัง's 25 (from LINE) and
        // กองช่าง's one member seen so far; out of 300 free messages.
        Assert.Contains("ประมาณการใช้ข้อความ LINE ๓๐ วันข้างหน้า: ๑๓๐ ข้อความ (โควตาเหลือ ๓๐๐ จาก ๓๐๐)", changed.Text());
    }

    [Fact]
    public async Task AfterTheDueDateTheAdministratorGroupHearsWhoStillOwes()
    {
        await using var h = await StartAsync();
        await h.BindGroupsAsync();
        await h.SayAsync(InAdminGroup(AdminId), "ผูกกลุ่มผู้ดูแล");
        await h.SayAsync(InWorksGroup(WorksHeadId), "M4 เสร็จแล้ว");

        h.Time.SetUtcNow(new DateTimeOffset(2025, 4, 17, 9, 30, 0, TimeSpan.FromHours(7)));
        var wave = await WaveAsync(h);

        var escalation = Assert.Single(await h.PushesToAsync(AdminGroupId));
        var text = FakeLineServerText(escalation);
        Assert.Contains("เลยกำหนด ๑๕ เม.ย. ๖๘ มาแล้ว ๒ วัน", text);
        Assert.Contains("• กองคลัง: M1, M2, M3", text);
        Assert.Contains("• กองช่าง: M3", text);
        Assert.Equal(3, wave.Planned.Count);
    }

    static string FakeLineServerText(Support.FakeLine.FakeLinePush push) => Support.FakeLine.FakeLineServer.Readable(push.Messages[0]);
}
