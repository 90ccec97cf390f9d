using ItaBot.Tracking;

namespace ItaBot.Forms;

/// <summary>
/// A report form that was saved, by the one-time key the form page carried: pressing "send" twice, or the
/// browser re-posting the page, shows the confirmation again instead of recording the entry twice.
/// </summary>
public sealed class FormSubmission
{
    public required string Key { get; set; }
    public long StatusReportId { get; set; }
    public StatusReport? StatusReport { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
