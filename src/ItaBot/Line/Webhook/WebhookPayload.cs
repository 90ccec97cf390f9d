using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ItaBot.Line;

/// <summary>An event as the webhook stores it: only what the worker needs to order and find it, plus the raw JSON.</summary>
public sealed record InboxRow(
    string Channel, string WebhookEventId, string ChatKey, string EventType, long EventTimestamp, string RawJson, bool IsRedelivery);

/// <summary>
/// Splits a verified webhook body into inbox rows. Unknown event types are kept as they are; a body that is not
/// UTF-8 JSON, or whose events have a field the bot reads of the wrong kind (<see cref="WebhookEventShape"/>), is
/// refused whole (the webhook answers 400 naming it), so nothing unreadable is stored to block its chat.
/// </summary>
public static class WebhookPayload
{
    public static bool TryParse(ReadOnlyMemory<byte> body, string channel, out List<InboxRow> rows, out string? error)
    {
        rows = [];
        // Checked first: the parser would otherwise meet bad bytes only when a string is read, as an exception.
        if (!System.Text.Unicode.Utf8.IsValid(body.Span))
        {
            error = "body is not valid UTF-8";
            return false;
        }
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException e)
        {
            error = $"body is not valid JSON ({e.Message})";
            return false;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("events", out var events)
                || events.ValueKind != JsonValueKind.Array)
            {
                error = "body has no \"events\" array";
                return false;
            }
            var index = 0;
            foreach (var e in events.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object)
                {
                    error = "an element of \"events\" is not an object";
                    return false;
                }
                if (WebhookEventShape.Problem(e, $"events[{index++}]") is { } problem)
                {
                    error = problem;
                    return false;
                }
                var raw = e.GetRawText();
                var id = String(e, "webhookEventId") ?? DerivedId(channel, raw);
                var source = e.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
                var chat = source.ValueKind == JsonValueKind.Object
                    ? String(source, "groupId") ?? String(source, "roomId") ?? String(source, "userId")
                    : null;
                var timestamp = e.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms) ? ms : 0;
                var redelivery = e.TryGetProperty("deliveryContext", out var d) && d.ValueKind == JsonValueKind.Object
                    && d.TryGetProperty("isRedelivery", out var r) && r.ValueKind == JsonValueKind.True;
                rows.Add(new InboxRow(
                    channel,
                    Clip(id, 80),
                    // An event without a chat (none exist today) gets a chat of its own, so it never waits on another.
                    Clip(chat ?? "event:" + id, 80),
                    Clip(String(e, "type") ?? "unknown", 40),
                    timestamp,
                    raw,
                    redelivery));
            }
        }
        error = null;
        return true;
    }

    static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { Length: > 0 } v ? v : null;

    /// <summary>LINE always sends webhookEventId; should one be missing, the same event must still map to the same id.</summary>
    static string DerivedId(string channel, string raw) =>
        "h:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(channel + "\n" + raw)))[..40];

    static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
