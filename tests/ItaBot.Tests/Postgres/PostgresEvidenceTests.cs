using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tests.Tracking;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Postgres;

[Trait("Category", "Postgres")]
public sealed class PostgresEvidenceTests
{
    [Fact]
    public async Task EvidenceIsStoredInChunksInsideTheEntrysTransactionAndCountsForTheRoundsReport()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using (var db = pg.NewContext()) await db.Database.MigrateAsync();
        var time = FakeTimeProvider.AtBangkok(2025, 3, 3);
        var bytes = new byte[DatabaseEvidenceStore.ChunkSize * 2 + 12345];
        new Random(5).NextBytes(bytes);
        EvidenceSamples.Pdf.CopyTo(bytes, 0);
        var received = await EvidenceIntake.AcceptAsync(new MemoryStream(bytes), "ประกาศ.pdf", CancellationToken.None);

        int roundId;
        await using (var db = pg.NewContext())
        {
            var org = await Seed.OrganizationAsync(db);
            var round = (await Rounds.EnsureStandardRoundsAsync(db, org, 2568, time, default, keepOpen: true))[0];
            roundId = round.Id;
            var measure = await Seed.MeasureAsync(db, org, "M1", 2568);
            var evidence = new EvidenceFiles(db, new DatabaseEvidenceStore(db));

            // Rolled back: neither the entry nor a byte of its file stays.
            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var entry = Seed.Report(measure, round, MeasureStatus.Done, time);
                db.StatusReports.Add(entry);
                await evidence.AttachAsync(entry, [received.File!], time.GetUtcNow().UtcDateTime, default);
                await db.SaveChangesAsync();
                await transaction.RollbackAsync();
            }
            db.ChangeTracker.Clear();
            Assert.Equal(0, await db.EvidenceChunks.CountAsync());

            await using (var transaction = await db.Database.BeginTransactionAsync())
            {
                var entry = Seed.Report(measure, round, MeasureStatus.Done, time);
                db.StatusReports.Add(entry);
                await evidence.AttachAsync(entry, [received.File!], time.GetUtcNow().UtcDateTime, default);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        }

        await using (var db = pg.NewContext())
        {
            Assert.Equal(3, await db.EvidenceChunks.CountAsync());
            var file = await db.EvidenceFiles.SingleAsync();
            var opened = await new EvidenceFiles(db, new DatabaseEvidenceStore(db)).OpenAsync(file.Id, default);
            using var copy = new MemoryStream();
            await using (var content = opened!.Value.Content) await content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());

            var report = (await new RoundReportCompiler(db, time).CompileAsync(roundId))!;
            Assert.Equal(["ประกาศ.pdf"], report.Measures.Single().EvidenceFiles.Select(f => f.FileName));
        }
        await received.File!.DisposeAsync();
    }
}
