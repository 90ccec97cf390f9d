using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItaBot.Line.Api;

/// <summary>A part of a request LINE would refuse, in LINE's error-detail shape (<c>property</c> like <c>messages[0].text</c>).</summary>
public sealed record LineLimitViolation(string Property, string Message);

/// <summary>
/// What LINE refuses in messages sent by reply or push, checked the way LINE checks: message count per call,
/// text lengths, Flex sizes in bytes of compact UTF-8 JSON, carousel and quick-reply counts, labels, postback
/// data, URI schemes. Used by the simulator (which must refuse what LINE refuses) and by anyone who wants to
/// know before sending.
/// </summary>
public static class LineMessageLimits
{
    public const int MaxBubbleBytes = 30 * 1024;
    public const int MaxCarouselBytes = 50 * 1024;
    public const int MaxCarouselBubbles = 12;
    public const int MaxActionLabelLength = 20;
    public const int MaxMessageActionTextLength = 300;
    public const int MaxUriLength = 1000;
    public const int MaxImageUrlLength = 2000;

    static readonly HashSet<string> MessageTypes = ["text", "textV2", "flex", "image", "video", "audio", "location", "sticker", "imagemap", "template"];

    /// <summary>Every violation in a request's <c>messages</c> array (empty when LINE would accept it).</summary>
    public static IReadOnlyList<LineLimitViolation> Check(JsonNode? messages)
    {
        var errors = new List<LineLimitViolation>();
        if (messages is not JsonArray array)
        {
            errors.Add(new("messages", "must be specified"));
            return errors;
        }
        if (array.Count is < 1 or > LineApiClient.MaxMessagesPerCall)
            errors.Add(new("messages", $"Size must be between 1 and {LineApiClient.MaxMessagesPerCall}"));
        for (var i = 0; i < array.Count; i++) Message(array[i], $"messages[{i}]", errors);
        return errors;
    }

    /// <summary>Every violation in one message on its own (its place in a request is <paramref name="path"/>).</summary>
    public static IReadOnlyList<LineLimitViolation> CheckMessage(JsonObject message, string path = "messages[0]")
    {
        var errors = new List<LineLimitViolation>();
        Message(message, path, errors);
        return errors;
    }

    /// <summary>Size as LINE counts it: compact JSON, UTF-8, non-ASCII not escaped.</summary>
    public static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString(LineJson.Options));

    static void Message(JsonNode? node, string path, List<LineLimitViolation> e)
    {
        if (node is not JsonObject m) { e.Add(new(path, "must be an object")); return; }
        var type = Str(m, "type");
        if (type is null || !MessageTypes.Contains(type)) { e.Add(new(path + ".type", $"Unknown message type '{type}'")); return; }
        switch (type)
        {
            case "text":
                Length(e, m, path, "text", 1, LineMessages.MaxTextLength, required: true);
                break;
            case "textV2":
                Length(e, m, path, "text", 1, LineMessages.MaxTextLength, required: true);
                if (m["substitution"] is JsonObject substitution)
                    foreach (var (key, value) in substitution)
                    {
                        var at = $"{path}.substitution.{key}";
                        if (value is not JsonObject s || Str(s, "type") is not ("mention" or "emoji")) e.Add(new(at, "must be a mention or an emoji"));
                        else if (Str(s, "type") == "mention" && s["mentionee"] is not JsonObject) e.Add(new(at + ".mentionee", "must be specified"));
                    }
                break;
            case "flex":
                Length(e, m, path, "altText", 1, LineMessages.MaxAltTextLength, required: true);
                if (m["contents"] is not JsonObject contents) e.Add(new(path + ".contents", "must be specified"));
                else FlexContainer(contents, path + ".contents", e);
                break;
            case "image":
            case "video":
                Https(e, m, path, "originalContentUrl", required: true);
                Https(e, m, path, "previewImageUrl", required: true);
                break;
            case "audio":
                Https(e, m, path, "originalContentUrl", required: true);
                break;
            case "sticker":
                if (Str(m, "packageId") is null) e.Add(new(path + ".packageId", "must be specified"));
                if (Str(m, "stickerId") is null) e.Add(new(path + ".stickerId", "must be specified"));
                break;
            case "template":
                Length(e, m, path, "altText", 1, 400, required: true);
                if (m["template"] is JsonObject template)
                    foreach (var (action, i) in Actions(template)) Action(action, $"{path}.template.actions[{i}]", e, quickReply: false);
                break;
        }
        if (m["quickReply"] is { } quick) QuickReply(quick, path + ".quickReply", e);
    }

    static IEnumerable<(JsonNode? Action, int Index)> Actions(JsonObject template) =>
        template["actions"] is JsonArray actions ? actions.Select((a, i) => (a, i)) : [];

    static void QuickReply(JsonNode node, string path, List<LineLimitViolation> e)
    {
        if (node is not JsonObject q || q["items"] is not JsonArray items) { e.Add(new(path + ".items", "must be specified")); return; }
        if (items.Count is < 1 or > LineMessages.MaxQuickReplyItems)
            e.Add(new(path + ".items", $"Size must be between 1 and {LineMessages.MaxQuickReplyItems}"));
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}.items[{i}]";
            if (items[i] is not JsonObject item || Str(item, "type") != "action") { e.Add(new(at + ".type", "must be \"action\"")); continue; }
            if (item["action"] is not JsonObject action) { e.Add(new(at + ".action", "must be specified")); continue; }
            Action(action, at + ".action", e, quickReply: true);
            if (item.ContainsKey("imageUrl")) Https(e, item, at, "imageUrl", required: false);
        }
    }

    static void Action(JsonNode? node, string path, List<LineLimitViolation> e, bool quickReply)
    {
        if (node is not JsonObject a) { e.Add(new(path, "must be an object")); return; }
        var type = Str(a, "type");
        if (type is null) { e.Add(new(path + ".type", "must be specified")); return; }
        // Flex buttons may go without a label only when the button shows none; quick replies always show one.
        if (quickReply || a.ContainsKey("label"))
            Length(e, a, path, "label", 1, MaxActionLabelLength, required: quickReply && type is not ("camera" or "cameraRoll" or "location"));
        switch (type)
        {
            case "postback":
                Length(e, a, path, "data", 0, LineMessages.MaxPostbackDataLength, required: true);
                Length(e, a, path, "displayText", 1, LineMessages.MaxPostbackDataLength, required: false);
                Length(e, a, path, "text", 1, LineMessages.MaxPostbackDataLength, required: false);
                break;
            case "message":
                Length(e, a, path, "text", 1, MaxMessageActionTextLength, required: true);
                break;
            case "uri":
                if (Str(a, "uri") is not { } uri) e.Add(new(path + ".uri", "must be specified"));
                else if (uri.Length > MaxUriLength) e.Add(new(path + ".uri", $"Length must be between 0 and {MaxUriLength}"));
                else if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https" or "line" or "tel"))
                    e.Add(new(path + ".uri", "Must be an http, https, line or tel URI"));
                break;
            case "datetimepicker":
                Length(e, a, path, "data", 0, LineMessages.MaxPostbackDataLength, required: true);
                if (Str(a, "mode") is not ("date" or "time" or "datetime")) e.Add(new(path + ".mode", "must be date, time or datetime"));
                break;
            case "camera" or "cameraRoll" or "location" or "richmenuswitch" or "clipboard":
                break;
            default:
                e.Add(new(path + ".type", $"Unknown action type '{type}'"));
                break;
        }
    }

    static void FlexContainer(JsonObject contents, string path, List<LineLimitViolation> e)
    {
        switch (Str(contents, "type"))
        {
            case "bubble":
                Bubble(contents, path, e);
                break;
            case "carousel":
                if (contents["contents"] is not JsonArray bubbles || bubbles.Count is < 1 or > MaxCarouselBubbles)
                    e.Add(new(path + ".contents", $"Size must be between 1 and {MaxCarouselBubbles}"));
                else
                    for (var i = 0; i < bubbles.Count; i++)
                    {
                        if (bubbles[i] is JsonObject bubble && Str(bubble, "type") == "bubble") Bubble(bubble, $"{path}.contents[{i}]", e);
                        else e.Add(new($"{path}.contents[{i}].type", "must be \"bubble\""));
                    }
                var size = Bytes(contents);
                if (size > MaxCarouselBytes)
                    e.Add(new(path, $"The carousel is {size:N0} bytes of JSON; LINE's limit is 50 KB ({MaxCarouselBytes:N0} bytes)"));
                break;
            default:
                e.Add(new(path + ".type", "must be \"bubble\" or \"carousel\""));
                break;
        }
    }

    static void Bubble(JsonObject bubble, string path, List<LineLimitViolation> e)
    {
        var size = Bytes(bubble);
        if (size > MaxBubbleBytes)
            e.Add(new(path, $"The bubble is {size:N0} bytes of JSON; LINE's limit is 30 KB ({MaxBubbleBytes:N0} bytes)"));
        foreach (var block in new[] { "header", "hero", "body", "footer" })
            if (bubble[block] is JsonObject component) Component(component, $"{path}.{block}", e);
        if (bubble["action"] is JsonObject action) Action(action, path + ".action", e, quickReply: false);
    }

    static void Component(JsonObject c, string path, List<LineLimitViolation> e)
    {
        switch (Str(c, "type"))
        {
            case "box":
                if (Str(c, "layout") is not ("horizontal" or "vertical" or "baseline")) e.Add(new(path + ".layout", "must be horizontal, vertical or baseline"));
                if (c["contents"] is not JsonArray children) e.Add(new(path + ".contents", "must be specified"));
                else for (var i = 0; i < children.Count; i++)
                    {
                        if (children[i] is JsonObject child) Component(child, $"{path}.contents[{i}]", e);
                        else e.Add(new($"{path}.contents[{i}]", "must be an object"));
                    }
                break;
            case "text":
                if (c["contents"] is not JsonArray { Count: > 0 }) Length(e, c, path, "text", 1, int.MaxValue, required: true);
                break;
            case "span":
                Length(e, c, path, "text", 1, int.MaxValue, required: true);
                break;
            case "button":
                if (c["action"] is not JsonObject) e.Add(new(path + ".action", "must be specified"));
                break;
            case "image" or "icon":
                Https(e, c, path, "url", required: true);
                break;
            case "video":
                Https(e, c, path, "url", required: true);
                Https(e, c, path, "previewUrl", required: true);
                break;
            case "separator" or "filler" or "spacer":
                break;
            default:
                e.Add(new(path + ".type", $"Unknown Flex component '{Str(c, "type")}'"));
                break;
        }
        if (c["action"] is JsonObject action) Action(action, path + ".action", e, quickReply: false);
    }

    static void Length(List<LineLimitViolation> e, JsonObject o, string path, string name, int min, int max, bool required)
    {
        var at = $"{path}.{name}";
        if (Str(o, name) is not { } text)
        {
            if (required || o.ContainsKey(name)) e.Add(new(at, "must be specified"));
            return;
        }
        if (text.Length == 0 && min > 0) e.Add(new(at, "May not be empty"));
        else if (text.Length < min || text.Length > max)
            e.Add(new(at, max == int.MaxValue ? $"Length must be at least {min}" : $"Length must be between {min} and {max}"));
    }

    static void Https(List<LineLimitViolation> e, JsonObject o, string path, string name, bool required)
    {
        var at = $"{path}.{name}";
        if (Str(o, name) is not { } url)
        {
            if (required) e.Add(new(at, "must be specified"));
            return;
        }
        if (url.Length > MaxImageUrlLength) e.Add(new(at, $"Length must be between 0 and {MaxImageUrlLength}"));
        else if (!url.StartsWith("https://", StringComparison.Ordinal)) e.Add(new(at, "Must be an https URL"));
    }

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
