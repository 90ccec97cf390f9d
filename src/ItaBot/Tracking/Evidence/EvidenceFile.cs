namespace ItaBot.Tracking.Evidence;

/// <summary>What a file is, as its content says (never its name).</summary>
public enum EvidenceKind { Image, Pdf, Docx, Xlsx, Video }

/// <summary>
/// A file attached to one status entry as evidence (a photo of the activity, the announcement as PDF …).
/// The bytes live in an <see cref="IEvidenceStore"/> under <see cref="StorageKey"/>; this row says what they are.
/// </summary>
public sealed class EvidenceFile
{
    public long Id { get; set; }
    public long StatusReportId { get; set; }
    public StatusReport? StatusReport { get; set; }

    /// <summary>The name it was sent with, cleaned for display (no path, no hidden characters).</summary>
    public required string FileName { get; set; }

    /// <summary>The content type its content was found to be (image/jpeg, application/pdf …).</summary>
    public required string ContentType { get; set; }

    public EvidenceKind Kind { get; set; }
    public long Length { get; set; }

    /// <summary>SHA-256 of the stored bytes, hex; the same file attached twice to one entry is kept once.</summary>
    public required string Sha256 { get; set; }

    public required string StorageKey { get; set; }

    /// <summary>The LINE message it came from, when sent in chat: a redelivered event attaches nothing twice.</summary>
    public string? SourceMessageId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
