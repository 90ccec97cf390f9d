namespace ItaBot.Chat;

/// <summary>
/// A photo, video or file a member sent in a chat before saying which measure it is for (people often post the
/// pictures first, then "ข้อ 3 เสร็จแล้ว"). Downloaded at once (LINE's content expires), cleaned, its bytes kept
/// in the evidence store but attached to nothing and published nowhere, until that member's own status in that chat
/// for exactly one measure takes it — or the bot asks which measure, or the window passes and it is dropped.
/// </summary>
public sealed class ChatPendingEvidence
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChatId { get; set; }
    public required string UserId { get; set; }
    public required string MessageId { get; set; }
    public MediaKind Kind { get; set; }

    /// <summary>As it will be shown once attached (cleaned, with the extension of its type).</summary>
    public required string FileName { get; set; }

    public string? ContentType { get; set; }
    public Tracking.Evidence.EvidenceKind? EvidenceKind { get; set; }
    public long Length { get; set; }
    public string? Sha256 { get; set; }

    /// <summary>Where its cleaned bytes are; null when intake refused it (too large, not a type we take).</summary>
    public string? StorageKey { get; set; }

    /// <summary>Why it cannot be evidence, told when the status comes (the group is not answered about a photo alone).</summary>
    public string? Refusal { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The status named several measures and the bot asked which one: kept for the answer, a day at most.</summary>
    public DateTime? AskedAtUtc { get; set; }
}
