using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using ItaBot.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// Where Hangfire keeps its schedule, queue and job history: never in ItaBot's own tables. Embedded, a SQLite
/// file of its own beside the app's (<c>data/itabot.db</c> → <c>data/itabot.hangfire.db</c>), written through
/// sqlite-net while EF writes the app's file; both run on the one e_sqlite3 native library the app ships.
/// On PostgreSQL, the <c>hangfire</c> schema of the same database, which every instance shares.
/// </summary>
public static class JobsStorage
{
    public const string PostgresSchema = "hangfire";

    public static JobStorage Create(string connectionString, ReminderOptions settings) =>
        DatabaseKind.Of(connectionString) == DatabaseKind.PostgreSql
            ? Postgres(connectionString, settings)
            : Sqlite(connectionString, settings);

    /// <summary>The Hangfire file for an app database: same folder, same name with <c>.hangfire</c> before the extension.</summary>
    public static string SqlitePathBeside(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(csb.DataSource) || csb.DataSource == ":memory:")
            throw new InvalidOperationException(
                "Reminders are scheduled by Hangfire in a file beside the app's SQLite database, and this database is in memory. " +
                "Use a file (ConnectionStrings:Default=\"Data Source=data/itabot.db\") or set Reminders:SchedulerEnabled=false.");
        var app = Path.GetFullPath(csb.DataSource);
        return Path.Combine(Path.GetDirectoryName(app)!, $"{Path.GetFileNameWithoutExtension(app)}.hangfire{Path.GetExtension(app)}");
    }

    // Both return the base type, so compiling Create loads neither storage's assembly: an embedded install never
    // loads Hangfire.PostgreSql (and a PostgreSQL one never loads the SQLite storage).
    static JobStorage Sqlite(string connectionString, ReminderOptions settings)
    {
        var path = SqlitePathBeside(connectionString);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = settings.JobsPollInterval });
    }

    static JobStorage Postgres(string connectionString, ReminderOptions settings)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            QueuePollInterval = settings.JobsPollInterval,
            PrepareSchemaIfNecessary = false,
        };
        InstallSchema(connectionString);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>
    /// Hangfire's own installer, one instance at a time: instances started together on a new database would
    /// otherwise race to create the same schema and fail.
    /// </summary>
    static void InstallSchema(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('itabot:hangfire-schema'))", connection))
            take.ExecuteNonQuery();
        try
        {
            PostgreSqlObjectsInstaller.Install(connection, PostgresSchema);
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_catalog.pg_advisory_unlock(hashtext('itabot:hangfire-schema'))", connection);
            release.ExecuteNonQuery();
        }
    }
}
