using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ItaBot.Data;

public static class DataSetup
{
    public const string DefaultConnectionString = "Data Source=data/itabot.db";

    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DefaultConnectionString;
        builder.Services.AddDbContext<ItaBotDb>(options => options.UseItaBotDatabase(connectionString));
        builder.Services.AddHostedService<MemoryAfterStart>();
        return builder;
    }

    public static DbContextOptionsBuilder UseItaBotDatabase(this DbContextOptionsBuilder options, string connectionString)
    {
        if (DatabaseKind.Of(connectionString) == DatabaseKind.PostgreSql)
            UsePostgreSql(options, connectionString);
        else
            UseSqliteFile(options, connectionString);

        options.ReplaceService<Microsoft.EntityFrameworkCore.Migrations.IMigrationsAssembly, AppMigrations>();
        // Migrations are written by hand (no design-time tools here), so there is no model snapshot
        // for EF to compare against; SchemaTests prove the migrations build the model's schema instead.
        return options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }

    // One provider per method, not inlined: compiling UseItaBotDatabase loads neither provider's assembly, so a SQLite
    // install never maps Npgsql's EF provider (start-up memory, bench … startup).
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void UsePostgreSql(DbContextOptionsBuilder options, string connectionString) => options.UseNpgsql(connectionString);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void UseSqliteFile(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(PrepareSqlite(connectionString)).AddInterceptors(SqliteBusyTimeout.Instance);

    static string PrepareSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        return csb.ToString();
    }

    /// <summary>Creates or upgrades the schema to the current version.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the webhook write while a report reads.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}

public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseKindExtensions
{
    extension(DatabaseKind)
    {
        public static DatabaseKind Of(string connectionString) =>
            connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseKind.PostgreSql : DatabaseKind.Sqlite;
    }
}
