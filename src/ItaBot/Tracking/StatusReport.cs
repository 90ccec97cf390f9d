namespace ItaBot.Tracking;

public enum MeasureStatus { NotStarted, InProgress, Done, CannotProceed }

public enum CannotProceedReason { NoBudget, PolicyChanged, NotEnoughStaff, Other }

public enum ReportSource { Chat, Admin, Import, Form }

/// <summary>Why an entry no longer counts: its reporter took it back, edited or unsent the LINE message it came from.</summary>
public enum WithdrawalReason { Undone, Edited, Unsent }

/// <summary>
/// One answer about one measure in one round. Append-only: the latest report in a round is the measure's status,
/// and the earlier ones stay as the audit trail. A withdrawn entry (undone, or its LINE message edited or unsent)
/// stays in the history and never counts; read through <see cref="Withdrawals.NotWithdrawn"/>.
/// </summary>
public sealed class StatusReport
{
    public long Id { get; set; }
    public int MeasureId { get; set; }
    public Measure? Measure { get; set; }
    public int RoundId { get; set; }
    public Round? Round { get; set; }

    public MeasureStatus Status { get; set; }
    public CannotProceedReason? Reason { get; set; }
    public string? ReasonText { get; set; }

    /// <summary>ผลการดำเนินการ: what was done.</summary>
    public string? Result { get; set; }

    /// <summary>ผลลัพธ์หรือความสำเร็จ.</summary>
    public string? Outcome { get; set; }

    /// <summary>ปัญหาอุปสรรค / ข้อเสนอแนะ.</summary>
    public string? Problems { get; set; }

    public List<string> EvidenceUrls { get; set; } = [];

    public string? ReporterLineUserId { get; set; }
    public string? ReporterName { get; set; }

    /// <summary>LINE chat (group, room or user id) the report came from.</summary>
    public string? ChatId { get; set; }

    public DateTime ReportedAtUtc { get; set; }
    public ReportSource Source { get; set; }

    /// <summary>The LINE message the entry was read from, so an edit or unsend of that message can find it.</summary>
    public string? SourceMessageId { get; set; }

    /// <summary>For an answer to a follow-up question (a result, a reason, a link): the status entry it adds to.</summary>
    public long? AnswersReportId { get; set; }

    public DateTime? WithdrawnAtUtc { get; set; }
    public WithdrawalReason? WithdrawnReason { get; set; }
    public string? WithdrawnByUserId { get; set; }
}
