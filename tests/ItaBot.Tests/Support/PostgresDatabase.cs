using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ItaBot.Tests.Support;

/// <summary>
/// A database of its own on the PostgreSQL server named by ITABOT_TEST_POSTGRES (started by .ci/run),
/// dropped afterwards. Tests using it carry [Trait("Category", "Postgres")].
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    readonly string _adminConnectionString;
    public string Name { get; } = $"itabot_test_{Guid.NewGuid():N}";
    public string ConnectionString { get; }

    PostgresDatabase(string adminConnectionString)
    {
        _adminConnectionString = adminConnectionString;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = Name, Pooling = false }.ToString();
    }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("ITABOT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set ITABOT_TEST_POSTGRES to a PostgreSQL connection string (.ci/run starts a server and sets it).");
        var database = new PostgresDatabase(admin);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public ItaBotDb NewContext()
    {
        var options = new DbContextOptionsBuilder<ItaBotDb>();
        options.UseItaBotDatabase(ConnectionString);
        return new ItaBotDb(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
