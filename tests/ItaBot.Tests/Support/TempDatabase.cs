using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Support;

/// <summary>A SQLite file of its own per test, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"itabot-test-{Guid.NewGuid():N}.db");
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public ItaBotDb NewContext()
    {
        var options = new DbContextOptionsBuilder<ItaBotDb>();
        options.UseItaBotDatabase(ConnectionString);
        return new ItaBotDb(options.Options);
    }

    /// <summary>A fresh context on a database already at the current schema.</summary>
    public async Task<ItaBotDb> MigratedContextAsync()
    {
        var db = NewContext();
        await db.Database.MigrateAsync();
        return db;
    }

    public void Dispose()
    {
        // Hangfire's file beside it too, where a test ran the scheduler, and the webhook's journal.
        foreach (var file in new[] { Path, ItaBot.Reminders.Jobs.JobsStorage.SqlitePathBeside(ConnectionString), ItaBot.Line.InboxStaging.PathBeside(ConnectionString)! })
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(file + suffix); } catch (IOException) { }
    }
}
