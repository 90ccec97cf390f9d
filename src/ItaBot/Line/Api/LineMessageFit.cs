using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ItaBot.Line.Api;

/// <summary>What <see cref="LineMessageFit.Fit"/> made of a list of messages, and what it had to change.</summary>
public sealed record FittedMessages(IReadOnlyList<JsonObject> Messages, IReadOnlyList<string> Changes, IReadOnlyList<LineLimitViolation> Unsendable)
{
    public bool Changed => Changes.Count > 0 || Unsendable.Count > 0;
}

/// <summary>
/// The last step before anything is queued for LINE: makes messages fit what LINE accepts instead of letting LINE
/// refuse them after the change that caused them is stored. Texts and altTexts are cut (whole characters, "…"),
/// a Flex bubble over 30 KB is split into several bubbles along its body's rows (or its longest texts shortened when
/// it has no rows to split), carousels are repacked within 12 bubbles and 50 KB, quick replies keep their first 13
/// items, labels are cut to 20 characters. A message that still breaks a limit (e.g. postback data over 300
/// characters, which cannot be cut without breaking the button) is replaced by <see cref="UnsendableNotice"/>, so the
/// person learns that something could not be shown. Pure: the caller's objects are never changed.
/// </summary>
public static class LineMessageFit
{
    public const string UnsendableNotice =
        "ขออภัย ข้อความตอบกลับนี้ใหญ่เกินกว่าที่ LINE ส่งได้ จึงส่งไม่ได้ ลองถามให้แคบลง (เช่น ทีละหน่วยงานหรือทีละมาตรการ) หรือดูในหน้ารายงานบนเว็บ";

    /// <summary>What the chat is told when LINE refuses a message the bot tried to send there.</summary>
    public const string RefusedNotice =
        "ขออภัย LINE ไม่รับข้อความที่ระบบพยายามส่งถึงแชตนี้ จึงส่งไม่ได้ สิ่งที่บันทึกไว้ยังอยู่ครบ ลองขอข้อมูลอีกครั้ง หรือดูในหน้ารายงานบนเว็บ";

    /// <summary>Shortest text (in characters) that trimming an oversized bubble cuts a text down to.</summary>
    const int ShortestTrimmedText = 40;

    public static FittedMessages Fit(IReadOnlyList<JsonObject> messages)
    {
        if (messages.All(m => LineMessageLimits.CheckMessage(m).Count == 0)) return new FittedMessages(messages, [], []);

        var changes = new List<string>();
        var unsendable = new List<LineLimitViolation>();
        var output = new List<JsonObject>();
        for (var i = 0; i < messages.Count; i++)
        {
            var original = messages[i];
            if (LineMessageLimits.CheckMessage(original).Count == 0)
            {
                output.Add(original);
                continue;
            }
            var path = $"messages[{i}]";
            foreach (var fitted in FitOne(original.DeepClone().AsObject(), path, changes))
            {
                var left = LineMessageLimits.CheckMessage(fitted, path);
                if (left.Count == 0) output.Add(fitted);
                else
                {
                    unsendable.AddRange(left);
                    output.Add(LineMessages.Text(UnsendableNotice));
                }
            }
        }
        // One notice is enough however many parts could not be sent.
        var deduplicated = output.Where((m, i) => !IsNotice(m) || i == 0 || !IsNotice(output[i - 1])).ToList();
        return new FittedMessages(deduplicated, changes, unsendable);
    }

    static bool IsNotice(JsonObject message) => Str(message, "type") == "text" && Str(message, "text") == UnsendableNotice;

    static IEnumerable<JsonObject> FitOne(JsonObject message, string path, List<string> changes)
    {
        FitActions(message, path, changes);
        if (message["quickReply"] is JsonObject { } quick && quick["items"] is JsonArray { Count: > LineMessages.MaxQuickReplyItems } items)
        {
            while (items.Count > LineMessages.MaxQuickReplyItems) items.RemoveAt(items.Count - 1);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.quickReply: kept the first {LineMessages.MaxQuickReplyItems} items"));
        }

        switch (Str(message, "type"))
        {
            case "text" or "textV2":
                CutField(message, "text", LineMessages.MaxTextLength, path, changes);
                return [message];
            case "flex":
                CutField(message, "altText", LineMessages.MaxAltTextLength, path, changes);
                return FitFlex(message, path, changes);
            default:
                return [message];
        }
    }

    /// <summary>Cuts labels, display texts and message-action texts of every action in the message (never postback data).</summary>
    static void FitActions(JsonNode? node, string path, List<string> changes)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    if (name == "action" && child is JsonObject action) FitAction(action, path, changes);
                    if (name == "actions" && child is JsonArray actions)
                        foreach (var a in actions.OfType<JsonObject>()) FitAction(a, path, changes);
                    FitActions(child, path, changes);
                }
                break;
            case JsonArray a:
                foreach (var child in a.ToList()) FitActions(child, path, changes);
                break;
        }
    }

    static void FitAction(JsonObject action, string path, List<string> changes)
    {
        CutField(action, "label", LineMessageLimits.MaxActionLabelLength, path, changes);
        CutField(action, "displayText", LineMessages.MaxPostbackDataLength, path, changes);
        if (Str(action, "type") == "message") CutField(action, "text", LineMessageLimits.MaxMessageActionTextLength, path, changes);
    }

    static IEnumerable<JsonObject> FitFlex(JsonObject message, string path, List<string> changes)
    {
        if (message["contents"] is not JsonObject contents) return [message];
        List<JsonObject> bubbles;
        switch (Str(contents, "type"))
        {
            case "bubble":
                if (LineMessageLimits.Bytes(contents) <= LineMessageLimits.MaxBubbleBytes) return [message];
                bubbles = FitBubble(contents.DeepClone().AsObject(), $"{path}.contents", changes);
                break;
            case "carousel" when contents["contents"] is JsonArray array:
                var inside = array.OfType<JsonObject>().Select(b => b.DeepClone().AsObject()).ToList();
                bubbles = inside.SelectMany((b, i) => FitBubble(b, $"{path}.contents.contents[{i}]", changes)).ToList();
                if (bubbles.Count == inside.Count && array.Count <= LineMessageLimits.MaxCarouselBubbles && LineMessageLimits.Bytes(contents) <= LineMessageLimits.MaxCarouselBytes
                    && bubbles.Zip(inside).All(p => JsonNode.DeepEquals(p.First, p.Second)))
                    return [message];
                break;
            default:
                return [message];
        }

        var packs = Pack(bubbles);
        if (packs.Count > 1) changes.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: sent as {packs.Count} messages to stay within LINE's Flex limits"));
        var quickReply = message["quickReply"]?.DeepClone();
        var result = new List<JsonObject>();
        for (var i = 0; i < packs.Count; i++)
        {
            var part = new JsonObject { ["type"] = "flex", ["altText"] = Str(message, "altText") ?? "", ["contents"] = packs[i] };
            // LINE shows the quick reply of the last message only.
            if (i == packs.Count - 1 && quickReply is not null) part["quickReply"] = quickReply;
            result.Add(part);
        }
        return result;
    }

    /// <summary>A bubble within 30 KB as it is; else split along its body's rows, or its longest texts shortened.</summary>
    static List<JsonObject> FitBubble(JsonObject bubble, string path, List<string> changes)
    {
        if (LineMessageLimits.Bytes(bubble) <= LineMessageLimits.MaxBubbleBytes) return [bubble];
        var before = LineMessageLimits.Bytes(bubble);
        var result = new List<JsonObject>();
        if (bubble["body"] is JsonObject body && body["contents"] is JsonArray { Count: > 1 } rows)
        {
            var shell = bubble.DeepClone().AsObject();
            ((JsonArray)shell["body"]!["contents"]!).Clear();
            var pages = new List<List<JsonNode>>();
            var current = new List<JsonNode>();
            foreach (var row in rows.OfType<JsonNode>())
            {
                current.Add(row);
                if (current.Count > 1 && Bytes(Page(shell, current, first: pages.Count == 0)) > LineMessageLimits.MaxBubbleBytes)
                {
                    current.RemoveAt(current.Count - 1);
                    pages.Add(current);
                    current = [row];
                }
            }
            pages.Add(current);
            result.AddRange(pages.Select((page, i) => Page(shell, page, first: i == 0)));
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: a bubble of {before:N0} bytes split into {result.Count} bubbles"));
        }
        else
        {
            result.Add(bubble);
        }
        for (var i = 0; i < result.Count; i++)
        {
            if (Bytes(result[i]) <= LineMessageLimits.MaxBubbleBytes) continue;
            var size = Bytes(result[i]);
            Trim(result[i]);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: long texts of a {size:N0}-byte bubble shortened to {Bytes(result[i]):N0} bytes"));
        }
        return result;
    }

    /// <summary>One page of a split bubble: the same header, footer and styles, the hero image on the first page only.</summary>
    static JsonObject Page(JsonObject shell, List<JsonNode> rows, bool first)
    {
        var page = shell.DeepClone().AsObject();
        if (!first) page.Remove("hero");
        var contents = (JsonArray)page["body"]!["contents"]!;
        foreach (var row in rows) contents.Add(row.DeepClone());
        return page;
    }

    /// <summary>Halves the longest text of the bubble (whole characters, "…") until it fits or nothing is left to shorten.</summary>
    static void Trim(JsonObject bubble)
    {
        var texts = new List<JsonObject>();
        Collect(bubble, texts);
        while (Bytes(bubble) > LineMessageLimits.MaxBubbleBytes)
        {
            var longest = texts.Where(t => (Str(t, "text")?.Length ?? 0) > ShortestTrimmedText).MaxBy(t => Str(t, "text")!.Length);
            if (longest is null) return;
            var text = Str(longest, "text")!;
            longest["text"] = TextCut.Fit(text, Math.Max(ShortestTrimmedText, text.Length / 2));
        }
    }

    static void Collect(JsonNode? node, List<JsonObject> texts)
    {
        switch (node)
        {
            case JsonObject o:
                if (Str(o, "type") is "text" or "span" && Str(o, "text") is not null) texts.Add(o);
                foreach (var (_, child) in o) Collect(child, texts);
                break;
            case JsonArray a:
                foreach (var child in a) Collect(child, texts);
                break;
        }
    }

    /// <summary>Bubbles into as few containers as fit: a lone bubble as itself, else carousels of ≤ 12 bubbles and ≤ 50 KB.</summary>
    static List<JsonObject> Pack(List<JsonObject> bubbles)
    {
        var packs = new List<List<JsonObject>>();
        var current = new List<JsonObject>();
        foreach (var bubble in bubbles)
        {
            current.Add(bubble);
            if (current.Count > 1 && (current.Count > LineMessageLimits.MaxCarouselBubbles || Bytes(Carousel(current)) > LineMessageLimits.MaxCarouselBytes))
            {
                current.RemoveAt(current.Count - 1);
                packs.Add(current);
                current = [bubble];
            }
        }
        if (current.Count > 0) packs.Add(current);
        return packs.Select(p => p.Count == 1 ? p[0] : Carousel(p)).ToList();
    }

    static JsonObject Carousel(List<JsonObject> bubbles) =>
        new() { ["type"] = "carousel", ["contents"] = new JsonArray(bubbles.Select(b => (JsonNode)b.DeepClone()).ToArray()) };

    static void CutField(JsonObject o, string name, int max, string path, List<string> changes)
    {
        if (Str(o, name) is { } text && text.Length > max)
        {
            o[name] = TextCut.Fit(text, max);
            changes.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: {name} of {text.Length:N0} characters cut to {max:N0}"));
        }
    }

    static int Bytes(JsonObject node) => LineMessageLimits.Bytes(node);

    static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
