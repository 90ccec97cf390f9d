using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItaBot.Reports;

/// <summary>
/// Fills the Flex Message templates in <c>flex-templates/</c>. The template is parsed as JSON first and
/// values are put into its string nodes, so a value is always JSON-escaped by the serializer: quotes,
/// backslashes or "{{" typed by a user cannot break the message or inject another placeholder.
/// <c>"{{name}}"</c> anywhere inside a string takes a text value; an array element that is exactly
/// <c>"{{@name}}"</c> is replaced by a list of nodes (rows rendered from another template).
/// </summary>
public static partial class FlexTemplates
{
    static readonly ConcurrentDictionary<string, JsonNode> Parsed = new(StringComparer.Ordinal);

    public static JsonNode Render(
        string template,
        IReadOnlyDictionary<string, string> text,
        IReadOnlyDictionary<string, IReadOnlyList<JsonNode>>? lists = null)
    {
        var node = Parsed.GetOrAdd(template, Load).DeepClone();
        return Fill(node, template, text, lists ?? new Dictionary<string, IReadOnlyList<JsonNode>>());
    }

    static JsonNode Load(string template)
    {
        var resource = $"flex-templates/{template}.json";
        using var stream = typeof(FlexTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Flex template '{template}' is not in the assembly (expected resource '{resource}').");
        return JsonNode.Parse(stream) ?? throw new InvalidOperationException($"Flex template '{template}' is empty.");
    }

    static JsonNode Fill(JsonNode node, string template, IReadOnlyDictionary<string, string> text, IReadOnlyDictionary<string, IReadOnlyList<JsonNode>> lists)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is null) continue;
                    var filled = Fill(child, template, text, lists);
                    if (!ReferenceEquals(filled, child)) obj[key] = filled;
                }
                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var item = array[i];
                    if (item is JsonValue value && value.TryGetValue<string>(out var s) && ListPlaceholder().Match(s) is { Success: true } match)
                    {
                        var name = match.Groups[1].Value;
                        if (!lists.TryGetValue(name, out var items))
                            throw new InvalidOperationException($"Flex template '{template}' needs a list for {{{{@{name}}}}}.");
                        array.RemoveAt(i);
                        foreach (var inserted in items) array.Insert(i++, inserted.Parent is null ? inserted : inserted.DeepClone());
                        i--;
                    }
                    else if (item is not null)
                    {
                        var filled = Fill(item, template, text, lists);
                        if (!ReferenceEquals(filled, item)) array[i] = filled;
                    }
                }
                return array;
            case JsonValue value when value.TryGetValue<string>(out var s) && s.Contains("{{", StringComparison.Ordinal):
                // One pass: a value that itself contains "{{x}}" is inserted as is, never expanded again.
                return JsonValue.Create(TextPlaceholder().Replace(s, m =>
                    text.TryGetValue(m.Groups[1].Value, out var v)
                        ? v
                        : throw new InvalidOperationException($"Flex template '{template}' needs a value for {m.Value}.")));
            default:
                return node;
        }
    }

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9]*)\}\}")]
    private static partial Regex TextPlaceholder();

    [GeneratedRegex(@"^\{\{@([A-Za-z][A-Za-z0-9]*)\}\}$")]
    private static partial Regex ListPlaceholder();
}
