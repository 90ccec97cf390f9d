using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Data;

/// <summary>How the hot writers use SQLite: commits without an fsync only where the caller flushes, and their turns at the write lock.</summary>
public sealed class SqliteWriteTests
{
    static async Task<long> SynchronousAsync(ItaBotDb db)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task OnlyContextsThatFlushThemselvesCommitWithoutAnFsyncAndAPooledConnectionDoesNotCarryItOver()
    {
        using var database = new TempDatabase();
        var pooled = database.ConnectionString.Replace("Pooling=False", "Pooling=True", StringComparison.Ordinal);
        ItaBotDb Context() => new((DbContextOptions<ItaBotDb>)new DbContextOptionsBuilder<ItaBotDb>().UseItaBotDatabase(pooled).Options);
        await using (var db = Context()) await db.Database.MigrateAsync();

        await using (var hot = Context())
        {
            hot.FlushesItself = true;
            Assert.Equal(1, await SynchronousAsync(hot)); // NORMAL
            await SqliteDurability.FlushAsync(hot);
        }
        // The same pooled connection, handed to an ordinary writer (dashboard, forms): fully synced again.
        await using (var plain = Context()) Assert.Equal(2, await SynchronousAsync(plain)); // FULL
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task AFlushCoversEveryCommitBeforeItAndCallersMeanwhileShareTheNextOne()
    {
        using var database = new TempDatabase();
        await using var db = await database.MigratedContextAsync();
        db.FlushesItself = true;
        await db.Database.OpenConnectionAsync(); // kept open, so the WAL is not checkpointed away at the last close
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        db.LineAlerts.Add(new OutboxAlert { Channel = "default", Message = "x", RaisedAtUtc = DateTime.UtcNow });
        await db.SaveChangesAsync();
        Assert.True(File.Exists(database.Path + "-wal"));

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SqliteDurability.FlushAsync(db)).ToArray()).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TheNextWriterIsHandedTheLockAndAWebhookStoreGoesBeforeWritersThatWaitedLonger()
    {
        using var database = new TempDatabase();
        await using var db = database.NewContext();
        var order = new List<string>();

        var holder = await SqliteWriteGate.EnterAsync(db);
        var worker = Task.Run(async () => { using (await SqliteWriteGate.EnterAsync(db)) lock (order) order.Add("worker"); });
        await WaitQueuedAsync(1);
        var webhook = Task.Run(async () => { using (await SqliteWriteGate.EnterAsync(db, first: true)) lock (order) order.Add("webhook"); });
        await WaitQueuedAsync(2);
        Assert.Empty(order); // both wait while the lock is held
        holder.Dispose();
        await Task.WhenAll(worker, webhook).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["webhook", "worker"], order);

        async Task WaitQueuedAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (SqliteWriteGate.Waiting(db) < count && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.Equal(count, SqliteWriteGate.Waiting(db));
        }
    }
}
