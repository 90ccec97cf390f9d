using System.Data.Common;
using System.Threading.Channels;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Line;

/// <summary>
/// Stores webhook events before the webhook answers. Requests that arrive together are written in one short
/// transaction (group commit), first in this process's queue for the write lock (<see cref="SqliteWriteGate"/>) and
/// without an fsync under it; each request is answered only once its rows are on disk (<see cref="SqliteDurability"/>:
/// one fsync of the WAL, outside the lock, for every batch committed before it), while the next batch is written.
/// Duplicates are skipped by the unique webhookEventId.
/// </summary>
public sealed class InboxWriter(IServiceScopeFactory scopes, TimeProvider time, InboxSignal signal, ILogger<InboxWriter> log)
    : BackgroundService
{
    const int MaxRowsPerCommit = 1000;

    sealed record Request(IReadOnlyList<InboxRow> Rows, TaskCompletionSource<int> Stored);

    readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new() { SingleReader = true });

    /// <summary>Returns once the rows are committed; the count is how many were new (not duplicates).</summary>
    public Task<int> StoreAsync(IReadOnlyList<InboxRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return Task.FromResult(0);
        var request = new Request(rows, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(request))
            throw new InvalidOperationException("The inbox is shutting down.");
        return request.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Shutting down: accept nothing new, but commit what requests are already waiting for.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
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
                var (stored, durable) = await WriteAsync(requests);
                // The worker may start on them at once: they are committed, and nothing it sends leaves before its own
                // flush, which covers these rows too. The webhooks are answered only once the rows are on disk; the
                // next batch is written meanwhile.
                signal.Notify();
                _ = durable.ContinueWith(flushed =>
                {
                    for (var i = 0; i < requests.Count; i++)
                        if (flushed.IsCompletedSuccessfully) requests[i].Stored.TrySetResult(stored[i]);
                        else requests[i].Stored.TrySetException(flushed.Exception?.InnerException ?? new IOException("The inbox could not be flushed to disk."));
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

    /// <summary>Inserts the batch in one short transaction (no fsync under the write lock); the task returned completes once it is on disk.</summary>
    async Task<(int[] Stored, Task Durable)> WriteAsync(List<Request> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.FlushesItself = true;
        await db.Database.OpenConnectionAsync();
        // First in this process's queue for the write lock: LINE is waiting for these rows.
        using var turn = await SqliteWriteGate.EnterAsync(db, first: true);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        // Plain SQL: ON CONFLICT DO NOTHING means the same on SQLite and PostgreSQL, and a duplicate
        // inside this very batch is skipped too, which EF's SaveChanges cannot do.
        command.CommandText = """
            INSERT INTO line_inbox ("Channel", "WebhookEventId", "ChatKey", "EventType", "EventTimestamp", "RawJson",
                                    "IsRedelivery", "ReceivedAtUtc", "State", "Attempts", "NextAttemptAtUtc")
            VALUES (@channel, @id, @chat, @type, @timestamp, @raw, @redelivery, @received, @state, 0, @received)
            ON CONFLICT ("WebhookEventId") DO NOTHING
            """;
        var channel = Add(command, "channel");
        var id = Add(command, "id");
        var chat = Add(command, "chat");
        var type = Add(command, "type");
        var timestamp = Add(command, "timestamp");
        var raw = Add(command, "raw");
        var redelivery = Add(command, "redelivery");
        var received = Add(command, "received");
        Add(command, "state").Value = nameof(InboxState.Pending);
        received.Value = time.GetUtcNow().UtcDateTime;

        var stored = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            foreach (var row in batch[i].Rows)
            {
                channel.Value = row.Channel;
                id.Value = row.WebhookEventId;
                chat.Value = row.ChatKey;
                type.Value = row.EventType;
                timestamp.Value = row.EventTimestamp;
                raw.Value = row.RawJson;
                redelivery.Value = row.IsRedelivery;
                stored[i] += await command.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
        return (stored, SqliteDurability.FlushAsync(db));
    }

    static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
