using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItaBot.Simulator;

/// <summary>Where a rendered message sits: which chat, who is typing (buttons act as them), and the form token.</summary>
public sealed record MessageContext(string ChatId, string AsUserId, string AntiforgeryField, string AntiforgeryToken, Func<string, string?> NameOf);

/// <summary>
/// LINE messages as HTML, close enough to how LINE draws them to use: text (links, mentions), Flex bubbles and
/// carousels (boxes horizontal/vertical/baseline with flex, spacing, margins, padding, colors; text size, weight,
/// color, wrap, max lines; buttons primary/secondary/link; separators, images, icons, spans), quick replies,
/// templates. Every string is HTML-encoded; styles that depend on values go in <c>data-style</c> (applied by the
/// page's script, so the page needs no inline styles under its Content-Security-Policy). Buttons are small forms
/// that post back as LINE would: a postback's data, a message action's text, a date picker's choice.
/// </summary>
public static partial class MessageHtml
{
    static readonly HtmlEncoder Html = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    static readonly Dictionary<string, string> Spacing = new()
    {
        ["none"] = "0px", ["xs"] = "2px", ["sm"] = "4px", ["md"] = "8px", ["lg"] = "12px", ["xl"] = "16px", ["xxl"] = "20px",
    };

    static readonly Dictionary<string, string> FontSizes = new()
    {
        ["xxs"] = "11px", ["xs"] = "13px", ["sm"] = "14px", ["md"] = "16px", ["lg"] = "19px", ["xl"] = "22px", ["xxl"] = "29px",
        ["3xl"] = "35px", ["4xl"] = "48px", ["5xl"] = "74px",
    };

    static readonly Dictionary<string, string> ImageSizes = new()
    {
        ["xxs"] = "40px", ["xs"] = "60px", ["sm"] = "80px", ["md"] = "100px", ["lg"] = "120px", ["xl"] = "140px", ["xxl"] = "160px",
        ["3xl"] = "180px", ["4xl"] = "200px", ["5xl"] = "220px", ["full"] = "100%",
    };

    static readonly Dictionary<string, string> BubbleWidths = new()
    {
        ["nano"] = "120px", ["micro"] = "160px", ["deca"] = "220px", ["hecto"] = "241px", ["kilo"] = "260px", ["mega"] = "300px", ["giga"] = "500px",
    };

    /// <summary>The body of one message as the chat shows it (without the sender's name and time).</summary>
    public static string Message(JsonObject message, MessageContext context)
    {
        var html = new StringBuilder();
        switch (Str(message, "type"))
        {
            case "text":
                html.Append("<div class=\"bubble-text\">").Append(TextWithLinks(Str(message, "text") ?? "", null, context)).Append("</div>");
                break;
            case "textV2":
                html.Append("<div class=\"bubble-text\">").Append(TextV2(message, context)).Append("</div>");
                break;
            case "flex":
                html.Append("<div class=\"flex-message\" title=\"").Append(Html.Encode(Str(message, "altText") ?? "")).Append("\">");
                if (message["contents"] is JsonObject contents) Container(html, contents, context);
                html.Append("</div>");
                break;
            case "image":
                Picture(html, Str(message, "previewImageUrl") ?? Str(message, "originalContentUrl"), "รูปภาพ");
                break;
            case "sticker":
                html.Append("<div class=\"sticker\" title=\"สติกเกอร์\">🙂</div>");
                break;
            case "template":
                Template(html, message, context);
                break;
            default:
                html.Append("<div class=\"bubble-text muted\">[").Append(Html.Encode(Str(message, "type") ?? "?")).Append("]</div>");
                break;
        }
        return html.ToString();
    }

    /// <summary>The quick reply buttons under the latest message (LINE hides them once anything else is said).</summary>
    public static string QuickReplies(JsonObject message, MessageContext context)
    {
        if (message["quickReply"] is not JsonObject { } quick || quick["items"] is not JsonArray items) return "";
        var html = new StringBuilder("<div class=\"quick-replies\">");
        foreach (var item in items.OfType<JsonObject>())
            if (item["action"] is JsonObject action) ActionControl(html, action, context, "quick-reply", Str(action, "label") ?? "");
        return html.Append("</div>").ToString();
    }

    // ---- member messages ---------------------------------------------------------------------------------------

    /// <summary>What a simulated member sent: text with mentions, a photo, a file, or a button's display text.</summary>
    public static string MemberMessage(JsonObject shown, MessageContext context)
    {
        var html = new StringBuilder();
        if (shown.ContainsKey("data"))
        {
            var display = Str(shown, "displayText");
            html.Append("<div class=\"bubble-text\">").Append(display is { Length: > 0 } ? Html.Encode(display) : "<span class=\"muted\">(แตะปุ่ม)</span>").Append("</div>");
            return html.ToString();
        }
        switch (Str(shown, "type"))
        {
            case "text":
                var mentions = shown["mention"]?["mentionees"] as JsonArray;
                html.Append("<div class=\"bubble-text\">").Append(TextWithLinks(Str(shown, "text") ?? "", mentions, context)).Append("</div>");
                break;
            case "image":
                html.Append("<img class=\"sent-photo\" alt=\"รูปที่ส่ง\" src=\"/simulator/content/").Append(Html.Encode(Str(shown, "id") ?? "")).Append("\">");
                break;
            case "file":
                var size = shown["fileSize"] is JsonValue v && v.TryGetValue<long>(out var bytes) ? bytes : 0;
                html.Append("<div class=\"sent-file\">📄 <span>").Append(Html.Encode(Str(shown, "fileName") ?? "ไฟล์"))
                    .Append("</span> <small>").Append(Html.Encode(FileSize(size))).Append("</small></div>");
                break;
            default:
                html.Append("<div class=\"bubble-text muted\">[").Append(Html.Encode(Str(shown, "type") ?? "?")).Append("]</div>");
                break;
        }
        return html.ToString();
    }

    public static string FileSize(long bytes) => Web.FileSizes.Of(bytes);

    // ---- text --------------------------------------------------------------------------------------------------

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    /// <summary>Plain text with its URLs made links (LINE does that) and mentions marked; line breaks kept by CSS.</summary>
    static string TextWithLinks(string text, JsonArray? mentions, MessageContext context)
    {
        var marks = new List<(int Start, int Length, string Kind, string? Href)>();
        foreach (var mention in mentions?.OfType<JsonObject>() ?? [])
            if (mention["index"] is JsonValue i && i.TryGetValue<int>(out var index) && mention["length"] is JsonValue l && l.TryGetValue<int>(out var length)
                && index >= 0 && length > 0 && index + length <= text.Length)
                marks.Add((index, length, "mention", null));
        foreach (Match link in Link().Matches(text))
            if (!marks.Any(m => link.Index < m.Start + m.Length && m.Start < link.Index + link.Length))
                marks.Add((link.Index, link.Length, "link", link.Value));
        var html = new StringBuilder();
        var at = 0;
        foreach (var mark in marks.OrderBy(m => m.Start))
        {
            if (mark.Start < at) continue;
            html.Append(Html.Encode(text[at..mark.Start]));
            var part = Html.Encode(text.Substring(mark.Start, mark.Length));
            if (mark.Kind == "mention") html.Append("<span class=\"mention\">").Append(part).Append("</span>");
            else html.Append("<a href=\"").Append(Html.Encode(mark.Href!)).Append("\" target=\"_blank\" rel=\"noopener noreferrer\">").Append(part).Append("</a>");
            at = mark.Start + mark.Length;
        }
        html.Append(Html.Encode(text[at..]));
        return html.ToString();
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]{1,20})\}")]
    private static partial Regex Placeholder();

    /// <summary>Text message v2: <c>{name}</c> placeholders become the mention (@display name) or emoji they stand for.</summary>
    static string TextV2(JsonObject message, MessageContext context)
    {
        var text = Str(message, "text") ?? "";
        var substitution = message["substitution"] as JsonObject;
        var html = new StringBuilder();
        var at = 0;
        foreach (Match m in Placeholder().Matches(text))
        {
            if (substitution?[m.Groups[1].Value] is not JsonObject value) continue;
            html.Append(TextWithLinks(text[at..m.Index], null, context));
            if (Str(value, "type") == "mention")
            {
                var mentionee = value["mentionee"] as JsonObject;
                var name = Str(mentionee ?? [], "type") == "all" ? "All" : context.NameOf(Str(mentionee ?? [], "userId") ?? "") ?? "ผู้ใช้";
                html.Append("<span class=\"mention\">@").Append(Html.Encode(name)).Append("</span>");
            }
            else html.Append("<span class=\"emoji\">😊</span>");
            at = m.Index + m.Length;
        }
        html.Append(TextWithLinks(text[at..], null, context));
        return html.ToString();
    }

    // ---- Flex --------------------------------------------------------------------------------------------------

    static void Container(StringBuilder html, JsonObject container, MessageContext context)
    {
        if (Str(container, "type") == "carousel")
        {
            html.Append("<div class=\"fx-carousel\">");
            foreach (var bubble in (container["contents"] as JsonArray ?? []).OfType<JsonObject>()) Bubble(html, bubble, context);
            html.Append("</div>");
        }
        else Bubble(html, container, context);
    }

    static void Bubble(StringBuilder html, JsonObject bubble, MessageContext context)
    {
        var style = new Style();
        style.Add("width", BubbleWidths.GetValueOrDefault(Str(bubble, "size") ?? "mega", "300px"));
        html.Append("<div class=\"fx-bubble\"").Append(style).Append('>');
        var styles = bubble["styles"] as JsonObject;
        foreach (var block in new[] { "header", "hero", "body", "footer" })
        {
            if (bubble[block] is not JsonObject component) continue;
            var blockStyle = styles?[block] as JsonObject;
            var s = new Style();
            if (Str(blockStyle ?? [], "backgroundColor") is { } background) s.Add("background-color", Color(background));
            html.Append("<div class=\"fx-block fx-").Append(block).Append('"').Append(s).Append('>');
            if (blockStyle?["separator"] is JsonValue separator && separator.GetValueKind() == JsonValueKind.True)
                html.Append("<hr class=\"fx-separator\">");
            Component(html, component, "vertical", first: true, parentSpacing: null, context);
            html.Append("</div>");
        }
        html.Append("</div>");
    }

    static void Component(StringBuilder html, JsonObject c, string parentLayout, bool first, string? parentSpacing, MessageContext context)
    {
        var type = Str(c, "type");
        var style = new Style();
        var horizontalParent = parentLayout is "horizontal" or "baseline";

        // Space before a component: its own margin, else the parent's spacing (none before the first).
        var margin = Str(c, "margin") ?? (first ? null : parentSpacing);
        if (!first || Str(c, "margin") is not null)
            if (Length(margin) is { } space) style.Add(horizontalParent ? "margin-left" : "margin-top", space);

        if (c["flex"] is JsonValue f && f.TryGetValue<double>(out var grow))
            style.Add("flex", string.Create(CultureInfo.InvariantCulture, $"{grow} {(grow == 0 ? 0 : 1)} {(grow == 0 ? "auto" : "0")}"));
        else if (horizontalParent && type is "box" or "text" or "image" or "button" or "filler")
            style.Add("flex", "1 1 0");
        Position(c, style);

        switch (type)
        {
            case "box": Box(html, c, style, context); break;
            case "text": Text(html, c, style, context); break;
            case "button": Button(html, c, style, context); break;
            case "separator":
                if (Str(c, "color") is { } lineColor) style.Add("border-color", Color(lineColor));
                html.Append("<div class=\"fx-separator ").Append(horizontalParent ? "fx-sep-v" : "fx-sep-h").Append('"').Append(style).Append("></div>");
                break;
            case "image": Image(html, c, style); break;
            case "icon":
                var iconSize = FontSize(Str(c, "size") ?? "md") ?? "16px";
                style.Add("width", iconSize).Add("height", iconSize);
                html.Append("<span class=\"fx-icon\"").Append(style).Append("></span>");
                break;
            case "filler":
                html.Append("<div class=\"fx-filler\"").Append(style).Append("></div>");
                break;
            case "spacer":
                if (Spacing.TryGetValue(Str(c, "size") ?? "md", out var spacer)) style.Add(horizontalParent ? "width" : "height", spacer);
                html.Append("<div class=\"fx-spacer\"").Append(style).Append("></div>");
                break;
            case "video":
                html.Append("<div class=\"fx-video\"").Append(style).Append(">▶ วิดีโอ</div>");
                break;
        }
    }

    static void Box(StringBuilder html, JsonObject box, Style style, MessageContext context)
    {
        var layout = Str(box, "layout") ?? "vertical";
        if (Str(box, "backgroundColor") is { } background) style.Add("background-color", Color(background));
        if (Str(box, "borderColor") is { } borderColor) style.Add("border-color", Color(borderColor)).Add("border-style", "solid");
        if (Str(box, "borderWidth") is { } borderWidth)
            style.Add("border-width", borderWidth switch { "none" => "0", "light" => "0.5px", "normal" => "1px", "medium" => "2px", "semi-bold" => "3px", "bold" => "4px", _ => Length(borderWidth) ?? "1px" });
        if (Length(Str(box, "cornerRadius")) is { } radius) style.Add("border-radius", radius);
        Padding(box, style);
        if (Length(Str(box, "width")) is { } width) style.Add("width", width);
        if (Length(Str(box, "height")) is { } height) style.Add("height", height);
        if (Str(box, "justifyContent") is "flex-start" or "flex-end" or "center" or "space-between" or "space-around" or "space-evenly") style.Add("justify-content", Str(box, "justifyContent")!);
        if (Str(box, "alignItems") is { } align) style.Add("align-items", align is "flex-start" or "flex-end" or "center" ? align : "stretch");
        html.Append("<div class=\"fx-box fx-").Append(layout).Append('"').Append(style).Append('>');
        var children = (box["contents"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var spacing = Str(box, "spacing");
        for (var i = 0; i < children.Count; i++) Component(html, children[i], layout, first: i == 0, spacing, context);
        html.Append("</div>");
        // A box a person can tap: LINE runs its action; here a small button below it does.
        if (box["action"] is JsonObject action) ActionControl(html, action, context, "fx-box-action", Str(action, "label") ?? "แตะ");
    }

    static void Text(StringBuilder html, JsonObject text, Style style, MessageContext context)
    {
        var classes = new StringBuilder("fx-text");
        FontStyle(text, style, classes);
        var wrap = text["wrap"] is JsonValue w && w.GetValueKind() == JsonValueKind.True;
        classes.Append(wrap ? " fx-wrap" : " fx-nowrap");
        if (text["maxLines"] is JsonValue ml && ml.TryGetValue<int>(out var maxLines) && maxLines > 0)
        {
            classes.Append(" fx-clamp");
            style.Add("-webkit-line-clamp", maxLines.ToString(CultureInfo.InvariantCulture));
        }
        if (Str(text, "align") is { } align) style.Add("text-align", align switch { "start" => "left", "end" => "right", _ => "center" });
        if (Str(text, "gravity") is { } gravity) style.Add("align-self", gravity switch { "top" => "flex-start", "bottom" => "flex-end", _ => "center" });
        html.Append("<div class=\"").Append(classes).Append('"').Append(style).Append('>');
        if (text["contents"] is JsonArray { Count: > 0 } spans)
        {
            foreach (var span in spans.OfType<JsonObject>())
            {
                var spanStyle = new Style();
                var spanClasses = new StringBuilder("fx-span");
                FontStyle(span, spanStyle, spanClasses);
                html.Append("<span class=\"").Append(spanClasses).Append('"').Append(spanStyle).Append('>').Append(Html.Encode(Str(span, "text") ?? "")).Append("</span>");
            }
        }
        else html.Append(Html.Encode(Str(text, "text") ?? ""));
        html.Append("</div>");
    }

    static void FontStyle(JsonObject o, Style style, StringBuilder classes)
    {
        if (FontSize(Str(o, "size")) is { } size) style.Add("font-size", size);
        if (Str(o, "weight") == "bold") classes.Append(" fx-bold");
        if (Str(o, "style") == "italic") classes.Append(" fx-italic");
        if (Str(o, "decoration") is "underline" or "line-through") style.Add("text-decoration", Str(o, "decoration")!);
        if (Str(o, "color") is { } color) style.Add("color", Color(color));
    }

    static void Button(StringBuilder html, JsonObject button, Style style, MessageContext context)
    {
        if (button["action"] is not JsonObject action) return;
        var kind = Str(button, "style") ?? "link";
        var color = Str(button, "color") is { } c ? Color(c) : null;
        var buttonStyle = new Style();
        if (color is not null) buttonStyle.Add(kind == "link" ? "color" : "background-color", color);
        var classes = $"fx-button fx-button-{kind}" + (Str(button, "height") == "sm" ? " fx-button-sm" : "");
        html.Append("<div class=\"fx-button-wrap\"").Append(style).Append('>');
        ActionControl(html, action, context, classes, Str(action, "label") ?? "", buttonStyle);
        html.Append("</div>");
    }

    static void Image(StringBuilder html, JsonObject image, Style style)
    {
        var size = Str(image, "size") ?? "md";
        style.Add("width", ImageSizes.TryGetValue(size, out var width) ? width : Length(size) ?? "100px");
        if (Str(image, "aspectRatio") is { } ratio && ratio.Split(':') is [var w, var h] && int.TryParse(w, out var rw) && int.TryParse(h, out var rh) && rw > 0 && rh > 0)
            style.Add("aspect-ratio", string.Create(CultureInfo.InvariantCulture, $"{rw} / {rh}"));
        if (Str(image, "backgroundColor") is { } background) style.Add("background-color", Color(background));
        html.Append("<div class=\"fx-image").Append(Str(image, "aspectMode") == "cover" ? " fx-cover" : "").Append('"').Append(style).Append('>');
        Picture(html, Str(image, "url"), "รูปภาพ");
        html.Append("</div>");
    }

    /// <summary>
    /// Pictures the bot sends live on other hosts; the simulator shows the app's own (same origin) and a labelled
    /// frame for the rest, so the page never loads anything from outside.
    /// </summary>
    static void Picture(StringBuilder html, string? url, string alt)
    {
        if (url is not null && url.StartsWith('/'))
            html.Append("<img alt=\"").Append(Html.Encode(alt)).Append("\" src=\"").Append(Html.Encode(url)).Append("\">");
        else
            html.Append("<div class=\"picture-placeholder\">🖼 ").Append(Html.Encode(Uri.TryCreate(url, UriKind.Absolute, out var u) ? u.Host : alt)).Append("</div>");
    }

    static void Template(StringBuilder html, JsonObject message, MessageContext context)
    {
        if (message["template"] is not JsonObject template) return;
        var columns = template["columns"] is JsonArray cols ? cols.OfType<JsonObject>().ToList() : [template];
        html.Append("<div class=\"fx-carousel\">");
        foreach (var column in columns)
        {
            html.Append("<div class=\"fx-bubble template\"><div class=\"fx-block fx-body\">");
            if (Str(column, "title") is { } title) html.Append("<div class=\"fx-text fx-bold fx-wrap\">").Append(Html.Encode(title)).Append("</div>");
            html.Append("<div class=\"fx-text fx-wrap\">").Append(Html.Encode(Str(column, "text") ?? "")).Append("</div>");
            foreach (var action in (column["actions"] as JsonArray ?? []).OfType<JsonObject>())
                ActionControl(html, action, context, "fx-button fx-button-link", Str(action, "label") ?? "");
            html.Append("</div></div>");
        }
        html.Append("</div>");
    }

    // ---- actions -----------------------------------------------------------------------------------------------

    /// <summary>A control that does what LINE does with the action when a person taps it.</summary>
    static void ActionControl(StringBuilder html, JsonObject action, MessageContext context, string classes, string label, Style? style = null)
    {
        var encodedLabel = Html.Encode(label);
        switch (Str(action, "type"))
        {
            case "uri":
                html.Append("<a class=\"").Append(classes).Append('"').Append(style).Append(" href=\"").Append(Html.Encode(Str(action, "uri") ?? "#"))
                    .Append("\" target=\"_blank\" rel=\"noopener noreferrer\">").Append(encodedLabel).Append("</a>");
                return;
            case "postback":
                Form(html, context, "tap", [("data", Str(action, "data") ?? ""), ("displayText", Str(action, "displayText") ?? Str(action, "text") ?? "")], classes, encodedLabel, style, null);
                return;
            case "message":
                Form(html, context, "say", [("text", Str(action, "text") ?? "")], classes, encodedLabel, style, null);
                return;
            case "datetimepicker":
                var mode = Str(action, "mode") ?? "date";
                var input = mode switch { "time" => "time", "datetime" => "datetime-local", _ => "date" };
                Form(html, context, "tap", [("data", Str(action, "data") ?? ""), ("mode", mode)], classes, encodedLabel, style,
                    $"<input type=\"{input}\" name=\"picked\" required aria-label=\"{encodedLabel}\">");
                return;
            default:
                html.Append("<span class=\"").Append(classes).Append(" disabled\"").Append(style).Append(" title=\"ใช้ได้ในแอป LINE เท่านั้น\">").Append(encodedLabel).Append("</span>");
                return;
        }
    }

    static void Form(StringBuilder html, MessageContext context, string what, (string Name, string Value)[] fields, string classes, string label, Style? style, string? extra)
    {
        html.Append("<form class=\"action-form\" method=\"post\" action=\"/simulator/").Append(what).Append("\">");
        Hidden(html, context.AntiforgeryField, context.AntiforgeryToken);
        Hidden(html, "chat", context.ChatId);
        Hidden(html, "as", context.AsUserId);
        foreach (var (name, value) in fields) Hidden(html, name, value);
        if (extra is not null) html.Append(extra);
        html.Append("<button type=\"submit\" class=\"").Append(classes).Append('"').Append(style).Append('>').Append(label).Append("</button></form>");
    }

    static void Hidden(StringBuilder html, string name, string value) =>
        html.Append("<input type=\"hidden\" name=\"").Append(Html.Encode(name)).Append("\" value=\"").Append(Html.Encode(value)).Append("\">");

    // ---- values ------------------------------------------------------------------------------------------------

    static void Padding(JsonObject box, Style style)
    {
        foreach (var (property, css) in new[] { ("paddingAll", "padding"), ("paddingTop", "padding-top"), ("paddingBottom", "padding-bottom"), ("paddingStart", "padding-left"), ("paddingEnd", "padding-right") })
            if (Length(Str(box, property)) is { } value) style.Add(css, value);
    }

    static void Position(JsonObject c, Style style)
    {
        if (Str(c, "position") == "absolute") style.Add("position", "absolute");
        foreach (var (property, css) in new[] { ("offsetTop", "top"), ("offsetBottom", "bottom"), ("offsetStart", "left"), ("offsetEnd", "right") })
            if (Length(Str(c, property)) is { } value) style.Add(css, value);
    }

    /// <summary>A LINE length: a keyword (none…xxl), or pixels / percent as written.</summary>
    static string? FontSize(string? value) => value is null ? null : FontSizes.TryGetValue(value, out var px) ? px : Length(value);

    static string? Length(string? value) =>
        value is null ? null : Spacing.TryGetValue(value, out var px) ? px : SafeLength().IsMatch(value) ? value : null;

    [GeneratedRegex(@"^\d{1,4}(\.\d{1,2})?(px|%)$")]
    private static partial Regex SafeLength();

    [GeneratedRegex("^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")]
    private static partial Regex HexColor();

    /// <summary>LINE colors are #RRGGBB or #RRGGBBAA; anything else is ignored rather than passed into a style.</summary>
    static string Color(string value) => HexColor().IsMatch(value) ? value : "inherit";

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>CSS declarations for <c>data-style</c>; values here come only from the checks above, never raw text.</summary>
    sealed class Style
    {
        readonly List<(string Name, string Value)> _declarations = [];

        public Style Add(string name, string value)
        {
            _declarations.RemoveAll(d => d.Name == name);
            _declarations.Add((name, value));
            return this;
        }

        public override string ToString() =>
            _declarations.Count == 0 ? "" : " data-style=\"" + Html.Encode(string.Join(';', _declarations.Select(d => $"{d.Name}:{d.Value}"))) + "\"";
    }
}
