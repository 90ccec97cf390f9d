using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Simulator;

public sealed class SimulatorTests
{
    [Fact]
    public async Task ADepartmentHeadTapsDoneOnTheStatusCardAndTheMeasureIsDoneThroughTheWholeLinePath()
    {
        using var sim = await SimulatorHarness.StartAsync();
        var group = sim.Group("กองคลัง");
        var head = group.Members[0];

        await sim.Platform.SayAsync(group, head, "สถานะ", CancellationToken.None);
        var card = (await sim.WaitForBotAsync(group.ChatId, m => m["type"]?.GetValue<string>() == "flex")).Last();
        var done = FindPostback(card, "เสร็จแล้ว");
        Assert.NotNull(done);

        await sim.Platform.TapAsync(group, head, done!["data"]!.GetValue<string>(), done["displayText"]?.GetValue<string>(), null, CancellationToken.None);
        await sim.WaitForBotAsync(group.ChatId, m => SimulatorHarness.FakeLineText(m).Contains("ดำเนินการแล้วเสร็จ", StringComparison.Ordinal)
            || SimulatorHarness.FakeLineText(m).Contains("เสร็จ", StringComparison.Ordinal), count: 2);

        await using var scope = sim.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var report = await db.StatusReports.Include(s => s.Measure).SingleAsync();
        Assert.Equal(MeasureStatus.Done, report.Status);
        Assert.Equal(head.Name, report.ReporterName);
        Assert.Equal(group.ChatId, report.ChatId);
        Assert.Contains(report.Measure!.Code, new[] { "M6", "M7" });
        // The webhook came signed and through the inbox, like LINE's.
        Assert.True(await db.LineInbox.CountAsync(e => e.Channel == SimulatorOptions.ChannelName) >= 2);
    }

    [Fact]
    public async Task TheSimulatorRefusesWhatLineRefuses()
    {
        using var sim = await SimulatorHarness.StartAsync();
        var channel = sim.App.Services.GetRequiredService<SimulatorChannel>();
        using var client = new HttpClient { BaseAddress = sim.Address };

        HttpRequestMessage Push(string token, JsonObject body, Guid? retryKey = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, SimulatorChannel.ApiPath + "/v2/bot/message/push")
            {
                Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (retryKey is { } key) request.Headers.Add("X-Line-Retry-Key", key.ToString());
            return request;
        }
        JsonObject Text(string to, string text) => new() { ["to"] = to, ["messages"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
        var to = sim.CoordinatorChat.ChatId;

        using (var wrongToken = await client.SendAsync(Push("not-the-token", Text(to, "hi"))))
            Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);

        using (var tooLong = await client.SendAsync(Push(channel.AccessToken, Text(to, new string('ก', 5001)))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
            var error = JsonNode.Parse(await tooLong.Content.ReadAsStringAsync())!;
            Assert.Equal("messages[0].text", error["details"]![0]!["property"]!.GetValue<string>());
        }

        var key = Guid.NewGuid();
        using (var first = await client.SendAsync(Push(channel.AccessToken, Text(to, "ครั้งแรก"), key)))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var again = await client.SendAsync(Push(channel.AccessToken, Text(to, "ครั้งแรก"), key)))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await sim.BotMessagesAsync(to), m => SimulatorHarness.FakeLineText(m) == "ครั้งแรก");

        var carousel = new JsonObject
        {
            ["to"] = to,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["type"] = "flex", ["altText"] = "x",
                ["contents"] = new JsonObject
                {
                    ["type"] = "carousel",
                    ["contents"] = new JsonArray(Enumerable.Range(0, 13).Select(_ => (JsonNode?)new JsonObject
                    {
                        ["type"] = "bubble", ["body"] = new JsonObject { ["type"] = "box", ["layout"] = "vertical", ["contents"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "a" }) },
                    }).ToArray()),
                },
            }),
        };
        using (var tooManyBubbles = await client.SendAsync(Push(channel.AccessToken, carousel)))
            Assert.Equal(HttpStatusCode.BadRequest, tooManyBubbles.StatusCode);

        using (var download = new HttpRequestMessage(HttpMethod.Get, SimulatorChannel.ApiPath + "/v2/bot/message/1/content"))
        {
            download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.AccessToken);
            using var onApiHost = await client.SendAsync(download);
            Assert.Equal(HttpStatusCode.NotFound, onApiHost.StatusCode); // content lives on the data API only, as on LINE
        }
    }

    [Fact]
    public async Task AReplyTokenWorksOnceAndTheWebhookChecksTheSimulatorsSignature()
    {
        using var sim = await SimulatorHarness.StartAsync();
        var channel = sim.App.Services.GetRequiredService<SimulatorChannel>();
        using var client = new HttpClient { BaseAddress = sim.Address };
        var body = """{"destination":"U0","events":[]}""";
        using var unsigned = new StringContent(body, Encoding.UTF8, "application/json");
        using var refused = await client.PostAsync("/line/webhook/simulator", unsigned);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal((null, "Invalid reply token"), sim.Platform.UseReplyToken("never-issued"));
        Assert.NotEmpty(channel.Secret);
    }

    [Fact]
    public async Task AdvancingTimeSendsTheWeeklyRemindersToTheUnitsThatOweAnswers()
    {
        using var sim = await SimulatorHarness.StartAsync();
        var group = sim.Group("กองคลัง");
        var before = (await sim.BotMessagesAsync(group.ChatId)).Count;

        // 3 Mar 2025 (the test clock) is a Monday 07:00; the weekly reminder is Monday 09:00.
        var advanced = await sim.App.Services.GetRequiredService<SimulatorTime>().AdvanceAsync(TimeSpan.FromHours(3), CancellationToken.None);

        Assert.True(advanced.Reminders >= 1, $"no reminder queued moving from {advanced.From:u} to {advanced.To:u}");
        var reminders = await sim.WaitForBotAsync(group.ChatId, m => SimulatorHarness.FakeLineText(m).Length > 0, count: before + 1);
        Assert.Contains("M6", string.Join("\n", reminders.Skip(before).Select(m => m.ToJsonString())), StringComparison.Ordinal);
        Assert.True(sim.Clock.Offset >= TimeSpan.FromHours(3));
    }

    [Fact]
    public void TheSimulatorIsOffWhenARealChannelIsConfiguredUnlessAskedForExplicitly()
    {
        static IConfiguration Config(params (string, string?)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Item1, p.Item2))).Build();

        Assert.True(SimulatorOptions.IsOn(Config()));
        Assert.False(SimulatorOptions.IsOn(Config(("Line:ChannelSecret", "s"), ("Line:ChannelAccessToken", "t"))));
        Assert.False(SimulatorOptions.IsOn(Config(("Line:Channels:agency:ChannelSecret", "s"))));
        Assert.True(SimulatorOptions.IsOn(Config(("Line:ChannelSecret", "s"), ("Simulator:Enabled", "true"))));
        Assert.False(SimulatorOptions.IsOn(Config(("Simulator:Enabled", "false"))));
    }

    [Fact]
    public async Task SimulatorPagesAnswerOnlyRequestsFromThisMachine()
    {
        using var app = new TestApp().With("Simulator:Enabled", "true");
        using var client = app.CreateClient(); // the in-memory test server has no remote address: not this machine
        using var page = await client.GetAsync("/simulator");
        using var api = await client.GetAsync(SimulatorChannel.ApiPath + "/v2/bot/info");
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/simulator");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    [Fact]
    public async Task ARequestRelayedByAProxyIsNotFromThisMachineEvenOnLoopback()
    {
        using var sim = await SimulatorHarness.StartAsync();
        using var client = new HttpClient { BaseAddress = sim.Address };
        using var direct = await client.GetAsync("/simulator");
        using var relayed = new HttpRequestMessage(HttpMethod.Get, "/simulator");
        relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var proxied = await client.SendAsync(relayed);
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
    }

    static JsonObject? FindPostback(JsonNode node, string label)
    {
        if (node is JsonObject o)
        {
            if (o["type"]?.GetValue<string>() == "postback" && o["label"]?.GetValue<string>() == label) return o;
            foreach (var (_, child) in o) if (child is not null && FindPostback(child, label) is { } found) return found;
        }
        else if (node is JsonArray a)
            foreach (var child in a) if (child is not null && FindPostback(child, label) is { } found) return found;
        return null;
    }
}
