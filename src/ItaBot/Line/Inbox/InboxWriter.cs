using System.Data.Common;
using System.Threading.Channels;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Line;

/// <summary>
/// Stores webhook events before the webhook answers. Requests that arrive together are written in one short
/// transaction (group commit) without an fsync under the lock, and each request is answered only once its rows are on
/// disk (<see cref="SqliteDurability"/>: one fsync of the WAL, outside the lock, for every batch committed before it),
/// while the next batch is written.
/// On a SQLite file the batch goes to the webhook's own journal (<see cref="InboxStaging"/>), whose lock nothing else
/// takes, so an acknowledgement never waits for a chat handler's transaction on the main database; a second loop here
/// moves the journal's rows into <c>line_inbox</c> (first in this process's queue for the main write lock, see
/// <see cref="SqliteWriteGate"/>) and deletes them from the journal once that commit is on disk. On PostgreSQL (and a
/// database in memory) the batch goes straight into <c>line_inbox</c>: row locks, no writer to wait for.
/// Duplicates are skipped by the unique webhookEventId, in <c>line_inbox</c>, whichever way they came.
/// </summary>
public sealed class InboxWriter(IServiceScopeFactory scopes, TimeProvider time, InboxSignal signal, ILogger<InboxWriter> log)
    : BackgroundService
{
    const int MaxRowsPerCommit = 1000;
    const int MaxRowsPerMove = 1000;

    sealed record Request(IReadOnlyList<InboxRow> Rows, TaskCompletionSource Stored);

    readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new() { SingleReader = true });
    readonly WorkSignal _staged = new();
    readonly TaskCompletionSource<InboxStaging?> _staging = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>The journal's last row moved into line_inbox and on disk there: deleted from the journal with the next append.</summary>
    long _movedUpTo;
    /// <summary>The journal's last row appended (on disk or about to be).</summary>
    long _stagedUpTo;
    volatile bool _writerDone;
    /// <summary>1 while an empty request asking the writer to clear moved rows is waiting in the queue (one is enough).</summary>
    int _clearingQueued;

    /// <summary>Returns once the rows are on disk: in line_inbox, or in the webhook's journal on their way there.</summary>
    public Task StoreAsync(IReadOnlyList<InboxRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.CompletedTask;
        var request = new Request(rows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
            throw new InvalidOperationException("The inbox is shutting down.");
        return request.Stored.Task.WaitAsync(ct);
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
        // Shutting down: accept nothing new, but commit what requests are already waiting for.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        InboxStaging? staging = null;
        try { staging = await OpenStagingAsync(); }
        catch (Exception e) { log.LogError(e, "Could not open the webhook's journal beside the database; webhook events go straight into line_inbox"); }
        _staging.TrySetResult(staging);
        var mover = staging is null ? Task.CompletedTask : Task.Run(() => MoveLoopAsync(staging), CancellationToken.None);
        try
        {
            var batch = new List<Request>();
            while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                batch.Clear();
                var rows = 0;
                while (rows < MaxRowsPerCommit && _queue.Reader.TryRead(out var request))
                {
                    batch.Add(request);
                    rows += request.Rows.Count;
                }
                var requests = batch.ToList();
                try
                {
                    var durable = staging is null ? await WriteAsync(requests) : Stage(staging, requests);
                    // Committed: the mover (or the worker) may start on them at once; nothing it sends leaves before its
                    // own flush, which covers these rows too. The webhooks are answered only once the rows are on disk;
                    // the next batch is written meanwhile.
                    if (staging is null) signal.Notify();
                    else _staged.Notify();
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
        finally
        {
            // The mover takes what the last batches staged, then stops; anything it cannot move now waits in the
            // journal for the next start.
            _writerDone = true;
            _staged.Notify();
            await mover;
            if (staging is not null)
            {
                try { staging.Append([], time.GetUtcNow().UtcDateTime, Interlocked.Read(ref _movedUpTo)); }
                catch (Exception e) { log.LogWarning(e, "Could not clear moved webhook events from the journal; the next start moves them again and ignores them"); }
                staging.Dispose();
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

    /// <summary>Appends the batch to the journal (deleting what was moved meanwhile); the task returned completes once it is on disk.</summary>
    Task Stage(InboxStaging staging, List<Request> batch)
    {
        Interlocked.Exchange(ref _clearingQueued, 0);
        var last = staging.Append(batch.SelectMany(r => r.Rows), time.GetUtcNow().UtcDateTime, Interlocked.Read(ref _movedUpTo));
        if (last == 0) return Task.CompletedTask; // only the mover's clearing: nobody waits for it
        Interlocked.Exchange(ref _stagedUpTo, last);
        return SqliteDurability.FlushAsync(staging.ConnectionString);
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
            var done = _writerDone;
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
                        _queue.Writer.TryWrite(new Request([], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));
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
            await InsertAsync(db, transaction, batch.SelectMany(r => r.Rows).Select(row => (row, received)));
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

    static async Task InsertAsync(ItaBotDb db, IDbContextTransaction transaction, IEnumerable<(InboxRow Row, DateTime Received)> rows)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = InsertSql;
        var channel = Add(command, "channel");
        var id = Add(command, "id");
        var chat = Add(command, "chat");
        var type = Add(command, "type");
        var timestamp = Add(command, "timestamp");
        var raw = Add(command, "raw");
        var redelivery = Add(command, "redelivery");
        var received = Add(command, "received");
        Add(command, "state").Value = nameof(InboxState.Pending);
        foreach (var (row, at) in rows)
        {
            channel.Value = row.Channel;
            id.Value = row.WebhookEventId;
            chat.Value = row.ChatKey;
            type.Value = row.EventType;
            timestamp.Value = row.EventTimestamp;
            raw.Value = row.RawJson;
            redelivery.Value = row.IsRedelivery;
            received.Value = at;
            await command.ExecuteNonQueryAsync();
        }
    }

    static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
