namespace ItaBot.Reports.Pdf;

/// <summary>
/// A round report's PDF as LibreOffice made it, kept per round with the fingerprint of the Word file it came from:
/// the same report is not converted twice, and a changed report (a new answer, a closed round) is converted anew.
/// </summary>
public sealed class ReportPdf
{
    public int RoundId { get; set; }

    /// <summary>SHA-256 of the Word file's content (its parts, not the zip's dates), hex.</summary>
    public string DocxHash { get; set; } = "";

    public byte[] Pdf { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>How long LibreOffice took, for the operator.</summary>
    public int ConversionMilliseconds { get; set; }
}
