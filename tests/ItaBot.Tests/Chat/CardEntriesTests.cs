using ItaBot.Chat;
using ItaBot.Tests.Support;
using ItaBot.Tracking;

namespace ItaBot.Tests.Chat;

/// <summary>
/// A measure's card shows the results, links and current reasons of all its entries in the round, and the latest
/// one. The card reads only the entries that can show anything; what it shows must be what all of them give.
/// </summary>
public sealed class CardEntriesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task TheCardShowsWhatAllTheMeasuresEntriesGiveHoweverTheyFollowEachOther(int seed)
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        var org = await Seed.OrganizationAsync(db, "อบต.ทดสอบ");
        var rounds = await Rounds.EnsureStandardRoundsAsync(db, org, 2568, FakeTimeProvider.AtBangkok(2024, 11, 1), default);
        var six = rounds.Single(r => r.Kind == RoundKind.SixMonth);
        var measures = new List<Measure>();
        for (var m = 1; m <= 30; m++) measures.Add(await Seed.MeasureAsync(db, org, $"M{m}"));
        var random = new Random(seed);
        var statuses = Enum.GetValues<MeasureStatus>();
        var instants = Enumerable.Range(0, 12).Select(d => FakeTimeProvider.AtBangkok(2024, 10, 2).GetUtcNow().UtcDateTime.AddDays(d * 9)).ToList();
        foreach (var measure in measures.Skip(1)) // M1: no entries
        {
            // Some measures only ever "cannot proceed", some never; most a mix, many entries sharing an instant.
            var kinds = (measure.Id % 5) switch { 0 => [MeasureStatus.CannotProceed], 1 => statuses.Where(s => s != MeasureStatus.CannotProceed).ToArray(), _ => statuses };
            for (var i = random.Next(1, 25); i > 0; i--)
            {
                var report = Seed.Report(measure, six, kinds[random.Next(kinds.Length)], TimeProvider.System);
                report.ReportedAtUtc = instants[random.Next(instants.Count)];
                if (random.Next(3) == 0) report.Result = $"ผล {random.Next(4)}";
                if (report.Status == MeasureStatus.CannotProceed && random.Next(2) == 0) report.ReasonText = $"เหตุผล {random.Next(4)}";
                if (random.Next(4) == 0) report.EvidenceUrls = [$"https://example.org/{random.Next(3)}"];
                if (random.Next(6) == 0) report.Withdraw(WithdrawalReason.Undone, report.ReportedAtUtc.AddMinutes(1), null);
                db.StatusReports.Add(report);
            }
        }
        await db.SaveChangesAsync();

        foreach (var measure in measures)
        {
            var all = await Entries.OfMeasureAsync(db, six, measure.Id, default);
            var shown = await Entries.ShownAsync(db, six, measure.Id, default);
            Assert.Equal(all.LastOrDefault()?.Id, shown.LastOrDefault()?.Id);
            var (results, reasons, urls) = Entries.Gathered(all);
            var (shownResults, shownReasons, shownUrls) = Entries.Gathered(shown);
            Assert.Equal((results, reasons), (shownResults, shownReasons));
            Assert.Equal(urls, shownUrls);
            Assert.True(shown.Count <= all.Count);
        }
    }
}
