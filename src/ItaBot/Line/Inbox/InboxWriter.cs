using System.Collections.Concurrent;
using System.Data.Common;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Line;

/// <summary>
/// Stores webhook events before the webhook answers. Requests that arrive together are written in one short
/// transaction (group commit) without an fsync under the lock, and each request is answered only once its rows are on
/// disk.
/// On a SQLite file the batch goes to the webhook's own journal (<see cref="InboxStaging"/>), whose lock nothing else
/// takes, so an acknowledgement never waits for a chat handler's transaction on the main database. A thread of its own
/// appends each batch, fsyncs the journal's WAL and releases the batch's requests: no turn in the thread pool's queue
/// (busy with chat handling) between a request and its 200 but the request's own. A second loop here moves the
/// journal's rows into <c>line_inbox</c> (first in this process's queue for the main write lock, see
/// <see cref="SqliteWriteGate"/>) and has the journal delete them once that commit is on disk.
/// On PostgreSQL (and a database in memory) the batch goes straight into <c>line_inbox</c>: row locks, no writer to
/// wait for; answered once on disk (<see cref="SqliteDurability"/>) while the next batch is written.
/// Duplicates are skipped by the unique webhookEventId, in <c>line_inbox</c>, whichever way they came.
/// </summary>
public sealed class InboxWriter(IServiceScopeFactory scopes, TimeProvider time, InboxSignal signal, ILogger<InboxWriter> log)
    : BackgroundService
{
    const int MaxRowsPerCommit = 1000;
    const int MaxRowsPerMove = 1000;

    sealed record Request(IReadOnlyList<InboxRow> Rows, TaskCompletionSource Stored);

    readonly ConcurrentQueue<Request> _pending = new();
    /// <summary>Wakes the writer: a binary signal (a release while it is set is dropped), so a blocked thread wakes with no hop through the pool.</summary>
    readonly SemaphoreSlim _arrived = new(0, 1);
    volatile bool _closed;
    volatile bool _writerStopped;
    readonly WorkSignal _staged = new();
    readonly TaskCompletionSource<InboxStaging?> _staging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The journal's last row moved into line_inbox and on disk there: deleted from the journal with the next append.</summary>
    long _movedUpTo;
    /// <summary>The journal's last row on disk.</summary>
    long _stagedUpTo;
    /// <summary>1 while an empty request asking the writer to clear moved rows is waiting (one is enough).</summary>
    int _clearingQueued;

    /// <summary>Returns once the rows are on disk: in line_inbox, or in the webhook's journal on their way there.</summary>
    public Task StoreAsync(IReadOnlyList<InboxRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        if (_closed) throw new InvalidOperationException("The inbox is shutting down.");
        var request = new Request(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Enqueue(request);
        return request.Stored.Task.WaitAsync(ct);
    }

    void Enqueue(Request request)
    {
        _pending.Enqueue(request);
        // Stopped after its last look: nobody will take this one.
        if (_writerStopped) Refuse(request);
        Wake();
    }

    void Wake()
    {
        try { _arrived.Release(); }
        catch (SemaphoreFullException) { } // already going to look
    }

    static void Refuse(Request request)
    {
        if (request.Rows.Count == 0) request.Stored.TrySetResult();
        else request.Stored.TrySetException(new InvalidOperationException("The inbox is shutting down."));
    }

    /// <summary>The requests waiting, up to one commit's worth of rows.</summary>
    List<Request> TakeBatch()
    {
        var batch = new List<Request>();
        var rows = 0;
        while (rows < MaxRowsPerCommit && _pending.TryDequeue(out var request))
        {
            batch.Add(request);
            rows += request.Rows.Count;
        }
        return batch;
    }

    /// <summary>
    /// Returns once every event acknowledged before the call is in line_inbox (the journal's rows moved), or when
    /// <paramref name="ct"/> ends. For tests and the benchmark, which look at line_inbox right after a 200.
    /// </summary>
    public async Task MovedAsync(CancellationToken ct)
    {
        if (await _staging.Task.WaitAsync(ct) is null) return;
        var target = Interlocked.Read(ref _stagedUpTo);
        while (Interlocked.Read(ref _movedUpTo) < target)
        {
            _staged.Notify();
            await Task.Delay(5, ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Shutting down: accept nothing new, but store what requests are already waiting for.
        stoppingToken.Register(() =>
        {
            _closed = true;
            Wake();
        });
        InboxStaging? staging = null;
        try { staging = await OpenStagingAsync(); }
        catch (Exception e) { log.LogError(e, "Could not open the webhook's journal beside the database; webhook events go straight into line_inbox"); }
        _staging.TrySetResult(staging);
        if (staging is null)
        {
            try { await DirectLoopAsync(); }
            finally { StopTaking(); }
            return;
        }

        var mover = Task.Run(() => MoveLoopAsync(staging), CancellationToken.None);
        var wal = new SqliteDurability.HeldWal(staging.ConnectionString);
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try { JournalLoop(staging, wal); }
            catch (Exception e) { log.LogCritical(e, "The webhook's journal writer stopped; webhooks are answered 500 until the app restarts"); }
            finally { stopped.TrySetResult(); }
        }) { IsBackground = true, Name = "LINE webhook journal" };
        thread.Start();
        try { await stopped.Task; }
        finally
        {
            StopTaking();
            // The mover takes what the last batches staged, then stops; anything it cannot move now waits in the
            // journal for the next start.
            _staged.Notify();
            await mover;
            try { staging.Append([], time.GetUtcNow().UtcDateTime, Interlocked.Read(ref _movedUpTo)); }
            catch (Exception e) { log.LogWarning(e, "Could not clear moved webhook events from the journal; the next start moves them again and ignores them"); }
            wal.Dispose();
            staging.Dispose();
        }
    }

    /// <summary>After the writer's last batch: whatever arrived since is refused (the webhook answers 500, LINE may redeliver).</summary>
    void StopTaking()
    {
        _writerStopped = true;
        while (_pending.TryDequeue(out var request)) Refuse(request);
    }

    /// <summary>
    /// The journal's writer, on a thread of its own: a batch is appended (rows the mover has finished with deleted in
    /// the same commit), the WAL fsynced, and the batch's requests released; the next batch is whatever arrived meanwhile.
    /// </summary>
    void JournalLoop(InboxStaging staging, SqliteDurability.HeldWal wal)
    {
        while (true)
        {
            var batch = TakeBatch();
            if (batch.Count == 0)
            {
                if (_closed) return;
                _arrived.Wait();
                continue;
            }
            try
            {
                Interlocked.Exchange(ref _clearingQueued, 0);
                var last = staging.Append(batch.SelectMany(r => r.Rows), time.GetUtcNow().UtcDateTime, Interlocked.Read(ref _movedUpTo));
                if (last > 0)
                {
                    wal.Flush();
                    Interlocked.Exchange(ref _stagedUpTo, last);
                    _staged.Notify();
                }
                foreach (var request in batch) request.Stored.TrySetResult();
            }
            catch (Exception e)
            {
                log.LogError(e, "Could not store {Count} webhook events; LINE will be answered 500 and redeliver them", batch.Sum(r => r.Rows.Count));
                foreach (var request in batch) request.Stored.TrySetException(e);
            }
        }
    }

    /// <summary>PostgreSQL, or SQLite in memory: each batch straight into line_inbox; answered once on disk while the next is written.</summary>
    async Task DirectLoopAsync()
    {
        while (true)
        {
            var requests = TakeBatch();
            if (requests.Count == 0)
            {
                if (_closed) return;
                await _arrived.WaitAsync();
                continue;
            }
            var rows = requests.Sum(r => r.Rows.Count);
            try
            {
                var durable = await WriteAsync(requests);
                // The worker may start on them at once: they are committed, and nothing it sends leaves before its own
                // flush, which covers these rows too.
                signal.Notify();
                _ = durable.ContinueWith(flushed =>
                {
                    foreach (var request in requests)
                        if (flushed.IsCompletedSuccessfully) request.Stored.TrySetResult();
                        else request.Stored.TrySetException(flushed.Exception?.InnerException ?? new IOException("The inbox could not be flushed to disk."));
                    if (!flushed.IsCompletedSuccessfully)
                        log.LogError(flushed.Exception, "Could not flush {Count} stored webhook events to disk; LINE will be answered 500", rows);
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            catch (Exception e)
            {
                log.LogError(e, "Could not store {Count} webhook events; LINE will be answered 500 and redeliver them", rows);
                foreach (var request in requests) request.Stored.TrySetException(e);
            }
        }
    }

    async Task<InboxStaging?> OpenStagingAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        if (!db.Database.IsSqlite() || db.Database.GetConnectionString() is not { } connectionString
            || InboxStaging.PathBeside(connectionString) is not { } path) return null;
        return InboxStaging.Open(path, connectionString);
    }

    /// <summary>
    /// Moves the journal's rows into line_inbox, oldest first, a batch per commit, whenever something was staged (and
    /// at start: whatever a stopped or crashed process left). A row is deleted from the journal only after its move is
    /// on disk; a move that fails is tried again, the rows staying where they are.
    /// </summary>
    async Task MoveLoopAsync(InboxStaging staging)
    {
        var after = 0L;
        var failures = 0;
        while (true)
        {
            var done = _writerStopped;
            try
            {
                var rows = staging.Next(after, MaxRowsPerMove);
                if (rows.Count > 0)
                {
                    await staging.MoveAsync(rows, signal.Notify);
                    after = rows[^1].Seq;
                    // Deleted from the journal in the writer's next commit (one connection writes it, never two): at
                    // once when no webhook is waiting to be stored, so nothing moved lingers there to be moved again.
                    Interlocked.Exchange(ref _movedUpTo, after);
                    if (Interlocked.Exchange(ref _clearingQueued, 1) == 0)
                        Enqueue(new Request([], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
                }
                failures = 0;
                if (rows.Count == MaxRowsPerMove) continue;
            }
            catch (Exception e)
            {
                log.Log(failures++ == 0 ? LogLevel.Warning : LogLevel.Error, e,
                    "Could not move webhook events from the journal into line_inbox; they stay in the journal and are moved on the next try");
                if (done) return;
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, failures)));
                continue;
            }
            if (done) return;
            // Real time on purpose: this paces work. Woken by every staged batch; the timeout is only a safety net.
            await _staged.WaitAsync(TimeSpan.FromSeconds(1), TimeProvider.System, CancellationToken.None);
        }
    }

    /// <summary>Inserts the batch into line_inbox in one short transaction (no fsync under the write lock); the task returned completes once it is on disk.</summary>
    async Task<Task> WriteAsync(List<Request> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.FlushesItself = true;
        await db.Database.OpenConnectionAsync();
        var received = time.GetUtcNow().UtcDateTime;
        using (await SqliteWriteGate.EnterAsync(db, first: true))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await InsertAsync(db, transaction, batch.SelectMany(r => r.Rows), received);
            await transaction.CommitAsync();
        }
        return SqliteDurability.FlushAsync(db);
    }

    /// <summary>
    /// Plain SQL: ON CONFLICT DO NOTHING means the same on SQLite and PostgreSQL, and a duplicate inside the very batch
    /// is skipped too, which EF's SaveChanges cannot do. Also the journal's move (<see cref="InboxStaging"/>).
    /// </summary>
    internal const string InsertSql = """
        INSERT INTO line_inbox ("Channel", "WebhookEventId", "ChatKey", "EventType", "EventTimestamp", "RawJson",
                                "IsRedelivery", "ReceivedAtUtc", "State", "Attempts", "NextAttemptAtUtc")
        VALUES (@channel, @id, @chat, @type, @timestamp, @raw, @redelivery, @received, @state, 0, @received)
        ON CONFLICT ("WebhookEventId") DO NOTHING
        """;

    static async Task InsertAsync(ItaBotDb db, IDbContextTransaction transaction, IEnumerable<InboxRow> rows, DateTime receivedAtUtc)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = InsertSql;
        foreach (var name in new[] { "channel", "id", "chat", "type", "timestamp", "raw", "redelivery", "received", "state" }) Add(command, name);
        command.Parameters[7].Value = receivedAtUtc;
        command.Parameters[8].Value = nameof(InboxState.Pending);
        foreach (var row in rows)
        {
            Bind(command.Parameters, row);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// The row's fields as the first seven parameters of <see cref="InsertSql"/> and of the journal's insert
    /// (<see cref="InboxStaging"/>), which name them in the same order.
    /// </summary>
    internal static void Bind(DbParameterCollection p, InboxRow row)
    {
        p[0].Value = row.Channel;
        p[1].Value = row.WebhookEventId;
        p[2].Value = row.ChatKey;
        p[3].Value = row.EventType;
        p[4].Value = row.EventTimestamp;
        p[5].Value = row.RawJson;
        p[6].Value = row.IsRedelivery;
    }

    static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
