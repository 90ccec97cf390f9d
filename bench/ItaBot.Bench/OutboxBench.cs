using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ItaBot.Bench;

/// <summary>
/// Outbox sender against a loopback stand-in for LINE's push API: N pushes are queued, then the sender drains
/// them at the configured per-channel rate. A share of pushes are delivered but answered 500 (the lost-answer
/// case), so retries happen and the retry key must turn them into 409s, not second deliveries.
///   dotnet run -c Release --project bench/ItaBot.Bench -- outbox [--rate 100] [--seconds 20] [--lost-answers-percent 1]
/// </summary>
public static class OutboxBench
{
    public static async Task RunAsync(string[] args)
    {
        var rate = WebhookBench.Option(args, "--rate", 100);
        var seconds = WebhookBench.Option(args, "--seconds", 20);
        var lostPercent = WebhookBench.Option(args, "--lost-answers-percent", 1);
        var total = rate * seconds;

        await using var line = await MiniLine.StartAsync(lostPercent, pushLimitPerSecond: 0);
        var database = BenchApp.TempDatabase("outbox");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={database}",
            ["Line:ChannelSecret"] = "bench-secret",
            ["Line:ChannelAccessToken"] = MiniLine.Token,
            ["Line:ApiBaseUrl"] = line.BaseUrl,
            ["Line:Outbox:RequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["Line:Outbox:RetryBaseDelay"] = "00:00:01",
            ["Line:Outbox:Send"] = "false",
            // The lost answers make the client warn about every 409; expected here.
            ["Logging:LogLevel:ItaBot.Line.Api"] = "Error",
            ["Logging:LogLevel:ItaBot.Line.OutboxSender"] = "Error",
        };
        Console.WriteLine($"outbox: {total:N0} pushes to distinct users at a configured {rate}/s; {lostPercent}% delivered but answered 500");

        try
        {
            var queueTime = await Figures.TimeAsync(async () =>
            {
                await using var queueing = new BenchApp(settings);
                for (var start = 0; start < total; start += 1000)
                {
                    await using var scope = queueing.Services.CreateAsyncScope();
                    var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                    for (var i = start; i < Math.Min(total, start + 1000); i++)
                        await outbox.EnqueuePushAsync(LineOptions.DefaultChannelName, $"U{i:x32}",
                            [LineMessages.Text($"เตือน: กรุณารายงานผลมาตรการที่ {i % 40 + 1} รอบ ๖ เดือน ภายในวันที่ ๑๕ เม.ย. ๒๕๖๘")]);
                    await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SaveChangesAsync();
                }
            });
            Figures.Print("queued", $"{total:N0} rows in {queueTime.TotalSeconds:0.0} s");

            settings["Line:Outbox:Send"] = "true";
            var heap = new List<long>();
            var workingSet = new List<long>();
            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
            var wsBefore = Figures.WorkingSetMb();
            await using var sending = new BenchApp(settings);
            _ = sending.Services; // starts the host, and with it the sender
            var deadline = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(seconds * 3 + 60);
            while (line.Delivered < total && deadline.Elapsed < limit)
            {
                await Task.Delay(1000);
                heap.Add(GC.GetTotalMemory(false));
                workingSet.Add(Figures.WorkingSetMb());
            }
            long sent, pending, failed;
            await using (var scope = sending.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
                // A retried row needs its backoff to pass; give the last ones time to be marked.
                var settle = Stopwatch.StartNew();
                while (await db.LineOutbox.CountAsync(m => m.State == OutboxState.Pending) > 0 && settle.Elapsed < TimeSpan.FromSeconds(30))
                    await Task.Delay(250);
                sent = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Sent);
                pending = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Pending);
                failed = await db.LineOutbox.LongCountAsync(m => m.State == OutboxState.Failed || m.State == OutboxState.Held);
            }
            GC.Collect();
            var heapAfter = GC.GetTotalMemory(forceFullCollection: true);

            var (first, last, steady) = line.Rates();
            var achieved = (line.Delivered - 1) / (last - first).TotalSeconds;
            Figures.Print("configured rate", $"{rate}/s per channel");
            Figures.Print("achieved rate, first to last delivery", $"{achieved:0.0}/s ({achieved / rate:P0} of the limit; target ≥ 90%: {(achieved >= 0.9 * rate ? "met" : "NOT met")})");
            Figures.Print("achieved rate, busiest-free middle 80%", $"{steady:0.0}/s ({steady / rate:P0})");
            Figures.Print("most deliveries in any 1 s window", $"{line.MaxInOneSecond()} (limit {rate} on average; a tenth of a second of burst is allowed)");
            Figures.Print("delivered", $"{line.Delivered:N0} of {total:N0}; rows sent {sent:N0}, pending {pending}, failed/held {failed}");
            Figures.Print("answers lost on purpose, retried", $"{line.LostAnswers:N0} → {line.Conflicts:N0} answered 409 on retry");
            Figures.Print("duplicates (a user given the same push twice)", $"{line.Duplicates} (target 0: {(line.Duplicates == 0 ? "met" : "NOT met")})");
            Figures.Print("managed heap before / after sending", $"{heapBefore / 1024 / 1024} MB / {heapAfter / 1024 / 1024} MB");
            if (heap.Count > 0)
                Figures.Print("managed heap while sending (min–max)", $"{heap.Min() / 1024 / 1024}–{heap.Max() / 1024 / 1024} MB over {heap.Count} s");
            if (workingSet.Count > 0)
                Figures.Print("working set before / while sending / end", $"{wsBefore} MB / {workingSet.Min()}–{workingSet.Max()} MB / {workingSet[^1]} MB");
        }
        finally
        {
            BenchApp.DeleteDatabase(database);
        }
    }
}
