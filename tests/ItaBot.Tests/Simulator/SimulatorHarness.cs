using System.Text.Json.Nodes;
using ItaBot.Simulator;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tests.Simulator;

/// <summary>
/// The real app with the LINE simulator on, serving on a loopback port (the simulator posts webhooks to the
/// app's own address), the demo organization loaded, and the simulator's clock on top of the test's fake clock.
/// </summary>
public sealed class SimulatorHarness : IDisposable
{
    public TestApp App { get; }
    public Uri Address { get; }
    public SimulatorClock Clock { get; }

    SimulatorHarness(TestApp app, Uri address, SimulatorClock clock) => (App, Address, Clock) = (app, address, clock);

    public static async Task<SimulatorHarness> StartAsync(Action<TestApp>? configure = null)
    {
        var app = new TestApp().With("Simulator:Enabled", "true").With("Demo:Load", "true");
        var clock = new SimulatorClock(app.Time);
        app.WithServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton(clock));
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
        });
        configure?.Invoke(app);
        var address = LiveApp.Serve(app);
        var harness = new SimulatorHarness(app, address, clock);
        await harness.Host.Ready.WaitAsync(TimeSpan.FromSeconds(60));
        // Setting the chats up is itself a conversation with the bot; let it finish before a test talks.
        foreach (var chat in harness.World.Chats.Where(c => c.IsGroup))
            await harness.WaitForBotAsync(chat.ChatId, m => FakeLineText(m).Contains("ผูกกลุ่ม", StringComparison.Ordinal) || FakeLineText(m).Contains("ผู้ดูแล", StringComparison.Ordinal), 2);
        return harness;
    }

    public SimulatorPlatform Platform => App.Services.GetRequiredService<SimulatorPlatform>();
    public SimulatorHost Host => App.Services.GetRequiredService<SimulatorHost>();
    public SimulatorWorld World => Platform.World;

    public SimulatorChat Group(string unit) => World.Chats.Single(c => c.Unit == unit);
    public SimulatorChat AdminGroup => World.Chats.Single(c => c.IsAdminGroup);
    public SimulatorChat CoordinatorChat => World.Chat(SimulatorWorld.Coordinator.UserId)!;

    /// <summary>The bot's messages in a chat, oldest first.</summary>
    public async Task<List<JsonObject>> BotMessagesAsync(string chatId) =>
        (await Platform.HistoryAsync(chatId, 0, CancellationToken.None))
            .Where(m => m.Sender == SimulatorSender.Bot).Select(m => JsonNode.Parse(m.Json)!.AsObject()).ToList();

    /// <summary>Waits (bounded) until at least <paramref name="count"/> bot messages in the chat satisfy the condition.</summary>
    public async Task<List<JsonObject>> WaitForBotAsync(string chatId, Func<JsonObject, bool> condition, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = (await BotMessagesAsync(chatId)).Where(condition).ToList();
            if (matching.Count >= count) return matching;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The bot did not answer as expected in {chatId}; it said: " +
                    string.Join(" | ", (await BotMessagesAsync(chatId)).Select(FakeLineText)));
            await Task.Delay(100);
        }
    }

    /// <summary>What a person reads first: the text, or a Flex message's alt text.</summary>
    public static string FakeLineText(JsonObject message) => (message["text"] ?? message["altText"])?.GetValue<string>() ?? "";

    public void Dispose() => App.Dispose();
}
