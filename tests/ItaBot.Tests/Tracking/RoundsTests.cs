using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Tracking;

public sealed class RoundsTests
{
    [Fact]
    public async Task AFiscalYearGetsASixMonthAndATwelveMonthRoundWithDueDatesAfterTheirWindows()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var time = FakeTimeProvider.AtBangkok(2024, 11, 1);

        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default);

        Assert.Collection(rounds,
            six =>
            {
                Assert.Equal((RoundKind.SixMonth, new DateOnly(2024, 10, 1), new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 15), RoundState.Open),
                    (six.Kind, six.WindowStart, six.WindowEnd, six.DueDate, six.State));
            },
            twelve =>
            {
                Assert.Equal((RoundKind.TwelveMonth, new DateOnly(2024, 10, 1), new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 15), RoundState.Open),
                    (twelve.Kind, twelve.WindowStart, twelve.WindowEnd, twelve.DueDate, twelve.State));
            });
    }

    [Fact]
    public async Task EnsuringRoundsTwiceDoesNotDuplicateThem()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var time = FakeTimeProvider.AtBangkok(2024, 11, 1);

        await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default);
        await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default);

        Assert.Equal(2, await db.Rounds.CountAsync());
    }

    [Fact]
    public async Task RoundsWhoseDueDateHasPassedAreCreatedClosed()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var time = FakeTimeProvider.AtBangkok(2025, 6, 1);

        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default);

        Assert.Equal(RoundState.Closed, rounds.Single(r => r.Kind == RoundKind.SixMonth).State);
        Assert.Equal(RoundState.Open, rounds.Single(r => r.Kind == RoundKind.TwelveMonth).State);
        Assert.Equal(RoundKind.TwelveMonth, (await Rounds.CurrentAsync(db, org.Id, default))!.Kind);
    }

    [Fact]
    public async Task TheLatestReportInTheRoundIsTheMeasuresStatusAndEarlierOnesStayAsHistory()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var time = FakeTimeProvider.AtBangkok(2025, 1, 10);
        var round = (await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default))[0];
        var measure = await Seed.MeasureAsync(db, org, "M1");

        db.StatusReports.Add(Seed.Report(measure, round, MeasureStatus.InProgress, time));
        time.Advance(TimeSpan.FromDays(3));
        db.StatusReports.Add(Seed.Report(measure, round, MeasureStatus.Done, time));
        await db.SaveChangesAsync();

        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, default);

        Assert.Equal(MeasureStatus.Done, latest[measure.Id].Status);
        Assert.Equal(2, await db.StatusReports.CountAsync(s => s.MeasureId == measure.Id));
    }

    [Fact]
    public async Task AClosedRoundIgnoresReportsThatArriveAfterItClosed()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db);
        var time = FakeTimeProvider.AtBangkok(2025, 3, 20);
        var round = (await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default))[0];
        var measure = await Seed.MeasureAsync(db, org, "M1");
        db.StatusReports.Add(Seed.Report(measure, round, MeasureStatus.InProgress, time));
        time.Advance(TimeSpan.FromDays(1));
        Rounds.Close(round, time);
        time.Advance(TimeSpan.FromDays(1));
        db.StatusReports.Add(Seed.Report(measure, round, MeasureStatus.Done, time));
        await db.SaveChangesAsync();

        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, default);

        Assert.Equal(MeasureStatus.InProgress, latest[measure.Id].Status);
    }
}
