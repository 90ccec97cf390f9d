using ItaBot.Bench;

// Benchmarks print figures; they never pass or fail a build. Run in Release:
//   dotnet run -c Release --project bench/ItaBot.Bench -- <name>
var benchmarks = new Dictionary<string, Func<string[], Task>>(StringComparer.OrdinalIgnoreCase)
{
    ["import"] = ImportBench.RunAsync,
    ["import-hostile"] = ImportBench.HostileAsync,
    ["startup"] = StartupBench.RunAsync,
    ["webhook"] = WebhookBench.RunAsync,
    // Started by "webhook" as processes of their own; not meant to be run by hand.
    ["webhook-load"] = WebhookBench.LoadAsync,
    ["webhook-floor"] = WebhookBench.FloorAsync,
    ["outbox"] = OutboxBench.RunAsync,
    ["report"] = ReportBench.RunAsync,
    ["reminders"] = ReminderBench.RunAsync,
    ["chat-latency"] = ChatLatencyBench.RunAsync,
    ["chat"] = ChatBench.RunAsync,
    ["video"] = VideoBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.WriteLine($"usage: dotnet run -c Release --project bench/ItaBot.Bench -- <{string.Join("|", benchmarks.Keys)}>");
    return args.Length == 0 ? 0 : 2;
}
await run(args[1..]);
return 0;
