using System.Reflection;
using System.Reflection.Metadata;

namespace ItaBot.Data;

/// <summary>
/// The types one namespace of the app declares, read from the assembly's metadata so that only those are loaded.
/// EF's own discovery (<c>ApplyConfigurationsFromAssembly</c>, its migrations assembly) loads every type of the app
/// to find a few dozen, and with them the assemblies their fields and base types name (Open XML, compression…):
/// megabytes resident from the first start for code the bot may not run for days (bench … startup).
/// </summary>
static class AppTypes
{
    public static unsafe IReadOnlyList<Type> In(Assembly assembly, string ns)
    {
        if (!assembly.TryGetRawMetadata(out var blob, out var length))
            return [.. assembly.GetTypes().Where(t => t.Namespace == ns && !t.IsNested)];
        var reader = new MetadataReader(blob, length);
        var types = new List<Type>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            if (definition.IsNested || !reader.StringComparer.Equals(definition.Namespace, ns)) continue;
            types.Add(assembly.GetType($"{ns}.{reader.GetString(definition.Name)}", throwOnError: true)!);
        }
        return types;
    }
}
