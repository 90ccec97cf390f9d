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
}
