using System.Net;
using ItaBot.Tests.Support;
using Microsoft.Data.Sqlite;

namespace ItaBot.Tests.Data;

public sealed class HealthTests
{
    [Fact]
    public async Task ReadinessSaysOkOnlyWhileTheDatabaseCanBeWrittenAndLivenessOnlyThatTheProcessRuns()
    {
        await using var app = new TestApp();
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Another process holds the database's write lock (a stuck writer, a backup tool): reads work, writes cannot.
        await using (var other = new SqliteConnection(app.Database.ConnectionString))
        {
            await other.OpenAsync();
            await using (var command = other.CreateCommand())
            {
                command.CommandText = "BEGIN EXCLUSIVE;";
                await command.ExecuteNonQueryAsync();
            }
            var blocked = await client.GetAsync("/health");
            var live = await client.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
            Assert.Contains("cannot be written", await blocked.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }
}
