using ItaBot.Line;
using System.Text.Json.Nodes;

namespace ItaBot.Line.Api;

/// <summary>
/// Small builders for LINE message and action objects. Bigger messages come from the Flex templates; these cover
/// the plain text, quick replies and buttons that chat answers need. Values go in as JSON values, never spliced
/// into JSON text, so user text cannot change the message's structure.
/// </summary>
public static class LineMessages
{
    public const int MaxTextLength = 5000;
    public const int MaxAltTextLength = 1500;
    public const int MaxQuickReplyItems = 13;
    public const int MaxPostbackDataLength = 300;
    public const int MaxQuickReplyLabelLength = 20;

    /// <summary>A text message, cut to LINE's 5,000 characters.</summary>
    public static JsonObject Text(string text, JsonObject? quickReply = null) =>
        WithQuickReply(new JsonObject { ["type"] = "text", ["text"] = TextCut.Fit(text, MaxTextLength) }, quickReply);

    /// <summary>A Flex message; <paramref name="altText"/> is what notifications and old clients show.</summary>
    public static JsonObject Flex(string altText, JsonObject contents, JsonObject? quickReply = null) =>
        WithQuickReply(new JsonObject { ["type"] = "flex", ["altText"] = TextCut.Fit(altText, MaxAltTextLength), ["contents"] = contents }, quickReply);

    /// <summary>Quick reply buttons under a message, one per action; past LINE's 13 the rest are dropped.</summary>
    public static JsonObject QuickReply(params IEnumerable<JsonObject> actions) =>
        new()
        {
            ["items"] = new JsonArray(actions.Take(MaxQuickReplyItems).Select(a => (JsonNode)new JsonObject { ["type"] = "action", ["action"] = a }).ToArray()),
        };

    /// <summary>A button label cut to LINE's 20 characters.</summary>
    public static string Label(string text) => TextCut.Fit(text, MaxQuickReplyLabelLength);

    /// <summary>A button that sends <paramref name="data"/> (≤ 300 chars) to the bot; <paramref name="displayText"/> is echoed in the chat as the user's message.</summary>
    public static JsonObject PostbackAction(string label, string data, string? displayText = null)
    {
        var action = new JsonObject { ["type"] = "postback", ["label"] = Label(label), ["data"] = data };
        if (displayText is not null) action["displayText"] = displayText;
        return action;
    }

    /// <summary>A button that makes the user send <paramref name="text"/> as a message.</summary>
    public static JsonObject MessageAction(string label, string text) =>
        new() { ["type"] = "message", ["label"] = Label(label), ["text"] = TextCut.Fit(text, LineMessageLimits.MaxMessageActionTextLength) };

    public static JsonObject UriAction(string label, string uri) =>
        new() { ["type"] = "uri", ["label"] = label, ["uri"] = uri };

    /// <summary>A date picker; LINE posts back <paramref name="data"/> with <c>params.date</c>.</summary>
    public static JsonObject DatePickerAction(string label, string data, DateOnly? initial = null)
    {
        var action = new JsonObject { ["type"] = "datetimepicker", ["label"] = label, ["data"] = data, ["mode"] = "date" };
        if (initial is { } date) action["initial"] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return action;
    }

    static JsonObject WithQuickReply(JsonObject message, JsonObject? quickReply)
    {
        if (quickReply is not null) message["quickReply"] = quickReply;
        return message;
    }
}
