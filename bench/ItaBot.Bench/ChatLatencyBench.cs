using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ItaBot.Bench;

/// <summary>
/// Reply latency as a department head sees it: from posting a signed webhook to the reply arriving at LINE (a small
/// fake Messaging API on loopback), for typical group messages — a status report, a card request, a follow-up
/// answer, a question to the bot. One message at a time, as people type; chatter (no reply) is sent too but not
/// timed. Rounds are repeated because the machine is shared: min, median and max of the rounds are printed.
///   dotnet run -c Release --project bench/ItaBot.Bench -- chat-latency [--messages 120] [--rounds 3]
/// </summary>
public static class ChatLatencyBench
{
    const string Secret = "bench-channel-secret-0123456789ab";
    const string Token = "bench-access-token";
    static readonly string Admin = "U" + new string('a', 32);
    static readonly string Head = "U" + new string('b', 32);
    static readonly string Group = "C" + new string('c', 32);

    public static async Task RunAsync(string[] args)
    {
        var messages = Option(args, "--messages", 120);
        var rounds = Option(args, "--rounds", 3);
        await using var line = await FakeLineApi.StartAsync();
        var database = BenchApp.TempDatabase("chat-latency");
        var port = BenchApp.FreeLoopbackPort();
        await using var app = new BenchApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={database}",
            ["Demo:Load"] = "true",
            ["Line:ChannelSecret"] = Secret,
            ["Line:ChannelAccessToken"] = Token,
            ["Line:ApiBaseUrl"] = line.Url,
            ["Line:DataApiBaseUrl"] = line.Url,
            ["Admin:LineUserIds:0"] = Admin,
            ["Reminders:SchedulerEnabled"] = "false",
            ["urls"] = $"http://127.0.0.1:{port}",
        });
        app.UseKestrel(port);
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            Console.WriteLine($"chat-latency: {rounds} rounds of {messages} group messages, one at a time, webhook → reply at LINE");
            Figures.Print("cores", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
            Figures.Print("load average at start (1/5/15 min)", LoadAverage());
            await SayAsync(client, line, Admin, "ผูกกลุ่ม กองคลัง", expectReply: true);
            for (var warm = 0; warm < 10; warm++) await SayAsync(client, line, Head, "สถานะ", expectReply: true);

            var perRound = new List<(double P50, double P99, double Max)>();
            var byKind = new ConcurrentDictionary<string, List<double>>();
            for (var round = 1; round <= rounds; round++)
            {
                var times = new List<double>();
                for (var i = 0; i < messages; i++)
                {
                    var (kind, text, replies) = Script[i % Script.Length];
                    var ms = await SayAsync(client, line, Head, text, replies);
                    if (ms is { } t)
                    {
                        times.Add(t);
                        byKind.GetOrAdd(kind, _ => []).Add(t);
                    }
                }
                times.Sort();
                var figures = (Percentile(times, 0.50), Percentile(times, 0.99), times[^1]);
                perRound.Add(figures);
                Figures.Print($"round {round}: p50 / p99 / max", $"{figures.Item1:0} / {figures.Item2:0} / {figures.Item3:0} ms  ({times.Count} replies timed)");
            }
            Figures.Print("p50 min / median / max of rounds", Spread(perRound.Select(r => r.P50)));
            Figures.Print("p99 min / median / max of rounds", Spread(perRound.Select(r => r.P99)));
            foreach (var (kind, times) in byKind.OrderBy(k => k.Key))
            {
                times.Sort();
                Figures.Print($"  {kind}: p50 / p99", $"{Percentile(times, 0.5):0} / {Percentile(times, 0.99):0} ms ({times.Count})");
            }
            Figures.Print("load average at end (1/5/15 min)", LoadAverage());
        }
        finally
        {
            BenchApp.DeleteDatabase(database);
        }
    }

    /// <summary>A morning in a unit's group: reports, a card, follow-up answers, questions to the bot, chatter.</summary>
    static readonly (string Kind, string Text, bool Replies)[] Script =
    [
        ("report", "M6 กำลังดำเนินการค่ะ", true),
        ("follow-up answer", "รวบรวมข้อมูลการจัดซื้อจัดจ้างไตรมาส 2 แล้ว", true),
        ("follow-up skip", "ข้าม", true),
        ("chatter", "ประชุมบ่าย 2 นะคะ", false),
        ("card", "สถานะ", true),
        ("report", "ม.๗ อยู่ระหว่างดำเนินการครับ", true),
        ("chatter", "รับทราบค่ะ", false),
        ("follow-up skip", "ข้าม", true),
        ("follow-up skip", "ข้าม", true),
        ("question to the bot", "@ItaBot M6 เสร็จหรือยัง", true),
        ("chatter", "M7 เสร็จหรือยังคะ", false),
        ("help", "ช่วยเหลือ", true),
    ];

    /// <summary>Posts one signed text message; returns ms until the reply (or push) reached LINE, or null when none was expected.</summary>
    static async Task<double?> SayAsync(HttpClient client, FakeLineApi line, string user, string text, bool expectReply)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var mention = text.StartsWith("@ItaBot", StringComparison.Ordinal)
            ? new JsonObject { ["mentionees"] = new JsonArray(new JsonObject { ["index"] = 0, ["length"] = 7, ["type"] = "user", ["userId"] = "U" + new string('d', 32), ["isSelf"] = true }) }
            : null;
        var message = new JsonObject { ["type"] = "text", ["id"] = Random.Shared.NextInt64(1_000_000_000_000, 9_999_999_999_999).ToString(CultureInfo.InvariantCulture), ["quoteToken"] = "q", ["text"] = text };
        if (mention is not null) message["mention"] = mention;
        var body = new JsonObject
        {
            ["destination"] = "U" + new string('d', 32),
            ["events"] = new JsonArray(new JsonObject
            {
                ["type"] = "message", ["message"] = message, ["webhookEventId"] = Ulid(), ["deliveryContext"] = new JsonObject { ["isRedelivery"] = false },
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ["source"] = new JsonObject { ["type"] = "group", ["groupId"] = Group, ["userId"] = user },
                ["replyToken"] = token, ["mode"] = "active",
            }),
        }.ToJsonString();
        var pushesBefore = line.Pushes;
        var start = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-line-signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        // The reply with this token, or a push when the token was not used.
        var limit = TimeSpan.FromMilliseconds(expectReply ? 10_000 : 400);
        while (Stopwatch.GetElapsedTime(start) < limit)
        {
            if (line.Reply(token) is { } reply) return expectReply ? Stopwatch.GetElapsedTime(start, reply.Ticks).TotalMilliseconds : null;
            if (line.Pushes > pushesBefore) return expectReply ? Stopwatch.GetElapsedTime(start).TotalMilliseconds : null;
            await Task.Delay(2);
        }
        if (!expectReply) return null;
        throw new TimeoutException($"No reply within 10 s to \"{text}\"");
    }

    static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    static string Spread(IEnumerable<double> values)
    {
        var v = values.Order().ToList();
        return $"{v[0]:0} / {v[v.Count / 2]:0} / {v[^1]:0} ms";
    }

    static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
    }

    static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    static string Ulid() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString("X10", CultureInfo.InvariantCulture) + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
}
