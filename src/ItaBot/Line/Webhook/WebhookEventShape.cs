using System.Globalization;
using System.Text.Json;

namespace ItaBot.Line;

/// <summary>
/// The fields the bot reads from a webhook event, checked for the kind LINE documents before the event is stored:
/// an event no handler could read (a timestamp that is text, a source that is a number, an empty user id) is refused
/// with the body (400, naming the field) rather than stored to fail on every attempt. Fields the bot does not read,
/// and event types it does not know, pass as they are: LINE adds them over time.
/// </summary>
public static class WebhookEventShape
{
    /// <summary>What is wrong with the event at <paramref name="path"/> (e.g. <c>events[0].timestamp must be a number</c>), or null.</summary>
    public static string? Problem(JsonElement e, string path)
    {
        if (!Text(e, "type", required: true, out var problem, path)) return problem;
        if (!Text(e, "webhookEventId", required: false, out problem, path)) return problem;
        if (!Text(e, "replyToken", required: false, out problem, path)) return problem;
        if (!Text(e, "mode", required: false, out problem, path)) return problem;
        if (e.TryGetProperty("timestamp", out var t) && (t.ValueKind != JsonValueKind.Number || !t.TryGetInt64(out _)))
            return $"{path}.timestamp must be a number (milliseconds since 1970)";
        if (Child(e, "deliveryContext", path, out var delivery, out problem))
        {
            if (delivery.TryGetProperty("isRedelivery", out var r) && r.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return $"{path}.deliveryContext.isRedelivery must be true or false";
        }
        else if (problem is not null) return problem;

        if (Child(e, "source", path, out var source, out problem))
        {
            foreach (var name in new[] { "type", "userId", "groupId", "roomId" })
                if (!Text(source, name, required: name == "type", out problem, $"{path}.source")) return problem;
        }
        else if (problem is not null) return problem;

        if (Child(e, "message", path, out var message, out problem))
        {
            if ((problem = Message(message, $"{path}.message")) is not null) return problem;
        }
        else if (problem is not null) return problem;

        if (Child(e, "postback", path, out var postback, out problem))
        {
            if (!Text(postback, "data", required: false, out problem, $"{path}.postback", allowEmpty: true)) return problem;
            if (Child(postback, "params", $"{path}.postback", out var parameters, out problem))
            {
                foreach (var p in parameters.EnumerateObject())
                    if (p.Value.ValueKind != JsonValueKind.String) return $"{path}.postback.params.{p.Name} must be text";
            }
            else if (problem is not null) return problem;
        }
        else if (problem is not null) return problem;

        foreach (var part in new[] { "joined", "left" })
        {
            if (Child(e, part, path, out var members, out problem))
            {
                if (members.TryGetProperty("members", out var list))
                {
                    if (list.ValueKind != JsonValueKind.Array) return $"{path}.{part}.members must be a list";
                    var i = 0;
                    foreach (var member in list.EnumerateArray())
                    {
                        var at = string.Create(CultureInfo.InvariantCulture, $"{path}.{part}.members[{i++}]");
                        if (member.ValueKind != JsonValueKind.Object) return $"{at} must be an object";
                        if (!Text(member, "userId", required: false, out problem, at)) return problem;
                    }
                }
            }
            else if (problem is not null) return problem;
        }

        if (Child(e, "unsend", path, out var unsend, out problem))
        {
            if (!Text(unsend, "messageId", required: false, out problem, $"{path}.unsend")) return problem;
        }
        else if (problem is not null) return problem;
        return null;
    }

    static string? Message(JsonElement m, string path)
    {
        foreach (var name in new[] { "type", "id", "text", "quoteToken", "quotedMessageId", "fileName" })
            if (!Text(m, name, required: name is "type", out var problem, path, allowEmpty: name == "text")) return problem;
        if (m.TryGetProperty("fileSize", out var size) && (size.ValueKind != JsonValueKind.Number || !size.TryGetInt64(out _)))
            return $"{path}.fileSize must be a number";
        if (!Child(m, "mention", path, out var mention, out var mentionProblem)) return mentionProblem;
        if (!mention.TryGetProperty("mentionees", out var list)) return null;
        if (list.ValueKind != JsonValueKind.Array) return $"{path}.mention.mentionees must be a list";
        var i = 0;
        foreach (var x in list.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.mention.mentionees[{i++}]");
            if (x.ValueKind != JsonValueKind.Object) return $"{at} must be an object";
            foreach (var number in new[] { "index", "length" })
                if (x.TryGetProperty(number, out var n) && (n.ValueKind != JsonValueKind.Number || !n.TryGetInt32(out _)))
                    return $"{at}.{number} must be a number";
            if (!Text(x, "userId", required: false, out var problem, at) || !Text(x, "type", required: false, out problem, at)) return problem;
            if (x.TryGetProperty("isSelf", out var self) && self.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return $"{at}.isSelf must be true or false";
        }
        return null;
    }

    /// <summary>True when <paramref name="name"/> is an object; false with no problem when it is absent, false with one when it is something else.</summary>
    static bool Child(JsonElement e, string name, string path, out JsonElement child, out string? problem)
    {
        problem = null;
        if (!e.TryGetProperty(name, out child)) return false;
        if (child.ValueKind == JsonValueKind.Object) return true;
        problem = $"{path}.{name} must be an object";
        return false;
    }

    static bool Text(JsonElement e, string name, bool required, out string? problem, string path, bool allowEmpty = false)
    {
        problem = null;
        if (!e.TryGetProperty(name, out var value))
        {
            if (required) problem = $"{path}.{name} is missing";
            return problem is null;
        }
        if (value.ValueKind != JsonValueKind.String) problem = $"{path}.{name} must be text";
        else if (!allowEmpty && value.GetString()!.Length == 0) problem = $"{path}.{name} is empty";
        return problem is null;
    }
}
