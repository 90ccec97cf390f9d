using System.Data.Common;
using System.Text;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Reminders;

/// <summary>
/// Records and enqueues a wave's messages exactly once. In one transaction per chunk it first claims the
/// keys in <c>reminder_deliveries</c> (<c>INSERT … ON CONFLICT DO NOTHING RETURNING</c>, so of two waves that
/// planned the same message only one gets its key back), then queues an outbox push — under the same key,
/// unique there too — for each key it got.
/// </summary>
public sealed class ReminderDispatch(ItaBotDb db, Outbox outbox, OutboxSignal outboxSignal, TimeProvider time)
{
    /// <summary>Messages per transaction: few enough that SQLite's write lock is never held long, many enough to be quick.</summary>
    const int Chunk = 250;

    /// <summary>Rows per INSERT statement (12 parameters each, well under every provider's limit).</summary>
    const int RowsPerStatement = 125;

    /// <returns>How many messages were new (the others had been recorded by an earlier or concurrent wave).</returns>
    public async Task<int> EnqueueAsync(IReadOnlyList<ReminderPush> pushes, CancellationToken ct)
    {
        var enqueued = 0;
        foreach (var chunk in pushes.DistinctBy(p => p.Key).Chunk(Chunk))
            enqueued += await EnqueueChunkAsync(chunk, ct);
        return enqueued;
    }

    async Task<int> EnqueueChunkAsync(IReadOnlyList<ReminderPush> chunk, CancellationToken ct)
    {
        var nowUtc = time.GetUtcNow().UtcDateTime;
        // Only inserts are tracked here; scanning every tracked entity for changes on each outbox dedupe check
        // (DbSet.Local) would make a big wave quadratic.
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        // Called from a chat command, the caller's transaction is joined: on SQLite a second one would wait for it forever.
        var outer = db.Database.CurrentTransaction;
        await using var owned = outer is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var transaction = outer ?? owned!;
            var claimed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rows in chunk.Chunk(RowsPerStatement))
                claimed.UnionWith(await ClaimAsync(transaction, rows, nowUtc, ct));
            // A reminder speaks of today; if LINE cannot take it before the day ends it is dropped and its key freed.
            var staleAfter = EndOfDayUtc(nowUtc);
            await outbox.EnqueuePushesAsync(chunk.Where(p => p.IsPushed && claimed.Contains(p.Key))
                .Select(p => new KeyedPush(p.Channel, p.To, [ReminderMessages.ToLine(p)], p.Key, Tag(p), staleAfter)).ToList(), ct);
            await db.SaveChangesAsync(ct);
            if (owned is not null)
            {
                await owned.CommitAsync(ct);
                // The outbox wakes its sender on SaveChanges, which is before this commit makes the rows visible.
                outboxSignal.Notify();
            }
            return claimed.Count;
        }
        finally
        {
            // A wave of its own lets go of what it inserted; a caller's context keeps its entities.
            if (owned is not null) db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// What the message is, kept with the ids LINE gives it: a unit reminder names its units, so a code-less answer
    /// right after it (or quoting it) can be read against them.
    /// </summary>
    public static string Tag(ReminderPush push) =>
        push.Kind == DeliveryKind.Unit ? Tags.Reminder(push.UnitIds) : $"notice:{push.Kind}";

    static DateTime EndOfDayUtc(DateTime nowUtc) =>
        TimeZoneInfo.ConvertTimeToUtc(Thai.Bangkok.ToBangkok(nowUtc).Date.AddDays(1), Thai.Bangkok.Zone);

    /// <summary>Inserts the delivery rows that are not there yet and returns their keys.</summary>
    async Task<List<string>> ClaimAsync(IDbContextTransaction transaction, IReadOnlyList<ReminderPush> rows, DateTime nowUtc, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        var sql = new StringBuilder("""
            INSERT INTO "reminder_deliveries" ("Key", "OrganizationId", "RoundId", "Slot", "Kind", "Channel", "To", "Units", "MeasureCount", "BilledEstimate", "CreatedAtUtc")
            VALUES
            """);
        for (var i = 0; i < rows.Count; i++)
        {
            var push = rows[i];
            sql.Append(i == 0 ? "\n(" : ",\n(");
            object?[] values =
            [
                push.Key, push.OrganizationId, push.RoundId, push.Slot, push.Kind.ToString(), push.Channel, push.To,
                ReminderDelivery.UnitsText(push.UnitIds), push.MeasureCount, push.BilledEstimate, nowUtc,
            ];
            for (var v = 0; v < values.Length; v++)
            {
                var name = $"@p{i}_{v}";
                sql.Append(v == 0 ? name : ", " + name);
                command.Parameters.Add(Parameter(command, name, values[v]));
            }
            sql.Append(')');
        }
        sql.Append("\nON CONFLICT (\"Key\") DO NOTHING\nRETURNING \"Key\"");
        command.CommandText = sql.ToString();

        var keys = new List<string>(rows.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) keys.Add(reader.GetString(0));
        return keys;
    }

    static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }
}
