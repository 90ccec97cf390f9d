using System.Globalization;
using ItaBot.Data;
using Microsoft.Data.Sqlite;

namespace ItaBot.Line;

/// <summary>
/// The webhook's own journal on SQLite: a small file beside the database (<c>itabot.webhook.db</c>) that only
/// <see cref="InboxWriter"/> writes, so storing an event never waits for the main database's single write lock (held by
/// the chat handlers while they handle events). Requests arriving together are appended in one commit, flushed to disk
/// before they are answered 200; <see cref="InboxWriter"/> then moves the rows into <c>line_inbox</c> (deduplicated by
/// webhookEventId) and, once that commit is on disk, deletes them here. A crash between the two leaves the rows in
/// both places or only here: the next start moves them again, and the duplicates are ignored.
/// Two connections to the journal: one appends and deletes (the writer loop's, the only one that writes it), one reads
/// for the mover; and the mover's own connection to the main database, with its insert prepared once (no EF, no
/// service scope per move: the mover runs once per batch of acknowledgements).
/// </summary>
sealed class InboxStaging : IDisposable
{
    public sealed record Staged(long Seq, InboxRow Row, DateTime ReceivedAtUtc);

    readonly SqliteConnection _writer;
    readonly SqliteConnection _reader;
    readonly SqliteCommand _insert;
    readonly SqliteCommand _delete;
    readonly SqliteCommand _next;
    readonly string? _mainConnectionString;
    readonly SqliteConnection? _main;
    readonly SqliteCommand? _move;

    public string ConnectionString { get; }

    InboxStaging(string connectionString, string? mainConnectionString)
    {
        ConnectionString = connectionString;
        _writer = new SqliteConnection(connectionString);
        _writer.Open();
        // WAL so the mover reads while the webhook appends; NORMAL because the writer flushes the WAL itself, outside
        // the lock, before anyone is answered (SqliteDurability). AUTOINCREMENT: a sequence number is never reused, so
        // "everything up to N" always means rows already moved.
        Execute(_writer, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS staged_events (
                "Seq" INTEGER PRIMARY KEY AUTOINCREMENT,
                "Channel" TEXT NOT NULL,
                "WebhookEventId" TEXT NOT NULL,
                "ChatKey" TEXT NOT NULL,
                "EventType" TEXT NOT NULL,
                "EventTimestamp" INTEGER NOT NULL,
                "RawJson" TEXT NOT NULL,
                "IsRedelivery" INTEGER NOT NULL,
                "ReceivedTicks" INTEGER NOT NULL);
            """);
        _reader = new SqliteConnection(connectionString);
        _reader.Open();
        Execute(_reader, "PRAGMA busy_timeout = 5000;");

        _insert = _writer.CreateCommand();
        _insert.CommandText = """
            INSERT INTO staged_events ("Channel", "WebhookEventId", "ChatKey", "EventType", "EventTimestamp", "RawJson", "IsRedelivery", "ReceivedTicks")
            VALUES ($channel, $id, $chat, $type, $timestamp, $raw, $redelivery, $received)
            """;
        foreach (var name in new[] { "$channel", "$id", "$chat", "$type", "$timestamp", "$raw", "$redelivery", "$received" })
            _insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        _insert.Prepare();

        _delete = _writer.CreateCommand();
        _delete.CommandText = """DELETE FROM staged_events WHERE "Seq" <= $upTo""";
        _delete.Parameters.Add(new SqliteParameter { ParameterName = "$upTo" });
        _delete.Prepare();

        _next = _reader.CreateCommand();
        _next.CommandText = """
            SELECT "Seq", "Channel", "WebhookEventId", "ChatKey", "EventType", "EventTimestamp", "RawJson", "IsRedelivery", "ReceivedTicks"
            FROM staged_events WHERE "Seq" > $after ORDER BY "Seq" LIMIT $limit
            """;
        _next.Parameters.Add(new SqliteParameter { ParameterName = "$after" });
        _next.Parameters.Add(new SqliteParameter { ParameterName = "$limit" });
        _next.Prepare();

        if (mainConnectionString is null) return;
        _mainConnectionString = mainConnectionString;
        _main = new SqliteConnection(mainConnectionString);
        _main.Open();
        // As every hot writer of the main database: wait in SQLite for its lock, commit without an fsync (flushed
        // below, before the journal lets go of the rows).
        Execute(_main, "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
        _move = _main.CreateCommand();
        _move.CommandText = InboxWriter.InsertSql;
        foreach (var name in new[] { "@channel", "@id", "@chat", "@type", "@timestamp", "@raw", "@redelivery", "@received", "@state" })
            _move.Parameters.Add(new SqliteParameter { ParameterName = name });
        _move.Parameters[8].Value = nameof(InboxState.Pending);
        _move.Prepare();
    }

    /// <summary>The journal's file beside the app's SQLite database, or null for a database in memory (and for PostgreSQL, whose inserts never wait for a handler).</summary>
    public static string? PathBeside(string sqliteConnectionString)
    {
        var csb = new SqliteConnectionStringBuilder(sqliteConnectionString);
        if (csb.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:") return null;
        var app = Path.GetFullPath(csb.DataSource);
        return Path.Combine(Path.GetDirectoryName(app)!, $"{Path.GetFileNameWithoutExtension(app)}.webhook{Path.GetExtension(app)}");
    }

    /// <summary>The journal at <paramref name="path"/>; with <paramref name="mainConnectionString"/> (EF's, for the write gate and the flush) it can also move rows into line_inbox.</summary>
    public static InboxStaging Open(string path, string? mainConnectionString = null) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString(), mainConnectionString);

    /// <summary>
    /// One commit (without an fsync: the caller flushes): rows moved up to <paramref name="removeUpTo"/> deleted, the
    /// new rows appended. Returns the sequence number of the last row appended (0 when none).
    /// </summary>
    public long Append(IEnumerable<InboxRow> rows, DateTime receivedAtUtc, long removeUpTo)
    {
        using var transaction = _writer.BeginTransaction();
        if (removeUpTo > 0)
        {
            _delete.Transaction = transaction;
            _delete.Parameters[0].Value = removeUpTo;
            _delete.ExecuteNonQuery();
        }
        _insert.Transaction = transaction;
        var p = _insert.Parameters;
        p[7].Value = receivedAtUtc.Ticks;
        var appended = false;
        foreach (var row in rows)
        {
            InboxWriter.Bind(p, row);
            _insert.ExecuteNonQuery();
            appended = true;
        }
        var last = 0L;
        if (appended)
        {
            using var id = _writer.CreateCommand();
            id.Transaction = transaction;
            id.CommandText = "SELECT last_insert_rowid()";
            last = Convert.ToInt64(id.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        transaction.Commit();
        return last;
    }

    /// <summary>The rows after <paramref name="after"/>, oldest first (the mover's connection).</summary>
    public List<Staged> Next(long after, int limit)
    {
        _next.Parameters[0].Value = after;
        _next.Parameters[1].Value = limit;
        var rows = new List<Staged>();
        using var reader = _next.ExecuteReader();
        while (reader.Read())
            rows.Add(new Staged(
                reader.GetInt64(0),
                new InboxRow(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6), reader.GetInt64(7) != 0),
                new DateTime(reader.GetInt64(8), DateTimeKind.Utc)));
        return rows;
    }

    /// <summary>
    /// Inserts the rows into line_inbox in one commit (duplicates of rows there, or in this very batch, skipped), first in
    /// this process's queue for the write lock; returns once that commit is on disk.
    /// </summary>
    public async Task MoveAsync(IReadOnlyList<Staged> rows, Action committed)
    {
        using (await SqliteWriteGate.EnterAsync(_mainConnectionString!, first: true))
        {
            using var transaction = _main!.BeginTransaction();
            _move!.Transaction = transaction;
            var p = _move.Parameters;
            foreach (var (_, row, received) in rows)
            {
                InboxWriter.Bind(p, row);
                p[7].Value = received;
                _move.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        committed();
        await SqliteDurability.FlushAsync(_mainConnectionString!);
    }

    /// <summary>Rows still waiting to be moved (for tests and the benchmark).</summary>
    public long Count()
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM staged_events";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _delete.Dispose();
        _next.Dispose();
        _move?.Dispose();
        _main?.Dispose();
        _writer.Dispose();
        _reader.Dispose();
    }
}
