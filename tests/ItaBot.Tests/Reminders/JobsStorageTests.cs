using Hangfire;
using ItaBot.Data;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// The embedded stack in one process: EF writes the app's SQLite file through Microsoft.Data.Sqlite while Hangfire's
/// storage writes its own file through sqlite-net, both on SQLitePCLRaw 3 and one native e_sqlite3 library.
/// </summary>
public sealed class JobsStorageTests
{
    const int Writes = 40;

    [Fact]
    public async Task AppWritesAndHangfireJobsRunSideBySideInOneProcessOnOneNativeSqlite()
    {
        using var app = new TestApp().With("Reminders:SchedulerEnabled", "true").With("Reminders:JobsPollInterval", "00:00:00.1");
        await using (var db = await app.Database.MigratedContextAsync()) { }
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<WritingJob>()));
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var jobs = factory.Services.GetRequiredService<IBackgroundJobClient>();

        // Hangfire's workers write the app's file from jobs while this test writes it too, and Hangfire writes its own.
        var fromTest = Task.Run(async () =>
        {
            for (var i = 0; i < Writes; i++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
                db.Organizations.Add(new Organization { Name = $"เขียนจากการทดสอบ {i}", CreatedAtUtc = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        });
        for (var i = 0; i < Writes; i++) jobs.Enqueue<WritingJob>(job => job.WriteAsync(i, CancellationToken.None));
        await fromTest;
        await HangfireRuns.WaitForAsync<WritingJob>(storage, Writes);

        Assert.Equal(0, HangfireRuns.Failed<WritingJob>(storage));
        await using (var db = app.Database.NewContext())
        {
            Assert.Equal(Writes, await db.Organizations.CountAsync(o => o.Name.StartsWith("เขียนจากการทดสอบ")));
            Assert.Equal(Writes, await db.Organizations.CountAsync(o => o.Name.StartsWith("เขียนจากงาน")));
        }

        // One SQLite for both wrappers: the same version, and one libe_sqlite3 mapped into the process, the one shipped beside the app.
        await using var connection = new SqliteConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(SQLite.SQLite3.LibVersionNumber(), SQLitePCL.raw.sqlite3_libversion_number());
        Assert.Equal(connection.ServerVersion, SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
        // The SQLite EF ships (SourceGear.sqlite3 x.y.z.n is SQLite x.y.z), not an older one a package beside it brought along.
        Assert.Equal(ShippedSqliteVersion(), connection.ServerVersion);
        if (OperatingSystem.IsLinux())
        {
            var mapped = File.ReadLines("/proc/self/maps").Where(l => l.Contains("libe_sqlite3", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf('/') is var slash and >= 0 ? slash : 0)..]).Distinct().ToList();
            Assert.True(mapped.Count == 1, string.Join("\n", mapped));
            var native = mapped[0];
            Assert.StartsWith(AppContext.BaseDirectory, native);
        }
    }

    static string ShippedSqliteVersion()
    {
        var deps = Directory.GetFiles(AppContext.BaseDirectory, "ItaBot.Tests.deps.json").Single();
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(deps));
        var package = json.RootElement.GetProperty("libraries").EnumerateObject().Single(l => l.Name.StartsWith("SourceGear.sqlite3/", StringComparison.Ordinal));
        return string.Join('.', package.Name["SourceGear.sqlite3/".Length..].Split('.').Take(3));
    }

    /// <summary>A job the test enqueues; Hangfire resolves it from the app's services like the reminder jobs.</summary>
    public sealed class WritingJob(ItaBotDb db)
    {
        public async Task WriteAsync(int n, CancellationToken cancellationToken)
        {
            db.Organizations.Add(new Organization { Name = $"เขียนจากงาน {n}", CreatedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
