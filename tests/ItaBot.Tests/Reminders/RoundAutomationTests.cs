using ItaBot.Reminders;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

public sealed class RoundAutomationTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeRecipients _recipients = new();

    public void Dispose() => _database.Dispose();

    async Task<RoundChanges> RunAsync(FakeTimeProvider time)
    {
        using var app = new ReminderHarness(_database, time, _recipients, new FakeQuotas());
        return await app.WithAsync(sp => sp.GetRequiredService<RoundAutomation>().RunAsync(default));
    }

    [Fact]
    public async Task EachOrganizationGetsTheFiscalYearsRoundsOnItsFirstDay()
    {
        await using (var db = await _database.MigratedContextAsync())
        {
            await Seed.OrganizationAsync(db, "อบต.หนึ่ง");
            await Seed.OrganizationAsync(db, "อบต.สอง");
        }

        var changes = await RunAsync(FakeTimeProvider.AtBangkok(2026, 10, 1, 6, 0));
        var again = await RunAsync(FakeTimeProvider.AtBangkok(2026, 10, 2, 6, 0));

        await using var check = _database.NewContext();
        var rounds = await check.Rounds.ToListAsync();
        Assert.Equal(4, changes.RoundsCreated);
        Assert.Equal(0, again.RoundsCreated);
        Assert.All(rounds, r => Assert.Equal((2570, RoundState.Open), (r.FiscalYear, r.State)));
        Assert.Equal([new DateOnly(2027, 4, 15), new DateOnly(2027, 10, 15)], rounds.Select(r => r.DueDate).Distinct().Order());
    }

    [Fact]
    public async Task ARoundClosesByItselfAfterItsDueDateAndGraceAndStaysOpenIfAnAdministratorReopensIt()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients);

        var lastGraceDay = await RunAsync(FakeTimeProvider.AtBangkok(2026, 4, 30, 6, 0));
        var dayAfter = await RunAsync(FakeTimeProvider.AtBangkok(2026, 5, 1, 6, 0));
        await using (var db = _database.NewContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == scenario.SixMonth.Id);
            Assert.Equal(RoundState.Closed, round.State);
            Rounds.Reopen(round);
            await db.SaveChangesAsync();
        }
        var nextMorning = await RunAsync(FakeTimeProvider.AtBangkok(2026, 5, 2, 6, 0));

        Assert.Empty(lastGraceDay.Closed);
        Assert.Equal([scenario.SixMonth.Id], dayAfter.Closed);
        Assert.Empty(nextMorning.Closed);
        await using var check = _database.NewContext();
        Assert.Equal(RoundState.Open, (await check.Rounds.SingleAsync(r => r.Id == scenario.SixMonth.Id)).State);
    }

    [Fact]
    public async Task OnceTheSixMonthRoundClosesRemindersMoveToTheTwelveMonthRound()
    {
        RoundScenario scenario;
        await using (var db = await _database.MigratedContextAsync()) scenario = await RoundScenario.SeedAsync(db, _recipients);
        var time = FakeTimeProvider.AtBangkok(2026, 5, 4, 6, 0);
        using var app = new ReminderHarness(_database, time, _recipients, new FakeQuotas());

        await app.WithAsync(sp => sp.GetRequiredService<RoundAutomation>().RunAsync(default));
        time.SetUtcNow(new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.FromHours(7)));  // Tuesday: Monday 4 May is Coronation Day
        var wave = await app.RunWaveAsync();

        Assert.Equal(4, wave.Planned.Count);
        Assert.All(wave.Planned, p => Assert.Equal((scenario.TwelveMonth.Id, "weekly:2026-05-04"), (p.RoundId!.Value, p.Slot)));
        Assert.Contains("รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๙", wave.Planned[0].Text);
        Assert.Contains("ภายใน ๑๕ ต.ค. ๖๙", wave.Planned[0].Text);
    }

    [Fact]
    public async Task TheDemoOrganizationFollowsTheCalendarLikeAnyOther()
    {
        // Loaded on 2 Dec 2026 in FY 2570; on 1 May 2027 its 6-month round (due 15 Apr, 15 days' grace) closes by itself.
        await using (var db = await _database.MigratedContextAsync())
        {
            var demo = await Seed.OrganizationAsync(db, ItaBot.Import.DemoData.OrganizationName);
            await Rounds.EnsureStandardRoundsAsync(db, demo, 2570, FakeTimeProvider.AtBangkok(2026, 12, 2), default);
        }
        using var app = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2027, 5, 1, 6, 0), _recipients, new FakeQuotas(),
            new() { ["Demo:Load"] = "true" });

        var changes = await app.WithAsync(sp => sp.GetRequiredService<RoundAutomation>().RunAsync(default));

        await using var check = _database.NewContext();
        var sixMonth = await check.Rounds.SingleAsync(r => r.Kind == RoundKind.SixMonth);
        Assert.Equal([sixMonth.Id], changes.Closed);
        Assert.Equal(RoundState.Closed, sixMonth.State);
        Assert.Equal(RoundState.Open, (await check.Rounds.SingleAsync(r => r.Kind == RoundKind.TwelveMonth)).State);
    }

    [Fact]
    public async Task ASettingTurnsRoundAutomationOff()
    {
        await using (var db = await _database.MigratedContextAsync()) await Seed.OrganizationAsync(db);
        using var app = new ReminderHarness(_database, FakeTimeProvider.AtBangkok(2026, 10, 1), _recipients, new FakeQuotas(),
            new() { ["Reminders:AutomateRounds"] = "false" });

        var changes = await app.WithAsync(sp => sp.GetRequiredService<RoundAutomation>().RunAsync(default));

        Assert.Equal(0, changes.RoundsCreated);
    }
}
