using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Line.Api;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>
/// LINE's documented limits that messaging-api.yml leaves out (it has no length on text or altText, no size on
/// Flex, and few required fields on actions). Each rule hangs off the component it belongs to, so it applies
/// wherever that component appears: a bubble inside a carousel, an action inside a quick reply or a button.
/// </summary>
public sealed partial class LineMessageRules : ISchemaRules
{
    public const int MaxTextLength = 5000;
    public const int MaxFlexAltTextLength = 1500;
    public const int MaxTemplateAltTextLength = 400;
    public const int MaxBubbleBytes = 30 * 1024;
    public const int MaxCarouselBytes = 50 * 1024;
    public const int MaxCarouselBubbles = 12;
    public const int MaxQuickReplyItems = 13;
    public const int MaxQuickReplyLabelLength = 20;
    public const int MaxPostbackDataLength = 300;
    public const int MaxMessageActionTextLength = 300;
    public const int MaxUriLength = 1000;
    public const int MaxImageUrlLength = 2000;

    public void Check(string component, JsonNode node, string path, List<SchemaError> errors)
    {
        if (node is not JsonObject o) return;
        var e = new Reporter(path, errors);
        switch (component)
        {
            case "PushMessageRequest":
                if (Str(o, "to") is { } to && !ChatId().IsMatch(to))
                    e.At("to", "Invalid recipient: must be a user (U…), group (C…) or room (R…) ID of 33 characters");
                break;
            case "MulticastRequest":
                if (o["to"] is JsonArray recipients)
                    for (var i = 0; i < recipients.Count; i++)
                        if (recipients[i] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || !UserId().IsMatch(v.GetValue<string>()))
                            e.At($"to[{i}]", "Invalid recipient: multicast only reaches user IDs (U… of 33 characters)");
                break;
            case "ShowLoadingAnimationRequest":
                if (Str(o, "chatId") is { } chatId && !UserId().IsMatch(chatId))
                    e.At("chatId", "The loading animation is only shown in one-to-one chats: chatId must be a user ID");
                if (o["loadingSeconds"] is JsonValue seconds && seconds.GetValueKind() == JsonValueKind.Number &&
                    seconds.GetValue<JsonElement>().TryGetInt32(out var s) && s % 5 != 0)
                    e.At("loadingSeconds", "Must be a multiple of 5");
                break;

            case "TextMessage" or "TextMessageV2":
                Length(e, o, "text", 1, MaxTextLength);
                break;
            case "FlexMessage":
                Length(e, o, "altText", 1, MaxFlexAltTextLength);
                break;
            case "TemplateMessage":
                Length(e, o, "altText", 1, MaxTemplateAltTextLength);
                break;
            case "ImageMessage" or "VideoMessage":
                Https(e, o, "originalContentUrl", MaxImageUrlLength);
                Https(e, o, "previewImageUrl", MaxImageUrlLength);
                break;
            case "AudioMessage":
                Https(e, o, "originalContentUrl", MaxImageUrlLength);
                break;

            case "FlexBubble":
                var bubbleBytes = Bytes(o);
                if (bubbleBytes > MaxBubbleBytes)
                    e.Here($"The bubble is {bubbleBytes:N0} bytes of JSON; LINE's limit is 30 KB ({MaxBubbleBytes:N0} bytes)");
                break;
            case "FlexCarousel":
                if (o["contents"] is JsonArray bubbles && (bubbles.Count < 1 || bubbles.Count > MaxCarouselBubbles))
                    e.At("contents", $"Size must be between 1 and {MaxCarouselBubbles}");
                var carouselBytes = Bytes(o);
                if (carouselBytes > MaxCarouselBytes)
                    e.Here($"The carousel is {carouselBytes:N0} bytes of JSON; LINE's limit is 50 KB ({MaxCarouselBytes:N0} bytes)");
                break;
            case "FlexText":
                if (o["contents"] is not JsonArray { Count: > 0 })
                {
                    if (!o.ContainsKey("text")) e.At("text", "must be specified (or give contents)");
                    else Length(e, o, "text", 1, int.MaxValue);
                }
                break;
            case "FlexSpan":
                if (!o.ContainsKey("text")) e.At("text", "must be specified");
                else Length(e, o, "text", 1, int.MaxValue);
                break;
            case "FlexImage" or "FlexIcon":
                Https(e, o, "url", MaxImageUrlLength);
                break;

            case "QuickReply":
                // The schema already caps items at 13; LINE also refuses an empty list.
                if (o["items"] is not JsonArray items) e.At("items", "must be specified");
                else if (items.Count == 0) e.At("items", $"Size must be between 1 and {MaxQuickReplyItems}");
                break;
            case "QuickReplyItem":
                if (Str(o, "type") != "action") e.At("type", "must be \"action\"");
                if (o["action"] is not JsonObject action) e.At("action", "must be specified");
                else if (!action.ContainsKey("label")) e.At("action.label", "must be specified");
                else Length(new Reporter(OpenApiValidator.Join(path, "action"), errors), action, "label", 1, MaxQuickReplyLabelLength);
                if (o.ContainsKey("imageUrl")) Https(e, o, "imageUrl", MaxImageUrlLength);
                break;

            case "Action":
                if (!o.ContainsKey("type")) e.At("type", "must be specified");
                break;
            case "PostbackAction":
                if (!o.ContainsKey("data")) e.At("data", "must be specified");
                Length(e, o, "displayText", 0, MaxPostbackDataLength);
                break;
            case "MessageAction":
                if (!o.ContainsKey("text")) e.At("text", "must be specified");
                else Length(e, o, "text", 1, MaxMessageActionTextLength);
                break;
            case "URIAction":
                if (Str(o, "uri") is not { } uri) e.At("uri", "must be specified");
                else if (uri.Length > MaxUriLength) e.At("uri", $"Length must be between 0 and {MaxUriLength}");
                else if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https" or "line" or "tel"))
                    e.At("uri", "Must be an http, https, line or tel URI");
                break;
            case "DatetimePickerAction":
                if (!o.ContainsKey("data")) e.At("data", "must be specified");
                if (!o.ContainsKey("mode")) e.At("mode", "must be specified");
                break;

            case "ButtonsTemplate":
                Count(e, o, "actions", 1, 4);
                var withImageOrTitle = o.ContainsKey("thumbnailImageUrl") || o.ContainsKey("title");
                Length(e, o, "text", 1, withImageOrTitle ? 60 : 160);
                Length(e, o, "title", 0, 40);
                break;
            case "ConfirmTemplate":
                Count(e, o, "actions", 2, 2);
                Length(e, o, "text", 1, 240);
                break;
            case "CarouselTemplate":
                Count(e, o, "columns", 1, 10);
                if (o["columns"] is JsonArray columns)
                    for (var i = 0; i < columns.Count; i++)
                        if (columns[i] is JsonObject column)
                            Count(new Reporter(OpenApiValidator.Join(path, $"columns[{i}]"), errors), column, "actions", 1, 3);
                break;
            case "ImageCarouselTemplate":
                Count(e, o, "columns", 1, 10);
                break;
        }
    }

    /// <summary>Size as LINE counts it: compact JSON, UTF-8, non-ASCII not escaped.</summary>
    public static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString(LineJson.Options));

    static void Length(Reporter e, JsonObject o, string name, int min, int max)
    {
        if (Str(o, name) is not { } text) return;
        if (text.Length == 0 && min > 0) e.At(name, "May not be empty");
        else if (text.Length < min || text.Length > max)
            e.At(name, max == int.MaxValue ? $"Length must be at least {min}" : $"Length must be between {min} and {max}");
    }

    static void Count(Reporter e, JsonObject o, string name, int min, int max)
    {
        if (o[name] is JsonArray array && (array.Count < min || array.Count > max))
            e.At(name, min == max ? $"Size must be {min}" : $"Size must be between {min} and {max}");
    }

    static void Https(Reporter e, JsonObject o, string name, int maxLength)
    {
        if (Str(o, name) is not { } url) return;
        if (url.Length > maxLength) e.At(name, $"Length must be between 0 and {maxLength}");
        else if (!url.StartsWith("https://", StringComparison.Ordinal)) e.At(name, "Must be an https URL");
    }

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    readonly record struct Reporter(string Path, List<SchemaError> Errors)
    {
        public void At(string property, string message) => Errors.Add(new SchemaError(OpenApiValidator.Join(Path, property), message));
        public void Here(string message) => Errors.Add(new SchemaError(Path, message));
    }

    [GeneratedRegex("^[UCR][0-9a-f]{32}$")]
    private static partial Regex ChatId();

    [GeneratedRegex("^U[0-9a-f]{32}$")]
    private static partial Regex UserId();
}
