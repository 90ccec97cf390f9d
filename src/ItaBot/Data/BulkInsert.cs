using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ItaBot.Data;

/// <summary>
/// New rows of one entity written at once in multi-row INSERT statements, in the context's current transaction and
/// without tracking them. A reminder wave queues tens of thousands of outbox rows; through SaveChanges their change
/// tracking and per-row statements cost more than everything else the wave does (bench … reminders). Table, columns
/// and value conversions (enums as text, UTC instants, GUIDs) come from the model, so a row reads back as if
/// SaveChanges had written it. The store-generated key is left to the database and not read back.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement: under SQLite's oldest limit (999), so any build of it takes them.</summary>
    const int MaxParameters = 900;

    public static async Task RowsAsync<T>(ItaBotDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("BulkInsert writes in the caller's transaction; begin one first.");
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToList();
        if (columns.Any(p => p.ValueGenerated != ValueGenerated.Never || p.IsShadowProperty()))
            throw new InvalidOperationException($"{typeof(T).Name} has generated or shadow columns besides its key; BulkInsert would not write them as SaveChanges does.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(c => (Mapping: c.GetRelationalTypeMapping(), Getter: c.GetGetter(), c.IsNullable)).ToList();
        var connection = db.Database.GetDbConnection();

        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / columns.Count)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var text = new StringBuilder(head);
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mappings.Count; c++)
                {
                    var name = $"@b{r}_{c}";
                    text.Append(c == 0 ? name : ", " + name);
                    var (mapping, getter, nullable) = mappings[c];
                    command.Parameters.Add(mapping.CreateParameter(command, name, getter.GetClrValueUsingContainingEntity(chunk[r]), nullable));
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
