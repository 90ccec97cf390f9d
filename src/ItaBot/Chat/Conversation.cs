using System.Text.Json;
using System.Text.Json.Serialization;
using ItaBot.Tracking;

namespace ItaBot.Chat;

public enum QuestionKind { WhichMeasure, WhichStatus, FollowUp, Edit, Confirm }

public enum FollowUpStep { Reason, Result, Evidence }

/// <summary>
/// The one question the bot is waiting on from a person in a chat, with what it already knows: the measure and
/// status said so far, the person's words (<see cref="Note"/>, kept verbatim), links, the measures offered, and for a
/// follow-up the entry its answer adds to. Stored as JSON in <see cref="PendingQuestion"/> so it survives a restart.
/// </summary>
public sealed record Question(
    QuestionKind Kind,
    int? MeasureId = null,
    int? RoundId = null,
    MeasureStatus? Status = null,
    FollowUpStep? Step = null,
    CannotProceedReason? Reason = null,
    string? Note = null,
    IReadOnlyList<string>? Urls = null,
    long? ParentReportId = null,
    IReadOnlyList<int>? Candidates = null,
    IReadOnlyList<MeasureStatus>? Offer = null,
    string? SourceMessageId = null)
{
    static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null when the stored text is not a question this version understands (it is then dropped, not guessed at).</summary>
    public static Question? FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<Question>(json, Json); }
        catch (JsonException) { return null; }
    }
}
