namespace ItaBot.Chat;

/// <summary>
/// Photos sent together (LINE's image set: one event per photo, in no promised order) go to one measure and are
/// confirmed once, when the last of the set has been handled.
/// </summary>
public sealed class ChatEvidenceBatch
{
    public required string Channel { get; set; }
    public required string SetId { get; set; }

    /// <summary>The measure the set's photos are evidence for; null when the bot had to ask which one.</summary>
    public int? MeasureId { get; set; }

    public int Total { get; set; }
    public int Seen { get; set; }
    public int Attached { get; set; }

    /// <summary>The last refusal (too large, not an image …), told in the one confirmation.</summary>
    public string? Refusal { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
