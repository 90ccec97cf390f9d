using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>
/// One of LINE's OpenAPI 3 files, loaded as JSON nodes: component schemas by name and operations by method and
/// path. Loaded once per test run (the files are read-only reference data).
/// </summary>
public sealed class OpenApiSpec
{
    const string SchemaPrefix = "#/components/schemas/";

    static readonly Lazy<OpenApiSpec> LazyMessagingApi = new(() => Load(Path.Combine(LineOpenApiFolder(), "messaging-api.yml")));
    static readonly Lazy<OpenApiSpec> LazyWebhook = new(() => Load(Path.Combine(LineOpenApiFolder(), "webhook.yml")));

    public static OpenApiSpec MessagingApi => LazyMessagingApi.Value;
    public static OpenApiSpec Webhook => LazyWebhook.Value;

    readonly JsonObject _schemas;
    readonly List<OpenApiOperation> _operations;

    OpenApiSpec(string file, JsonObject root)
    {
        File = file;
        _schemas = root["components"]?["schemas"] as JsonObject ?? throw new InvalidDataException($"{file} has no components.schemas");
        _operations = ReadOperations(root);
    }

    public string File { get; }

    /// <summary>Held while walking the schema tree (see <see cref="OpenApiValidator.Validate"/>).</summary>
    internal Lock ReadLock { get; } = new();

    public IReadOnlyList<OpenApiOperation> Operations => _operations;

    public JsonObject Schema(string name) =>
        _schemas[name] as JsonObject ?? throw new KeyNotFoundException($"{Path.GetFileName(File)} has no schema '{name}'");

    /// <summary>Resolves <c>#/components/schemas/X</c>; returns the component name too (rules hang off names).</summary>
    public (string Name, JsonObject Schema) Resolve(string reference)
    {
        if (!reference.StartsWith(SchemaPrefix, StringComparison.Ordinal))
            throw new NotSupportedException($"Only local component references are supported, not '{reference}'");
        var name = reference[SchemaPrefix.Length..];
        return (name, Schema(name));
    }

    /// <summary>The operation for a request, preferring literal paths over templated ones (…/richmenu/list over …/richmenu/{id}).</summary>
    public OpenApiOperation? Find(string method, string path) =>
        _operations
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && o.Matches(path))
            .OrderBy(o => o.ParameterCount)
            .FirstOrDefault();

    public bool HasPath(string path) => _operations.Any(o => o.Matches(path));

    public static OpenApiSpec Load(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        var root = ToJson(yaml.Documents[0].RootNode) as JsonObject ?? throw new InvalidDataException($"{file} is not a YAML mapping");
        // Round-trip through text so every value is backed by a JsonElement, like the documents it validates.
        var parsed = JsonNode.Parse(root.ToJsonString())!.AsObject();
        Materialize(parsed);
        return new OpenApiSpec(file, parsed);
    }

    /// <summary>
    /// Where LINE's OpenAPI files are: <c>ITABOT_LINE_OPENAPI_DIR</c> (to try a newer copy), else the copy vendored in
    /// <c>tests/contracts/line-openapi</c>, which the build puts beside the test binaries.
    /// </summary>
    public static string LineOpenApiFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("ITABOT_LINE_OPENAPI_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"ITABOT_LINE_OPENAPI_DIR points to '{fromEnvironment}', which does not exist.");
        return TestFiles.Folder("contracts", "line-openapi");
    }

    static List<OpenApiOperation> ReadOperations(JsonObject root)
    {
        var operations = new List<OpenApiOperation>();
        if (root["paths"] is not JsonObject paths) return operations;
        foreach (var (path, item) in paths)
        {
            if (item is not JsonObject methods) continue;
            foreach (var (method, operation) in methods)
            {
                if (operation is not JsonObject op || method is "parameters" or "servers" or "summary" or "description") continue;
                var requestSchema = op["requestBody"]?["content"]?["application/json"]?["schema"] as JsonObject;
                var responses = new Dictionary<int, JsonObject?>();
                if (op["responses"] is JsonObject answers)
                    foreach (var (code, answer) in answers)
                        if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
                            responses[status] = answer?["content"]?["application/json"]?["schema"] as JsonObject;
                var server = op["servers"]?[0]?["url"]?.GetValue<string>();
                var bodyRequired = op["requestBody"]?["required"]?.GetValue<bool>() ?? false;
                operations.Add(new OpenApiOperation(method.ToUpperInvariant(), path, op["operationId"]?.GetValue<string>() ?? path,
                    requestSchema, bodyRequired, responses, server));
            }
        }
        return operations;
    }

    // Parsed JsonObjects/JsonArrays fill themselves in on first access; walk the whole tree once so tests running
    // in parallel only ever read it.
    static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj) Materialize(child);
                break;
            case JsonArray array:
                foreach (var child in array) Materialize(child);
                break;
        }
    }

    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", ToJson(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    // Plain scalars follow YAML's core schema (true, 12, null); quoted and block scalars are always strings.
    static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "null" or "Null" or "NULL" or "~" or "" => null,
            _ when Regex.IsMatch(text, @"^-?[0-9]+$") && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when Regex.IsMatch(text, @"^-?[0-9]+\.[0-9]+$") => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }
}

/// <summary>One method on one path, with the schemas of its JSON request body and answers.</summary>
public sealed class OpenApiOperation(
    string method, string path, string operationId, JsonObject? requestSchema, bool bodyRequired,
    IReadOnlyDictionary<int, JsonObject?> responseSchemas, string? server)
{
    readonly Regex _pattern = new(
        "^" + Regex.Replace(Regex.Escape(path), @"\\\{(\w+)}", "(?<$1>[^/]+)") + "$",
        RegexOptions.CultureInvariant);

    public string Method { get; } = method;
    public string Path { get; } = path;
    public string OperationId { get; } = operationId;
    public JsonObject? RequestSchema { get; } = requestSchema;
    public bool BodyRequired { get; } = bodyRequired;
    public IReadOnlyDictionary<int, JsonObject?> ResponseSchemas { get; } = responseSchemas;

    /// <summary>The server this operation overrides to (api-data.line.me for blobs), or null for the default.</summary>
    public string? Server { get; } = server;

    public int ParameterCount => Path.Count(c => c == '{');

    public bool Matches(string path) => _pattern.IsMatch(path);

    public string? Parameter(string path, string name)
    {
        var match = _pattern.Match(path);
        return match.Success && match.Groups[name].Success ? Uri.UnescapeDataString(match.Groups[name].Value) : null;
    }

    public override string ToString() => $"{Method} {Path} ({OperationId})";
}
