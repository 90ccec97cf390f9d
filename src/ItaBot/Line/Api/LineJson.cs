using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Line.Api;

/// <summary>JSON settings for everything sent to LINE.</summary>
public static class LineJson
{
    /// <summary>
    /// camelCase, nulls left out, and Thai written as UTF-8 rather than \uXXXX escapes: LINE measures Flex
    /// size limits in bytes, and escaping would triple the size of every Thai character. Quotes, backslashes
    /// and control characters are still escaped, so user text cannot break out of a JSON string.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
