using ItaBot.Tests.Support;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Tests.Cli;

/// <summary>
/// The built app started the way people start it: from whatever folder their terminal is in. It reads its own
/// appsettings.json (beside its binaries) wherever that is, and paths people type are theirs, relative to that folder.
/// </summary>
public sealed class StartedFromAnotherFolderTests : IDisposable
{
    readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("itabot-cwd-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task TheAppReadsItsOwnSettingsAndKeepsItsDataInTheFolderItWasStartedFrom()
    {
        var (_, output) = await ServeOnceAsync();

        // appsettings.json keeps EF at Warning; without it every SQL statement of the migrations and the demo is logged.
        Assert.DoesNotContain("Executed DbCommand", output);
        Assert.Contains($"Loaded demo organization {ItaBot.Import.DemoData.OrganizationName}, FY {ThaiCalendar.FiscalYearOf(TimeProvider.System.Today())}", output);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "data", "itabot.db")));
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "data", "itabot.hangfire.db")));
    }

    [Fact]
    public async Task ReportOutWritesIntoTheFolderTheCommandWasTypedIn()
    {
        var database = new TempDatabase();
        try
        {
            await using (var db = await database.MigratedContextAsync())
            {
                var org = await Seed.OrganizationAsync(db, "อบต.ทดสอบ");
                var unit = new Unit { OrganizationId = org.Id, Name = "กองคลัง" };
                db.Units.Add(unit);
                await Seed.MeasureAsync(db, org, "M1", 2569, unit);
                await Rounds.EnsureStandardRoundsAsync(db, org, 2569, FakeTimeProvider.AtBangkok(2025, 10, 1), default);
            }

            var (exit, output) = await AppProcess.RunAsync(
                ["report", "--org", "อบต.ทดสอบ", "--year", "2569", "--round", "6m", "--out", "out/"], _folder.FullName,
                new Dictionary<string, string?> { ["ConnectionStrings__Default"] = database.ConnectionString });

            Assert.True(exit == 0, output);
            foreach (var extension in new[] { "html", "docx", "xlsx", "csv", "json" })
                Assert.True(File.Exists(Path.Combine(_folder.FullName, "out", $"ita-report-2569-6m.{extension}")), $"{extension} missing:\n{output}");
            Assert.Contains(Path.Combine(_folder.FullName, "out", "ita-report-2569-6m.html"), output);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            database.Dispose();
        }
    }

    async Task<(bool Ready, string Output)> ServeOnceAsync()
    {
        await using var app = await AppProcess.ServeAsync(new Dictionary<string, string?>(), workingDirectory: _folder.FullName);
        await Task.Delay(500); // the start-up log lines after /health
        return (true, app.Output);
    }
}
