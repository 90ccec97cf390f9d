using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItaBot.Data;

/// <summary>
/// The webhook writer, inbox worker, outbox sender and scheduler share one SQLite file. Letting SQLite itself
/// wait for a lock (busy_timeout) retries at once when the lock frees, where the driver's own retry sleeps 150 ms.
/// </summary>
sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();
    const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
