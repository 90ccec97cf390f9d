using System.Text.Json;

namespace ItaBot.Line;

/// <summary>
/// A webhook event, typed where the chat layer needs it; everything else stays in <see cref="Raw"/>.
/// Unknown event types parse too (only <see cref="Type"/> and the common fields are set).
/// </summary>
public sealed record LineEvent(
    string Type,
    string WebhookEventId,
    DateTimeOffset Timestamp,
    LineSource Source,
    string? ReplyToken,
    LineEventMessage? Message,
    LinePostback? Postback,
    bool IsRedelivery,
    JsonElement Raw)
{
    public static LineEvent Parse(string rawJson, string webhookEventId)
    {
        using var document = JsonDocument.Parse(rawJson);
        var e = document.RootElement.Clone();
        var source = e.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Object
            ? new LineSource(Str(s, "type") ?? "unknown", Str(s, "userId"), Str(s, "groupId"), Str(s, "roomId"))
            : new LineSource("none", null, null, null);
        var timestamp = e.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch;
        return new LineEvent(
            Str(e, "type") ?? "unknown",
            webhookEventId,
            timestamp,
            source,
            Str(e, "replyToken"),
            e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? LineEventMessage.From(m) : null,
            e.TryGetProperty("postback", out var p) && p.ValueKind == JsonValueKind.Object ? LinePostback.From(p) : null,
            e.TryGetProperty("deliveryContext", out var d) && d.ValueKind == JsonValueKind.Object
                && d.TryGetProperty("isRedelivery", out var r) && r.ValueKind == JsonValueKind.True,
            e);
    }

    /// <summary>For an <c>unsend</c> event: the id of the message its sender withdrew.</summary>
    public string? UnsentMessageId =>
        Type == "unsend" && Raw.TryGetProperty("unsend", out var u) && u.ValueKind == JsonValueKind.Object ? Str(u, "messageId") : null;

    internal static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

/// <summary>Where an event came from. In groups and rooms <see cref="UserId"/> is only set on message events.</summary>
public sealed record LineSource(string Type, string? UserId, string? GroupId, string? RoomId)
{
    /// <summary>The chat to answer in: the group, the room, or the one-to-one chat with the user.</summary>
    public string? ChatId => GroupId ?? RoomId ?? UserId;
}

/// <summary>
/// A message event's content. <see cref="Text"/> only for text messages; <see cref="QuotedMessageId"/> when the
/// message is a reply quoting another one (the bot's own, if it is among the ids LINE gave what the bot sent).
/// </summary>
public sealed record LineEventMessage(string Type, string Id, string? Text, string? QuoteToken, IReadOnlyList<LineMention> Mentions, string? QuotedMessageId = null)
{
    /// <summary>True when the text mentions this bot (LINE marks the bot's own mention with isSelf).</summary>
    public bool MentionsBot => Mentions.Any(m => m.IsSelf);

    internal static LineEventMessage From(JsonElement m)
    {
        var mentions = new List<LineMention>();
        if (m.TryGetProperty("mention", out var mention) && mention.ValueKind == JsonValueKind.Object
            && mention.TryGetProperty("mentionees", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in list.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Object) continue;
                mentions.Add(new LineMention(
                    x.TryGetProperty("index", out var i) && i.TryGetInt32(out var index) ? index : 0,
                    x.TryGetProperty("length", out var l) && l.TryGetInt32(out var length) ? length : 0,
                    LineEvent.Str(x, "type") ?? "user",
                    LineEvent.Str(x, "userId"),
                    x.TryGetProperty("isSelf", out var self) && self.ValueKind == JsonValueKind.True));
            }
        }
        return new LineEventMessage(LineEvent.Str(m, "type") ?? "unknown", LineEvent.Str(m, "id") ?? "", LineEvent.Str(m, "text"),
            LineEvent.Str(m, "quoteToken"), mentions, LineEvent.Str(m, "quotedMessageId"));
    }
}

/// <summary>A mention inside a text message: characters [Index, Index+Length) of the text.</summary>
public sealed record LineMention(int Index, int Length, string Type, string? UserId, bool IsSelf);

/// <summary>Postback data (≤ 300 chars, written by our own buttons) and, for date pickers, the chosen value.</summary>
public sealed record LinePostback(string Data, IReadOnlyDictionary<string, string> Params)
{
    internal static LinePostback From(JsonElement p)
    {
        var parameters = new Dictionary<string, string>();
        if (p.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Object)
            foreach (var x in ps.EnumerateObject())
                if (x.Value.ValueKind == JsonValueKind.String) parameters[x.Name] = x.Value.GetString()!;
        return new LinePostback(LineEvent.Str(p, "data") ?? "", parameters);
    }
}
