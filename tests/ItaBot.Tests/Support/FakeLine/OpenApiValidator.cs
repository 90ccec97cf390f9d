using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>One problem in a JSON document, with LINE's way of naming where: <c>messages[0].contents.body</c>.</summary>
public sealed record SchemaError(string Property, string Message)
{
    public override string ToString() => $"{(Property.Length == 0 ? "(body)" : Property)}: {Message}";
}

/// <summary>Checks LINE's rules that the OpenAPI file does not express, keyed by component schema name.</summary>
public interface ISchemaRules
{
    void Check(string component, JsonNode node, string path, List<SchemaError> errors);
}

/// <summary>
/// A small OpenAPI 3.0 schema validator: $ref, allOf/oneOf/anyOf, discriminator (the subtype is chosen by the
/// discriminator property, e.g. a message's <c>type</c>, and an unmapped value is an error), required, type,
/// nullable, enum, string length/pattern/format (uri, uuid), numeric bounds, array size/uniqueness, and
/// additionalProperties. Component rules (<see cref="ISchemaRules"/>) run whenever a value is checked against
/// that component, so LINE limits stay next to the shape they belong to.
/// </summary>
public sealed class OpenApiValidator(OpenApiSpec spec, ISchemaRules? rules = null)
{
    readonly ISchemaRules? _rules = rules;

    public OpenApiSpec Spec { get; } = spec;

    /// <summary>Validator for requests to the Messaging API, with LINE's documented limits.</summary>
    public static OpenApiValidator MessagingApi { get; } = new(OpenApiSpec.MessagingApi, new LineMessageRules());

    /// <summary>Validator for webhook bodies (what LINE sends to the bot).</summary>
    public static OpenApiValidator Webhook { get; } = new(OpenApiSpec.Webhook);

    public IReadOnlyList<SchemaError> ValidateComponent(JsonNode? value, string component) =>
        Validate(value, new JsonObject { ["$ref"] = "#/components/schemas/" + component });

    public IReadOnlyList<SchemaError> Validate(JsonNode? value, JsonObject schema)
    {
        // Re-parse so every value is backed by a JsonElement (numbers compare the same however the node was built).
        var document = value is null ? null : JsonNode.Parse(value.ToJsonString());
        var run = new Run(this);
        // One validation at a time per spec: the schema tree is shared by every test and JsonNode makes no
        // promise about concurrent readers. Validating a body takes well under a millisecond.
        lock (Spec.ReadLock) run.Check(document, schema, "", inAllOf: false);
        return run.Errors.Distinct().ToList();
    }

    sealed class Run(OpenApiValidator validator)
    {
        readonly HashSet<(JsonNode?, string)> _ruled = new(NodeAndNameComparer.Instance);
        public List<SchemaError> Errors { get; } = [];

        // inAllOf: this schema is being applied as part of a subtype (allOf: [$ref Base, …]), so Base's
        // discriminator must not send us back to the subtype.
        public void Check(JsonNode? node, JsonObject schema, string path, bool inAllOf)
        {
            if (Text(schema, "$ref") is { } reference)
            {
                var (name, target) = validator.Spec.Resolve(reference);
                if (node is not null && validator._rules is { } rules && _ruled.Add((node, name)))
                    rules.Check(name, node, path, Errors);
                Check(node, target, path, inAllOf);
                return;
            }

            if (node is null)
            {
                if (schema["nullable"]?.GetValue<bool>() != true && HasConstraints(schema)) Add(path, "may not be null");
                return;
            }

            if (!inAllOf && schema["discriminator"] is JsonObject discriminator && node is JsonObject obj)
            {
                var property = Text(discriminator, "propertyName") ?? "type";
                if (obj[property] is JsonValue kindValue && kindValue.GetValueKind() == JsonValueKind.String)
                {
                    var kind = kindValue.GetValue<string>();
                    var mapping = discriminator["mapping"] as JsonObject;
                    if (mapping?[kind] is JsonValue target)
                    {
                        var targetRef = target.GetValue<string>();
                        Check(node, new JsonObject { ["$ref"] = targetRef }, path, inAllOf: false);
                        // Subtypes normally include the base through allOf; check the base too if this one does not.
                        var (_, mapped) = validator.Spec.Resolve(targetRef);
                        if (!IncludesThroughAllOf(mapped, schema)) Check(node, schema, path, inAllOf: true);
                        return;
                    }
                    var known = mapping is null ? "" : string.Join(", ", mapping.Select(kv => kv.Key));
                    Add(Join(path, property), $"Must be one of the following values: [{known}]");
                    Check(node, schema, path, inAllOf: true);
                    return;
                }
            }

            if (Text(schema, "type") is { } type && !IsType(node, type))
            {
                Add(path, $"must be {Article(type)} {type}");
                return;
            }

            if (schema["enum"] is JsonArray allowed && !allowed.Any(a => SameValue(a, node)))
                Add(path, $"Must be one of the following values: [{string.Join(", ", allowed.Select(a => a?.ToString()))}]");

            switch (node)
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    CheckString(value.GetValue<string>(), schema, path);
                    break;
                case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                    CheckNumber(value.GetValue<JsonElement>().GetDouble(), schema, path);
                    break;
                case JsonArray array:
                    CheckArray(array, schema, path);
                    break;
                case JsonObject objectNode:
                    CheckObject(objectNode, schema, path);
                    break;
            }

            if (schema["allOf"] is JsonArray allOf)
                foreach (var part in allOf.OfType<JsonObject>())
                    Check(node, part, path, inAllOf: true);

            if (schema["anyOf"] is JsonArray anyOf) CheckAlternatives(node, anyOf, path, exactlyOne: false);
            if (schema["oneOf"] is JsonArray oneOf) CheckAlternatives(node, oneOf, path, exactlyOne: true);
        }

        void CheckString(string text, JsonObject schema, string path)
        {
            var min = Number(schema, "minLength");
            var max = Number(schema, "maxLength");
            if ((min is { } lo && text.Length < lo) || (max is { } hi && text.Length > hi))
                Add(path, max is null ? $"Length must be at least {min}" : $"Length must be between {min ?? 0} and {max}");

            if (Text(schema, "pattern") is { } pattern &&
                !Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                Add(path, $"Must match \"{pattern}\"");

            switch (Text(schema, "format"))
            {
                case "uri" when !Uri.TryCreate(text, UriKind.Absolute, out _):
                    Add(path, "must be an absolute URI");
                    break;
                case "uuid" when !Guid.TryParseExact(text, "D", out _):
                    Add(path, "must be a UUID");
                    break;
            }
        }

        void CheckNumber(double number, JsonObject schema, string path)
        {
            var exclusiveMin = schema["exclusiveMinimum"]?.GetValue<bool>() == true;
            var exclusiveMax = schema["exclusiveMaximum"]?.GetValue<bool>() == true;
            var min = Number(schema, "minimum");
            var max = Number(schema, "maximum");
            var tooLow = min is { } lo && (exclusiveMin ? number <= lo : number < lo);
            var tooHigh = max is { } hi && (exclusiveMax ? number >= hi : number > hi);
            if (tooLow || tooHigh)
                Add(path, (min, max) switch
                {
                    ({ } a, { } b) => $"Must be between {a} and {b}",
                    ({ } a, null) => $"Must be {(exclusiveMin ? "greater than" : "at least")} {a}",
                    _ => $"Must be {(exclusiveMax ? "less than" : "at most")} {max}",
                });
        }

        void CheckArray(JsonArray array, JsonObject schema, string path)
        {
            var min = Number(schema, "minItems");
            var max = Number(schema, "maxItems");
            if ((min is { } lo && array.Count < lo) || (max is { } hi && array.Count > hi))
                Add(path, $"Size must be between {min ?? 0} and {max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}");

            if (schema["uniqueItems"]?.GetValue<bool>() == true)
                for (var i = 1; i < array.Count; i++)
                    if (array.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, array[i])))
                        Add($"{path}[{i}]", "Duplicate value");

            if (schema["items"] is JsonObject items)
                for (var i = 0; i < array.Count; i++)
                    Check(array[i], items, $"{path}[{i}]", inAllOf: false);
        }

        void CheckObject(JsonObject obj, JsonObject schema, string path)
        {
            if (schema["required"] is JsonArray required)
                foreach (var name in required.Select(r => r?.GetValue<string>()).OfType<string>())
                    if (!obj.ContainsKey(name))
                        Add(Join(path, name), "must be specified");

            var properties = schema["properties"] as JsonObject;
            foreach (var (name, value) in obj)
            {
                if (properties?[name] is JsonObject propertySchema)
                    Check(value, propertySchema, Join(path, name), inAllOf: false);
                else if (schema["additionalProperties"] is JsonObject additional)
                    Check(value, additional, Join(path, name), inAllOf: false);
                else if (schema["additionalProperties"] is JsonValue allowed && allowed.GetValue<bool>() == false && properties is not null)
                    Add(Join(path, name), "Unknown property");
            }
        }

        void CheckAlternatives(JsonNode node, JsonArray alternatives, string path, bool exactlyOne)
        {
            var outcomes = alternatives.OfType<JsonObject>()
                .Select(alternative =>
                {
                    var trial = new Run(validator);
                    trial.Check(node, alternative, path, inAllOf: false);
                    return trial.Errors;
                })
                .ToList();
            var matching = outcomes.Count(e => e.Count == 0);
            if (matching == 0)
                Errors.AddRange(outcomes.OrderBy(e => e.Count).First());
            else if (exactlyOne && matching > 1)
                Add(path, $"Matches {matching} of the allowed shapes; it must match exactly one");
        }

        bool IncludesThroughAllOf(JsonObject subtype, JsonObject baseSchema) =>
            subtype["allOf"] is JsonArray parts && parts.OfType<JsonObject>().Any(part =>
                Text(part, "$ref") is { } reference && ReferenceEquals(validator.Spec.Resolve(reference).Schema, baseSchema));

        void Add(string path, string message) => Errors.Add(new SchemaError(path, message));
    }

    public static string Join(string path, string property) => path.Length == 0 ? property : $"{path}.{property}";

    static bool HasConstraints(JsonObject schema) =>
        schema.ContainsKey("type") || schema.ContainsKey("$ref") || schema.ContainsKey("allOf") || schema.ContainsKey("properties");

    static bool IsType(JsonNode node, string type) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node.GetValueKind() == JsonValueKind.String,
        "boolean" => node.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "number" => node.GetValueKind() == JsonValueKind.Number,
        "integer" => node.GetValueKind() == JsonValueKind.Number && node.GetValue<JsonElement>().TryGetInt64(out _),
        _ => true,
    };

    static bool SameValue(JsonNode? allowed, JsonNode node) =>
        JsonNode.DeepEquals(allowed, node) ||
        (allowed is JsonValue a && node is JsonValue b && a.ToString() == b.ToString() && node.GetValueKind() == JsonValueKind.String);

    static string Article(string type) => type is "object" or "array" or "integer" ? "an" : "a";

    static string? Text(JsonObject schema, string name) =>
        schema[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    static double? Number(JsonObject schema, string name) =>
        schema[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    sealed class NodeAndNameComparer : IEqualityComparer<(JsonNode?, string)>
    {
        public static readonly NodeAndNameComparer Instance = new();
        public bool Equals((JsonNode?, string) x, (JsonNode?, string) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;
        public int GetHashCode((JsonNode?, string) obj) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), obj.Item2);
    }
}
