using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Data;

/// <summary>Rows written in bulk (a reminder wave's outbox rows) must read back, and be found by queries, as if SaveChanges had written them.</summary>
public sealed class BulkInsertTests
{
    [Fact]
    public async Task OutboxRowsWrittenInBulkReadBackAndAreFoundLikeRowsSavedOneByOne()
    {
        using var temp = new TempDatabase();
        await using (await temp.MigratedContextAsync()) { }
        await WrittenInBulkReadBackAsync(temp.NewContext);
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task OutboxRowsWrittenInBulkReadBackAndAreFoundLikeRowsSavedOneByOneOnPostgreSql()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        await using (var db = pg.NewContext()) await db.Database.MigrateAsync();
        await WrittenInBulkReadBackAsync(pg.NewContext);
    }

    static async Task WrittenInBulkReadBackAsync(Func<ItaBotDb> newContext)
    {
        await using (var db = newContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // More rows than fit one statement, so the chunking is crossed.
            await BulkInsert.RowsAsync(db, Enumerable.Range(0, 75).Select(Row).ToList(), default);
            await transaction.CommitAsync();
        }

        await using var read = newContext();
        var rows = await read.LineOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        Assert.Equal(75, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = Row(i);
            expected.Id = rows[i].Id;
            Assert.Equivalent(expected, rows[i], strict: true);
        }
        // Conversions as EF writes them: enums as text, instants as UTC, GUIDs in the provider's form — queries find them.
        var seventh = Row(7);
        Assert.Equal(seventh.To, (await read.LineOutbox.SingleAsync(m => m.RetryKey == seventh.RetryKey)).To);
        Assert.Equal(38, await read.LineOutbox.CountAsync(m => m.State == OutboxState.Pending && m.Kind == OutboxKind.Push));
        Assert.Equal(75, await read.LineOutbox.CountAsync(m => m.NextAttemptAtUtc <= new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc)));
        Assert.All(rows, r => Assert.Equal(DateTimeKind.Utc, r.CreatedAtUtc.Kind));
        Assert.Null(rows[1].DedupeKey);
    }

    [Fact]
    public async Task BulkInsertRefusesToWriteOutsideATransaction()
    {
        using var temp = new TempDatabase();
        await using var db = await temp.MigratedContextAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.RowsAsync(db, [Row(0)], default));
        Assert.Equal(0, await db.LineOutbox.CountAsync());
    }

    static OutboxMessage Row(int i) => new()
    {
        Channel = $"org-{i % 3}",
        Kind = i % 2 == 0 ? OutboxKind.Push : OutboxKind.ReplyFallback,
        To = $"C{i:x32}",
        RecipientCount = 1,
        MessagesJson = $$"""[{"type":"text","text":"เตือน {{i}}: กรุณารายงานผล"}]""",
        MessageCount = 1,
        RetryKey = new Guid(i + 1, 2, 3, [4, 5, 6, 7, 8, 9, 10, 11]),
        DedupeKey = i % 2 == 0 ? $"remind:1:C{i:x32}:5:weekly:2026-03-02" : null,
        Tag = i % 2 == 0 ? "reminder:3+5" : null,
        StaleAfterUtc = new DateTime(2026, 3, 2, 17, 0, 0, DateTimeKind.Utc),
        State = i % 2 == 0 ? OutboxState.Pending : OutboxState.Held,
        NextAttemptAtUtc = new DateTime(2026, 3, 2, 2, 5, 0, DateTimeKind.Utc).AddSeconds(i),
        CreatedAtUtc = new DateTime(2026, 3, 2, 2, 5, 0, DateTimeKind.Utc).AddMicroseconds(i * 123457),
        LastStatus = i % 5 == 0 ? 500 : null,
    };
}
