using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ItaBot.Data;
using ItaBot.Simulator;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ItaBot.Tests.Simulator;

/// <summary>
/// "Advance time" in the simulator runs the daily round job as the scheduler would: past the 6-month round's due
/// date and grace the round closes by itself, the simulator says so, and the bot then talks about the 12-month round.
/// </summary>
public sealed partial class RoundClosingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AdvancingPastTheDueDateAndGraceClosesTheSixMonthRoundAndTheBotMovesOnToTheTwelveMonthRound()
    {
        using var sim = await SimulatorHarness.StartAsync();
        var admin = sim.CoordinatorChat;
        var group = sim.Group("กองคลัง");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = sim.Address };
        var page = await http.GetStringAsync($"/simulator?chat={Uri.EscapeDataString(admin.ChatId)}");
        var token = WebUtility.HtmlDecode(CsrfField().Match(page).Groups[1].Value);
        int sixMonth;
        await using (var db = sim.App.Database.NewContext())
        {
            var round = await db.Rounds.SingleAsync(r => r.Kind == RoundKind.SixMonth && r.FiscalYear == 2568);
            (sixMonth, var due) = (round.Id, round.DueDate);
            Assert.Equal((RoundState.Open, new DateOnly(2025, 4, 15)), (round.State, due));
        }

        // 3 Mar → 2 Apr → 2 May 2025: the due date (15 Apr) and the 15 days of grace pass on the way.
        var timer = Stopwatch.StartNew();
        foreach (var step in new[] { 1, 2 })
        {
            using var advanced = await http.PostAsync("/simulator/advance", new FormUrlEncodedContent(
                [new("__csrf", token), new("chat", admin.ChatId), new("as", admin.Members[0].UserId), new("by", "30d")]));
            Assert.Equal(HttpStatusCode.Redirect, advanced.StatusCode);
            output.WriteLine($"advance +30 days #{step}: {timer.ElapsedMilliseconds} ms so far");
            await using var db = sim.App.Database.NewContext();
            var state = (await db.Rounds.SingleAsync(r => r.Id == sixMonth)).State;
            Assert.Equal(step == 1 ? RoundState.Open : RoundState.Closed, state);
        }

        var notes = (await sim.Platform.HistoryAsync(admin.ChatId, 0, CancellationToken.None)).Where(m => m.Sender == SimulatorSender.System).Select(m => m.Json).ToList();
        Assert.DoesNotContain("ปิดรอบ", notes[^2], StringComparison.Ordinal);
        Assert.Contains("ปิดรอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘", System.Text.Json.JsonDocument.Parse(notes[^1]).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        await using (var db = sim.App.Database.NewContext())
            Assert.True(await db.AutoClosedRounds.AnyAsync(a => a.RoundId == sixMonth), "the round was not closed by the round job");

        // What the bot says now: a head's status card is about the 12-month round (the closed one is not offered).
        var head = group.Members[0];
        var before = (await sim.BotMessagesAsync(group.ChatId)).Count;
        await sim.Platform.SayAsync(group, head, "สถานะ", CancellationToken.None);
        var card = Readable((await sim.WaitForBotAsync(group.ChatId, _ => true, count: before + 1))[before]);
        Assert.Contains("รอบ ๑๒ เดือน", card, StringComparison.Ordinal);
        Assert.DoesNotContain("รอบ ๖ เดือน", card, StringComparison.Ordinal);
    }

    /// <summary>The message as JSON with Thai left as Thai (the default writer escapes it to \uXXXX).</summary>
    static string Readable(System.Text.Json.Nodes.JsonObject message) =>
        message.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [GeneratedRegex("<input[^>]*name=\"__csrf\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
