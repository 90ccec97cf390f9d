using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

/// <summary>
/// Short string lists (aliases, steps, evidence links) are stored as one JSON text column, so the
/// same hand-written migration works on SQLite and PostgreSQL.
/// </summary>
public static class JsonListConversion
{
    static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static PropertyBuilder<List<string>> HasJsonListConversion(this PropertyBuilder<List<string>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<List<string>>(v, Options) ?? new List<string>(),
            new ValueComparer<List<string>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s.GetHashCode())),
                v => v.ToList()))
        .IsRequired();

    /// <summary>A short map of texts (a plan's extra columns by header) as one JSON object column.</summary>
    public static PropertyBuilder<Dictionary<string, string>> HasJsonMapConversion(this PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, Options) ?? new Dictionary<string, string>(),
            new ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && a.SequenceEqual(b),
                v => v.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key.GetHashCode(), p.Value.GetHashCode())),
                v => new Dictionary<string, string>(v)))
        .IsRequired();
}
