using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItaBot.Line;

/// <summary>
/// Flex Message templates from <c>flex-templates/*.json</c>. Placeholders <c>{{name}}</c> are filled inside
/// the string values of the parsed JSON tree, so a value is always a JSON string and can never add
/// structure; one pass only, so a value that itself contains <c>{{x}}</c> is printed as typed.
/// An array item that is exactly <c>"{{rows}}"</c> is replaced by a list of rendered nodes (repeated rows).
/// </summary>
public sealed partial class FlexTemplates
{
    public const string FolderName = "flex-templates";

    readonly Dictionary<string, JsonNode> _templates;

    FlexTemplates(Dictionary<string, JsonNode> templates) => _templates = templates;

    public IReadOnlyCollection<string> Names => _templates.Keys;

    static readonly Lazy<FlexTemplates> EmbeddedTemplates = new(Load);

    /// <summary>The templates shipped in the assembly, parsed once per process.</summary>
    public static FlexTemplates Embedded => EmbeddedTemplates.Value;

    /// <summary>
    /// Loads every chat template from <c>flex-templates/</c>, which the build embeds in the assembly
    /// (one mechanism for chat and reports, nothing to copy next to the binaries).
    /// </summary>
    public static FlexTemplates Load()
    {
        var assembly = typeof(FlexTemplates).Assembly;
        var templates = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(FolderName + "/", StringComparison.Ordinal) || !resource.EndsWith(".json", StringComparison.Ordinal)) continue;
            var name = resource[(FolderName.Length + 1)..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            templates[name] = JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                ?? throw new InvalidDataException($"Flex template {resource} is empty.");
        }
        return new FlexTemplates(templates);
    }

    public static FlexTemplates FromJson(IReadOnlyDictionary<string, string> templates) =>
        new(templates.ToDictionary(t => t.Key, t => JsonNode.Parse(t.Value)!, StringComparer.Ordinal));

    /// <summary>
    /// A filled copy of the template. Values are strings (or null, printed as "-") or
    /// <see cref="IEnumerable{JsonNode}"/> for a row placeholder. A missing value is a programming error.
    /// </summary>
    public JsonObject Render(string name, IReadOnlyDictionary<string, object?> values)
    {
        if (!_templates.TryGetValue(name, out var template))
            throw new InvalidOperationException($"No Flex template named '{name}' in {FolderName}/.");
        return (JsonObject)Fill(template, values, name, propertyName: null)!;
    }

    /// <summary>A filled copy of the template from text values and, for row placeholders, lists of rendered nodes.</summary>
    public JsonObject Render(string name, IReadOnlyDictionary<string, string> text, IReadOnlyDictionary<string, IReadOnlyList<JsonNode>>? rows = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in text) values[key] = value;
        if (rows is not null) foreach (var (key, value) in rows) values[key] = value;
        return Render(name, values);
    }

    static JsonNode? Fill(JsonNode? node, IReadOnlyDictionary<string, object?> values, string template, string? propertyName)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, child) in obj) copy[key] = Fill(child, values, template, key);
                return copy;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (RowPlaceholder(item) is { } rows)
                    {
                        if (!values.TryGetValue(rows, out var list) || list is not IEnumerable<JsonNode> nodes)
                            throw new InvalidOperationException($"Flex template '{template}' needs rows for '{{{{{rows}}}}}'.");
                        foreach (var row in nodes) items.Add(row.DeepClone());
                        continue;
                    }
                    items.Add(Fill(item, values, template, propertyName));
                }
                return items;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(Substitute(text, values, template, propertyName));
            default:
                return node?.DeepClone();
        }
    }

    static string? RowPlaceholder(JsonNode? item) =>
        item is JsonValue v && v.TryGetValue<string>(out var s) && Placeholder().Match(s) is { Success: true } m && m.Length == s.Length
            ? m.Groups[1].Value : null;

    static string Substitute(string text, IReadOnlyDictionary<string, object?> values, string template, string? propertyName)
    {
        if (!text.Contains("{{", StringComparison.Ordinal)) return text;
        var filled = Placeholder().Replace(text, m =>
        {
            if (!values.TryGetValue(m.Groups[1].Value, out var value))
                throw new InvalidOperationException($"Flex template '{template}' has no value for '{m.Value}'.");
            return value switch
            {
                null => "",
                string s => s,
                IEnumerable<JsonNode> => throw new InvalidOperationException($"'{m.Value}' in '{template}' takes rows, but sits inside text."),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
        });
        // LINE rejects empty text and labels; a dash reads as "nothing here".
        return string.IsNullOrWhiteSpace(filled) && propertyName is "text" or "altText" or "label" ? "-" : filled;
    }

    [GeneratedRegex(@"\{\{([A-Za-z][A-Za-z0-9_]*)\}\}")]
    private static partial Regex Placeholder();
}
