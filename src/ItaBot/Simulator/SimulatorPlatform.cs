using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Simulator;

/// <summary>What became of a member's message: the webhook's answer, or why it never left.</summary>
public sealed record SimulatorDelivery(bool Delivered, string? Problem);

/// <summary>
/// The LINE platform's side of the simulator: members' messages become signed webhook events POSTed to the
/// app's real webhook; what the bot sends through the Messaging API is recorded in the chat's history.
/// Reply tokens are single use and last a minute of the app's clock; content members send is downloadable
/// from the data API for as long as this process runs (LINE, too, keeps it only for a while).
/// </summary>
public sealed class SimulatorPlatform(
    SimulatorChannel channel, SimulatorClock clock, IServiceScopeFactory scopes, IHttpClientFactory http, ILogger<SimulatorPlatform> log)
{
    public const string WebhookClient = "simulator-webhook";
    public static readonly TimeSpan ReplyTokenLifetime = TimeSpan.FromMinutes(1);
    const long MaxContentBytes = 200L * 1024 * 1024;

    readonly ConcurrentDictionary<string, ReplyToken> _replyTokens = new();
    readonly ConcurrentDictionary<string, Content> _contents = new();
    readonly ConcurrentQueue<string> _contentOrder = new();
    long _contentBytes;

    sealed class ReplyToken(string chatId, DateTimeOffset issuedAt)
    {
        public string ChatId { get; } = chatId;
        public DateTimeOffset IssuedAt { get; } = issuedAt;
        public int Used;
    }

    public sealed record Content(byte[] Bytes, string ContentType, string? FileName);

    public SimulatorWorld World { get; private set; } = new(null, []);

    public SimulatorChannel Channel => channel;

    public void Populate(SimulatorWorld world) => World = world;

    // ---- members act ---------------------------------------------------------------------------------------

    public Task<SimulatorDelivery> SayAsync(SimulatorChat chat, SimulatorPerson person, string text, CancellationToken ct)
    {
        var message = new JsonObject { ["type"] = "text", ["id"] = SimulatorIds.Message(), ["quoteToken"] = QuoteToken(), ["text"] = text };
        if (Mentions(chat, text) is { Count: > 0 } mentionees) message["mention"] = new JsonObject { ["mentionees"] = mentionees };
        return SendAsync(chat, person, "message", message, ("message", message));
    }

    /// <summary>A tap on a postback button: LINE shows its <c>displayText</c> as the member's message and posts the data.</summary>
    public Task<SimulatorDelivery> TapAsync(SimulatorChat chat, SimulatorPerson person, string data, string? displayText, IReadOnlyDictionary<string, string>? parameters, CancellationToken ct)
    {
        var postback = new JsonObject { ["data"] = data };
        if (parameters is { Count: > 0 })
            postback["params"] = new JsonObject(parameters.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        // LINE shows the display text in the chat as the member's message; the webhook carries only the data.
        var shown = new JsonObject { ["data"] = data, ["displayText"] = displayText };
        return SendAsync(chat, person, "postback", shown, ("postback", postback));
    }

    /// <summary>A photo or file: the event says only its id (and a file's name and size); the bot downloads the bytes.</summary>
    public Task<SimulatorDelivery> SendContentAsync(SimulatorChat chat, SimulatorPerson person, byte[] bytes, string contentType, string fileName, bool asImage, CancellationToken ct)
    {
        var id = SimulatorIds.Message();
        Keep(id, new Content(bytes, contentType, fileName));
        var message = asImage
            ? new JsonObject { ["type"] = "image", ["id"] = id, ["quoteToken"] = QuoteToken(), ["contentProvider"] = new JsonObject { ["type"] = "line" } }
            : new JsonObject { ["type"] = "file", ["id"] = id, ["fileName"] = fileName, ["fileSize"] = bytes.LongLength };
        return SendAsync(chat, person, "message", message, ("message", message));
    }

    /// <summary>Setting up a chat the first time: the bot joins the group (or the person adds it as a friend).</summary>
    public async Task<SimulatorDelivery> JoinAsync(SimulatorChat chat, CancellationToken ct)
    {
        await NoteAsync(chat.ChatId, chat.IsGroup ? $"{SimulatorChannel.BotName} เข้าร่วมกลุ่ม {chat.Name}" : $"{chat.Members[0].Name} เพิ่ม {SimulatorChannel.BotName} เป็นเพื่อน");
        return chat.IsGroup
            ? await SendAsync(chat, null, "join", null)
            : await SendAsync(chat, chat.Members[0], "follow", null, ("follow", new JsonObject { ["isUnblocked"] = false }));
    }

    public Content? FindContent(string messageId) => _contents.GetValueOrDefault(messageId);

    /// <param name="shown">What the chat shows the member sending (null: nothing, e.g. the bot joining).</param>
    async Task<SimulatorDelivery> SendAsync(SimulatorChat chat, SimulatorPerson? person, string type, JsonObject? shown, params (string Name, JsonNode Value)[] content)
    {
        var now = clock.GetUtcNow();
        var e = new JsonObject { ["type"] = type };
        foreach (var (name, value) in content) e[name] = value;
        e["webhookEventId"] = Line.WebhookEventIds.New(now);
        e["deliveryContext"] = new JsonObject { ["isRedelivery"] = false };
        e["timestamp"] = now.ToUnixTimeMilliseconds();
        var source = chat.IsGroup ? new JsonObject { ["type"] = "group", ["groupId"] = chat.ChatId } : new JsonObject { ["type"] = "user" };
        if (person is not null) source["userId"] = person.UserId;
        e["source"] = source;
        if (type is not ("leave" or "unfollow" or "memberLeft" or "unsend"))
        {
            var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _replyTokens[token] = new ReplyToken(chat.ChatId, now);
            e["replyToken"] = token;
        }
        e["mode"] = "active";

        if (person is not null && shown is not null)
            await RecordAsync(chat.ChatId, SimulatorSender.Member, person.UserId, shown.ToJsonString(LineJson.Options), type, 0, null);

        var delivery = await DeliverAsync(e);
        if (!delivery.Delivered) await NoteAsync(chat.ChatId, delivery.Problem!);
        return delivery;
    }

    /// <summary>POSTs one event to the app's webhook, signed as LINE signs: Base64(HMAC-SHA256(channel secret, body)).</summary>
    async Task<SimulatorDelivery> DeliverAsync(JsonObject webhookEvent)
    {
        if (channel.AppAddress is not { } address) return new(false, "ยังไม่พร้อม: แอปยังไม่เปิดรับการเชื่อมต่อ");
        var body = new JsonObject { ["destination"] = channel.BotUserId, ["events"] = new JsonArray(webhookEvent) }.ToJsonString(LineJson.Options);
        var bytes = Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/line/webhook/" + SimulatorOptions.ChannelName))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("x-line-signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(channel.Secret), bytes)));
        request.Headers.UserAgent.ParseAdd("LineBotWebhook/2.0");
        try
        {
            using var response = await http.CreateClient(WebhookClient).SendAsync(request);
            if (response.IsSuccessStatusCode) return new(true, null);
            var text = await response.Content.ReadAsStringAsync();
            return new(false, $"webhook ตอบ {(int)response.StatusCode}: {Cut(text, 200)}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            log.LogWarning("The simulator could not deliver a webhook event: {Error}", e.Message);
            return new(false, "ส่ง webhook ไม่สำเร็จ: " + e.Message);
        }
    }

    // ---- the bot sends (called by the Messaging API endpoints) ----------------------------------------------

    /// <summary>Spends a reply token: the chat it belongs to, or why LINE refuses it.</summary>
    public (string? ChatId, string? Problem) UseReplyToken(string token)
    {
        if (!_replyTokens.TryGetValue(token, out var reply)) return (null, "Invalid reply token");
        if (clock.GetUtcNow() - reply.IssuedAt > ReplyTokenLifetime) return (null, "Invalid reply token");
        if (Interlocked.Exchange(ref reply.Used, 1) == 1) return (null, "Invalid reply token");
        return (reply.ChatId, null);
    }

    public async Task<bool> RetryKeyAcceptedAsync(Guid key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SimulatorMessages.AnyAsync(m => m.RetryKey == key, ct);
    }

    /// <summary>Messages billed this (Bangkok) month: pushes and multicasts, once per recipient per request.</summary>
    public async Task<long> UsageThisMonthAsync(CancellationToken ct)
    {
        var local = Thai.Bangkok.ToBangkok(clock.GetUtcNow().UtcDateTime);
        var monthStart = TimeZoneInfo.ConvertTimeToUtc(new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), Thai.Bangkok.Zone);
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SimulatorMessages
            .Where(m => m.AtUtc >= monthStart && m.Billed > 0).SumAsync(m => (long)m.Billed, ct);
    }

    /// <summary>Records what the bot sent to one chat in one request; the first row carries the request's bill.</summary>
    public async Task RecordBotAsync(string chatId, IReadOnlyList<JsonObject> messages, string via, int billed, Guid? retryKey, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var at = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < messages.Count; i++)
            db.SimulatorMessages.Add(new SimulatorMessage
            {
                ChatId = chatId, Sender = SimulatorSender.Bot, Json = messages[i].ToJsonString(LineJson.Options), Via = via,
                Billed = i == 0 ? billed : 0, RetryKey = i == 0 ? retryKey : null, AtUtc = at,
            });
        await db.SaveChangesAsync(ct);
    }

    public Task NoteAsync(string chatId, string text) =>
        RecordAsync(chatId, SimulatorSender.System, null, new JsonObject { ["type"] = "text", ["text"] = text }.ToJsonString(LineJson.Options), "note", 0, null);

    async Task RecordAsync(string chatId, SimulatorSender sender, string? userId, string json, string via, int billed, Guid? retryKey)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.SimulatorMessages.Add(new SimulatorMessage
        {
            ChatId = chatId, Sender = sender, UserId = userId, Json = json, Via = via, Billed = billed, RetryKey = retryKey,
            AtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task<List<SimulatorMessage>> HistoryAsync(string chatId, long afterId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SimulatorMessages.AsNoTracking()
            .Where(m => m.ChatId == chatId && m.Id > afterId).OrderBy(m => m.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>The chat's latest message (for its quick replies), or nothing.</summary>
    public async Task<List<SimulatorMessage>> LatestAsync(string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SimulatorMessages.AsNoTracking()
            .Where(m => m.ChatId == chatId).OrderByDescending(m => m.Id).Take(1).ToListAsync(ct);
    }

    public async Task<bool> HasHistoryAsync(string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SimulatorMessages.AnyAsync(m => m.ChatId == chatId, ct);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /// <summary>"@ItaBot" and "@member name" in a member's text become LINE mentions (the bot's is marked isSelf).</summary>
    JsonArray Mentions(SimulatorChat chat, string text)
    {
        var mentionees = new JsonArray();
        var names = chat.Members.Select(m => (Name: m.Name, m.UserId, Self: false))
            .Append((Name: SimulatorChannel.BotName, UserId: channel.BotUserId, Self: true))
            .OrderByDescending(n => n.Name.Length).ToList();
        var taken = new bool[text.Length];
        foreach (var (name, userId, self) in names)
        {
            var mention = "@" + name;
            for (var at = text.IndexOf(mention, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(mention, at + mention.Length, StringComparison.OrdinalIgnoreCase))
            {
                if (taken.AsSpan(at, mention.Length).Contains(true)) continue;
                taken.AsSpan(at, mention.Length).Fill(true);
                var mentionee = new JsonObject { ["index"] = at, ["length"] = mention.Length, ["type"] = "user", ["userId"] = userId };
                if (self) mentionee["isSelf"] = true;
                mentionees.Add(mentionee);
            }
        }
        return mentionees;
    }

    void Keep(string id, Content content)
    {
        _contents[id] = content;
        _contentOrder.Enqueue(id);
        // A bounded store: the oldest content goes first, as LINE lets old content expire.
        for (var total = Interlocked.Add(ref _contentBytes, content.Bytes.LongLength); total > MaxContentBytes && _contentOrder.TryDequeue(out var oldest);)
            if (_contents.TryRemove(oldest, out var removed)) total = Interlocked.Add(ref _contentBytes, -removed.Bytes.LongLength);
    }

    static string QuoteToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static string Cut(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
