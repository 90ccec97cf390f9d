using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Tracking;

/// <summary>
/// A measure's status in a round is its latest counted answer (<see cref="RoundWindows.Counted"/>; later when given,
/// the higher id on the same instant). The database finds it per measure; it must be the answer the rule picks from
/// every counted row, however many answers a measure has, when several share an instant, or the latest is withdrawn.
/// </summary>
public sealed class LatestStatusTests
{
    [Fact]
    public async Task TheLatestAnswerOfEachMeasureIsTheOneTheRulePicksFromAllItsCountedAnswers()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db, "อบต.ทดสอบ");
        var other = await Seed.OrganizationAsync(db, "อบต.ข้างเคียง");
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, FakeTimeProvider.AtBangkok(2024, 11, 1), default);
        var (six, twelve) = (rounds.Single(r => r.Kind == RoundKind.SixMonth), rounds.Single(r => r.Kind == RoundKind.TwelveMonth));
        var theirs = (await Rounds.EnsureStandardRoundsAsync(db, other, 2568, FakeTimeProvider.AtBangkok(2024, 11, 1), default))[0];
        var measures = new List<Measure>();
        for (var m = 1; m <= 12; m++) measures.Add(await Seed.MeasureAsync(db, org, $"M{m}"));
        var lastYear = await Seed.MeasureAsync(db, org, "M1", fiscalYear: 2567);
        var theirMeasure = await Seed.MeasureAsync(db, other, "M1");

        var random = new Random(16);
        var statuses = Enum.GetValues<MeasureStatus>();
        var instants = Enumerable.Range(0, 40).Select(d => FakeTimeProvider.AtBangkok(2024, 10, 1).GetUtcNow().UtcDateTime.AddDays(d * 7)).ToList();
        foreach (var measure in measures.Skip(1)) // M1: never answered
        {
            for (var i = random.Next(1, 60); i > 0; i--)
            {
                var report = Seed.Report(measure, random.Next(2) == 0 ? six : twelve, statuses[random.Next(statuses.Length)], TimeProvider.System);
                // Few instants for many answers: several answers share one, so the id decides.
                report.ReportedAtUtc = instants[random.Next(instants.Count)];
                if (random.Next(5) == 0) report.Withdraw(WithdrawalReason.Undone, report.ReportedAtUtc.AddMinutes(5), null);
                db.StatusReports.Add(report);
            }
        }
        // Answers about another year's or another organization's measure never count here.
        db.StatusReports.Add(Seed.Report(lastYear, six, MeasureStatus.Done, FakeTimeProvider.AtBangkok(2025, 3, 1)));
        db.StatusReports.Add(Seed.Report(theirMeasure, theirs, MeasureStatus.Done, FakeTimeProvider.AtBangkok(2025, 3, 1)));
        await db.SaveChangesAsync();

        var cutOffs = new DateTime?[] { null, FakeTimeProvider.AtBangkok(2025, 2, 1).GetUtcNow().UtcDateTime };
        foreach (var round in new[] { six, twelve })
        {
            foreach (var cutOff in cutOffs)
            {
                var expected = (await RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, cutOff ?? DateTime.MaxValue)).ToListAsync())
                    .GroupBy(r => r.MeasureId)
                    .ToDictionary(g => g.Key, g => g.Aggregate((a, b) => MeasureStatuses.Later(b, a) ? b : a).Id);
                Assert.True(expected.Count >= 8, "the seeded answers leave most measures answered");

                var all = await MeasureStatuses.LatestInRoundAsync(db, round, default, nowUtc: cutOff);
                Assert.Equal(expected.OrderBy(e => e.Key), all.Select(l => KeyValuePair.Create(l.Key, l.Value.Id)).OrderBy(e => e.Key));
                Assert.All(all, l => Assert.Equal(l.Key, l.Value.MeasureId));

                var some = measures.Take(5).Select(m => m.Id).Append(lastYear.Id).ToList();
                var picked = await MeasureStatuses.LatestInRoundAsync(db, round, default, some, cutOff);
                Assert.Equal(expected.Where(e => some.Contains(e.Key)).OrderBy(e => e.Key), picked.Select(l => KeyValuePair.Create(l.Key, l.Value.Id)).OrderBy(e => e.Key));
            }
        }
    }
}
