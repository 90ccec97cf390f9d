using Microsoft.Extensions.Configuration;
using ItaBot.Reminders;
using ItaBot.Reminders.Holidays;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

public sealed class QuotaTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();
    readonly FakeQuotas _quotas = new() { Limit = 300 };

    public void Dispose() => _database.Dispose();

    static readonly RoundDates SixMonth2569 = new(new DateOnly(2025, 10, 1), new DateOnly(2026, 4, 15));

    static WorkingHours Hours() => new(new TimeOnly(8, 30), new TimeOnly(16, 30),
        HolidaySet.For(ShippedHolidays.Load(ShippedHolidays.DefaultDirectory), []));

    [Fact]
    public void TheEstimateIsSlotsInTheNextThirtyDaysTimesThePeopleInEveryChat()
    {
        var policy = new ReminderOptions().DefaultPolicy(1);
        UnitChat[] chats = [new(1, "default", "a", [1], 10), new(1, "default", "b", [2], 8), new(1, "default", "c", [3], null)];

        // 1–30 Mar 2026: weekly on the 2nd, 9th, 16th, 23rd and 30th; nothing else is planned.
        var estimate = QuotaEstimate.For(policy, SixMonth2569, Hours(), new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30), chats, new AdminChat(1, "default", "admin", 4));

        Assert.Equal(5, estimate.UnitSlots);
        Assert.Equal(0, estimate.EscalationSlots);
        Assert.Equal(5 * (10 + 8 + 1), estimate.Messages);
        Assert.Equal(1, estimate.ChatsOfUnknownSize);
    }

    [Fact]
    public void AroundTheDueDateTheEstimateCountsTheDenserRemindersAndTheEscalations()
    {
        var policy = new ReminderOptions().DefaultPolicy(1);
        UnitChat[] chats = [new(1, "default", "a", [1], 10)];

        // 1–30 Apr 2026, round closes after 30 Apr: due-14, weekly (7th), due-7, then overdue/escalation on every
        // working day from Thu 16 Apr to Thu 30 Apr (11 days), the Songkran reminders folded into the 16th.
        var estimate = QuotaEstimate.For(policy, SixMonth2569, Hours(), new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 30), chats, new AdminChat(1, "default", "admin", 4));

        Assert.Equal(3 + 11, estimate.UnitSlots);
        Assert.Equal(11, estimate.EscalationSlots);
        Assert.Equal(14 * 10 + 11 * 4, estimate.Messages);
    }

    [Fact]
    public async Task AnAdministratorsPolicyChangeThatWouldOutrunTheQuotaWarnsTheAdminChat()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients, membersPerChat: 10);
        _quotas.UsedBeforeReminders = 120;
        using var app = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 3, 1, 10, 0), _recipients, _quotas);

        // Weekly reminders on Monday to four groups of ten: five Mondays in March cost 200, and 180 is left.
        var change = await app.WithAsync(sp => sp.GetRequiredService<ReminderPolicies>().ChangeAsync(scenario.Org.Id, p => p.RemindAt = new TimeOnly(10, 0), "ผู้ดูแล", default));

        Assert.Null(change.Error);
        Assert.Equal(200, change.Cost!.Estimate.Messages);
        Assert.True(change.Cost.OverQuota);
        Assert.True(change.Warned);
        await using var check = _database.NewContext();
        var warning = await check.LineOutbox.SingleAsync();
        Assert.Equal(scenario.Admin, warning.To);
        Assert.Contains("ประมาณ ๒๐๐ ข้อความใน ๓๐ วันข้างหน้า แต่โควตาเดือนนี้เหลือ ๑๘๐ จาก ๓๐๐", warning.MessagesJson);
        Assert.Equal(new TimeOnly(10, 0), (await check.ReminderPolicies.SingleAsync()).RemindAt);
    }

    [Fact]
    public async Task APolicyThatFitsTheQuotaAppliesWithoutAWarning()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients, membersPerChat: 2);
        using var app = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 3, 1, 10, 0), _recipients, _quotas);

        var change = await app.WithAsync(sp => sp.GetRequiredService<ReminderPolicies>().ChangeAsync(scenario.Org.Id, p => p.DaysBefore = [7, 1], null, default));

        Assert.False(change.Cost!.OverQuota);
        Assert.False(change.Warned);
        await using var check = _database.NewContext();
        Assert.Empty(await check.LineOutbox.ToListAsync());
        Assert.Equal([7, 1], (await check.ReminderPolicies.SingleAsync()).DaysBefore);
    }

    [Fact]
    public async Task AnImpossiblePolicyIsRefusedWithTheReason()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients);
        using var app = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 3, 1, 10, 0), _recipients, _quotas);

        var change = await app.WithAsync(sp => sp.GetRequiredService<ReminderPolicies>().ChangeAsync(scenario.Org.Id,
            p => (p.WorkStart, p.WorkEnd) = (new TimeOnly(16, 30), new TimeOnly(8, 30)), null, default));

        Assert.Equal("เวลาเลิกงาน (๐๘:๓๐) ต้องหลังเวลาเริ่มงาน (๑๖:๓๐)", change.Error);
        await using var check = _database.NewContext();
        Assert.Empty(await check.ReminderPolicies.ToListAsync());
    }

    [Fact]
    public async Task TheDailyCheckWarnsAnOrganizationOverItsQuotaOnceAMonth()
    {
        await using (var db = await _database.MigratedContextAsync()) await RoundScenario.SeedAsync(db, _recipients, membersPerChat: 30);
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 6, 0);
        using var app = new ReminderHarness(_database, time, _recipients, _quotas);

        var first = await app.WithAsync(sp => sp.GetRequiredService<ReminderPolicies>().WarnWhereOverQuotaAsync(default));
        time.Advance(TimeSpan.FromDays(1));
        var second = await app.WithAsync(sp => sp.GetRequiredService<ReminderPolicies>().WarnWhereOverQuotaAsync(default));

        Assert.Equal((1, 0), (first, second));
    }
}

public sealed class CountedQuotaTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task WithoutLineTheQuotaIsTheConfiguredAllowanceMinusWhatRemindersBilledThisMonth()
    {
        await using (var db = await _database.MigratedContextAsync()) await RoundScenario.SeedAsync(db, _recipients, membersPerChat: 7);
        var time = FakeTimeProvider.AtBangkok(2026, 3, 2, 9, 0);
        using var app = new ReminderHarness(_database, time, _recipients, new FakeQuotas { Limit = null }, new() { ["Reminders:AssumedMonthlyQuota"] = "500" });
        await app.RunWaveAsync();

        var thisMonth = await app.WithAsync(sp => ActivatorUtilities.CreateInstance<LineChannelQuotas>(sp).GetAsync(RoundScenario.Channel, default));
        time.SetUtcNow(new DateTimeOffset(2026, 4, 1, 0, 5, 0, TimeSpan.FromHours(7)));
        var nextMonth = await app.WithAsync(sp => ActivatorUtilities.CreateInstance<LineChannelQuotas>(sp).GetAsync(RoundScenario.Channel, default));

        Assert.Equal(new ChannelQuota(RoundScenario.Channel, 500, 4 * 7, FromLine: false), thisMonth);
        Assert.Equal(0, nextMonth.Used);
    }
}

public sealed class ReminderOptionsTests
{
    [Fact]
    public void ConfigurationSetsThePolicyEveryOrganizationStartsWith()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:WeeklyDay"] = "Tuesday",
            ["Reminders:RemindAt"] = "10:15",
            ["Reminders:DaysBefore:0"] = "7",
            ["Reminders:DaysBefore:1"] = "1",
            ["Reminders:WorkEnd"] = "16:00",
        }).Build();

        var policy = configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>()!.DefaultPolicy(1);

        Assert.Equal((DayOfWeek.Tuesday, new TimeOnly(10, 15), new TimeOnly(8, 30), new TimeOnly(16, 0)), (policy.WeeklyDay!.Value, policy.RemindAt, policy.WorkStart, policy.WorkEnd));
        Assert.Equal([7, 1], policy.DaysBefore);
        Assert.Equal([14, 7, 3, 1], new ReminderOptions().DefaultPolicy(1).DaysBefore);
    }

    [Fact]
    public void AnImpossibleConfigurationIsRefusedAtStartNamingTheSetting()
    {
        var options = new ReminderOptions { WorkStart = new TimeOnly(17, 0), DaysBefore = [0] };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(r => r.ErrorMessage).ToList();

        Assert.Contains("Reminders:WorkEnd (16:30) must be after Reminders:WorkStart (17:00).", problems);
        Assert.Contains("Reminders:DaysBefore has 0; each value must be between 1 and 180 days.", problems);
    }
}
