using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItaBot.Data;

/// <summary>
/// The webhook writer, inbox worker, outbox sender and scheduler share one SQLite file. Letting SQLite itself
/// wait for a lock (busy_timeout) retries at once when the lock frees, where the driver's own retry sleeps 150 ms.
/// Each open also sets how commits reach the disk: fully synced (the default for everyone), or without the fsync for
/// contexts that flush the WAL themselves before anything leaves the process (<see cref="SqliteDurability"/>).
/// Set at every open because pooled connections keep what the previous user set.
/// </summary>
sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();
    const string Synced = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL;";
    const string FlushedByCaller = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";

    static string Pragmas(ConnectionEndEventData eventData) => eventData.Context is ItaBotDb { FlushesItself: true } ? FlushedByCaller : Synced;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas(eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas(eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
