using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Data;

/// <summary>
/// The order in which this process's hot writers (webhook store, inbox worker, outbox sender) take SQLite's single
/// write lock. Without it they meet inside SQLite, whose busy handler sleeps 1, 2, 5, 10, 15, 20, 25 … ms between
/// looks: a lock freed after 3 ms is taken after 8, and while every waiter sleeps the lock stands idle. Here the next
/// writer is handed the lock the moment the last one commits, and a webhook waiting to store events goes first (it
/// holds the lock for a few inserts, and LINE waits for its answer). Writers elsewhere (dashboard, reminders, forms)
/// and other processes still meet these at SQLite's own lock, as before. Ordering only: correctness never depends on
/// it, so a writer that waits too long goes on without it. PostgreSQL: no gate.
/// </summary>
public sealed class SqliteWriteGate
{
    static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);
    static readonly IDisposable Nothing = new Releaser(null);

    readonly Lock _lock = new();
    readonly Queue<TaskCompletionSource> _first = new();
    readonly Queue<TaskCompletionSource> _others = new();
    bool _held;

    /// <summary>Waits for this process's turn at <paramref name="db"/>'s write lock; dispose the result right after the commit.</summary>
    public static async Task<IDisposable> EnterAsync(ItaBotDb db, bool first = false)
    {
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connectionString) return Nothing;
        return await EnterAsync(connectionString, first);
    }

    /// <summary>The same for a connection opened without EF on the database of <paramref name="sqliteConnectionString"/> (EF's string for it).</summary>
    public static async Task<IDisposable> EnterAsync(string sqliteConnectionString, bool first = false)
    {
        var gate = Gates.GetOrAdd(sqliteConnectionString, _ => new SqliteWriteGate());
        return await gate.EnterAsync(first) ? new Releaser(gate) : Nothing;
    }

    /// <summary>Writers of this process waiting for <paramref name="db"/>'s lock (for tests).</summary>
    internal static int Waiting(ItaBotDb db)
    {
        if (db.Database.GetConnectionString() is not { } connectionString || !Gates.TryGetValue(connectionString, out var gate)) return 0;
        lock (gate._lock) return gate._first.Count(t => !t.Task.IsCompleted) + gate._others.Count(t => !t.Task.IsCompleted);
    }

    async Task<bool> EnterAsync(bool first)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return true;
            }
            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (first ? _first : _others).Enqueue(turn);
        }
        // Real time on purpose: this bounds a wait for a lock, not anything the app's clock decides.
        try
        {
            await turn.Task.WaitAsync(MaxWait);
            return true;
        }
        catch (TimeoutException)
        {
            if (turn.TrySetCanceled()) return false; // gave up: the releaser skips this turn
            return true; // handed over just as the wait ran out
        }
    }

    void Release()
    {
        lock (_lock)
        {
            while (_first.TryDequeue(out var next) || _others.TryDequeue(out next))
                if (next.TrySetResult()) return;
            _held = false;
        }
    }

    sealed class Releaser(SqliteWriteGate? gate) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (gate is not null && Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
