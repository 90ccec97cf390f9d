using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Tracking;

/// <summary>
/// The reminder wave asks which measures are answered for thousands of rounds at once; the answer must be each
/// round's own rule (<see cref="RoundWindows.Counted"/>), whether few organizations are asked about or many.
/// </summary>
public sealed class AnsweredMeasuresTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(60)] // past the point where the query stops naming organizations
    public async Task AnsweredMeasuresOfManyRoundsAtOnceAreWhatEachRoundsOwnRuleCounts(int organizations)
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var now = FakeTimeProvider.AtBangkok(2025, 8, 20);
        var rounds = new List<Round>();
        var random = new Random(organizations);
        for (var o = 0; o < organizations; o++)
        {
            var org = await Seed.OrganizationAsync(db, $"อบต.ทดสอบ {o}");
            var (six, twelve) = await RoundsOfAsync(db, org);
            rounds.Add(six);
            rounds.Add(twelve);
            for (var m = 1; m <= 6; m++)
            {
                var measure = await Seed.MeasureAsync(db, org, $"M{m}");
                // Answers of every kind the rule tells apart, picked at random per measure.
                switch (random.Next(7))
                {
                    case 0: break; // never answered
                    case 1: db.StatusReports.Add(At(measure, six, 2025, 1, 10)); break; // in the 6-month window: both rounds
                    case 2: db.StatusReports.Add(At(measure, six, 2025, 4, 5)); break; // filed under the 6-month round after its window, by its due date
                    case 3: db.StatusReports.Add(At(measure, twelve, 2025, 5, 1)); break; // the 12-month round only
                    case 4: db.StatusReports.Add(At(measure, six, 2025, 2, 1, withdrawn: true)); break; // withdrawn: never counts
                    case 5: db.StatusReports.Add(At(measure, twelve, 2025, 8, 25)); break; // after the cut-off ("now")
                    case 6: db.StatusReports.Add(At(measure, twelve, 2024, 9, 1)); break; // before either window, under the 12-month round
                }
            }
        }
        await db.SaveChangesAsync();
        // A closed round counts up to its closing instant, whatever "now" is.
        var closed = rounds[0];
        closed.State = RoundState.Closed;
        closed.ClosedAtUtc = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.SaveChangesAsync();

        var nowUtc = now.GetUtcNow().UtcDateTime;
        var answered = await MeasureStatuses.AnsweredAsync(db, rounds.Select(r => r.Id).ToList(), nowUtc, default);

        foreach (var round in rounds)
        {
            var expected = await RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, nowUtc))
                .Select(s => s.MeasureId).Distinct().ToListAsync();
            Assert.Equal(expected.Order(), answered[round.Id].Order());
        }
        Assert.Contains(answered.Values, a => a.Count > 0);
    }

    static async Task<(Round Six, Round Twelve)> RoundsOfAsync(ItaBot.Data.ItaBotDb db, Organization org)
    {
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, FakeTimeProvider.AtBangkok(2024, 11, 1), default);
        return (rounds.Single(r => r.Kind == RoundKind.SixMonth), rounds.Single(r => r.Kind == RoundKind.TwelveMonth));
    }

    static StatusReport At(Measure measure, Round round, int year, int month, int day, bool withdrawn = false)
    {
        var report = Seed.Report(measure, round, MeasureStatus.Done, FakeTimeProvider.AtBangkok(year, month, day));
        if (withdrawn) report.Withdraw(WithdrawalReason.Undone, report.ReportedAtUtc.AddMinutes(5), null);
        return report;
    }
}
