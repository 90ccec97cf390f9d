using System.Globalization;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Line;

/// <summary>
/// Writes that only record progress (claims, "done" marks) and are safe to lose: after a power cut the work is
/// simply done again, which handlers and retry keys already tolerate. On SQLite they skip the fsync at commit
/// (synchronous=NORMAL on this connection, restored afterwards), so they do not hold the single write lock
/// through a disk flush while webhooks wait to store events, which stay fully durable.
/// </summary>
static class Bookkeeping
{
    public static async Task<T> WithoutFlushAsync<T>(ItaBotDb db, Func<Task<T>> write)
    {
        if (!db.Database.IsSqlite()) return await write();
        await db.Database.OpenConnectionAsync();
        try
        {
            var previous = await ScalarAsync(db, "PRAGMA synchronous;");
            await ScalarAsync(db, "PRAGMA synchronous = NORMAL;");
            try { return await write(); }
            finally { await ScalarAsync(db, $"PRAGMA synchronous = {previous};"); }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    static async Task<long> ScalarAsync(ItaBotDb db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }
}
