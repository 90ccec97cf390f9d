using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>
/// The words people use for a status or a reason, Thai and English. Matched longest first, so
/// "ดำเนินการแล้วเสร็จ" wins over "เสร็จ" and "ยังไม่เสร็จ" is not read as done.
/// </summary>
public static class StatusWords
{
    /// <summary>Null marks words that sound like a status but do not say which ("ไม่เสร็จ", "not done"): asked back.</summary>
    public static readonly IReadOnlyList<(string Phrase, MeasureStatus? Status)> Statuses = Longest<MeasureStatus?>(
    [
        ("ดำเนินการแล้วเสร็จ", MeasureStatus.Done),
        ("ดำเนินการเสร็จแล้ว", MeasureStatus.Done),
        ("ดำเนินการเสร็จสิ้น", MeasureStatus.Done),
        ("ดำเนินการเสร็จ", MeasureStatus.Done),
        ("เสร็จเรียบร้อย", MeasureStatus.Done),
        ("เสร็จสิ้น", MeasureStatus.Done),
        ("เสร็จแล้ว", MeasureStatus.Done),
        ("แล้วเสร็จ", MeasureStatus.Done),
        ("เสร็จ", MeasureStatus.Done),
        ("done", MeasureStatus.Done),
        ("completed", MeasureStatus.Done),
        ("complete", MeasureStatus.Done),
        ("finished", MeasureStatus.Done),

        ("อยู่ระหว่างการดำเนินการ", MeasureStatus.InProgress),
        ("อยู่ระหว่างดำเนินการ", MeasureStatus.InProgress),
        ("อยู่ระหว่างทำ", MeasureStatus.InProgress),
        ("กำลังดำเนินการ", MeasureStatus.InProgress),
        ("กำลังทำ", MeasureStatus.InProgress),
        ("ยังไม่เสร็จ", MeasureStatus.InProgress),
        ("in progress", MeasureStatus.InProgress),
        ("in-progress", MeasureStatus.InProgress),
        ("inprogress", MeasureStatus.InProgress),
        ("ongoing", MeasureStatus.InProgress),
        ("doing", MeasureStatus.InProgress),

        ("ยังไม่ได้ดำเนินการ", MeasureStatus.NotStarted),
        ("ยังไม่ดำเนินการ", MeasureStatus.NotStarted),
        ("ยังไม่ได้เริ่ม", MeasureStatus.NotStarted),
        ("ยังไม่เริ่ม", MeasureStatus.NotStarted),
        ("ยังไม่ได้ทำ", MeasureStatus.NotStarted),
        ("ยังไม่ทำ", MeasureStatus.NotStarted),
        ("not started", MeasureStatus.NotStarted),
        ("not yet started", MeasureStatus.NotStarted),
        ("notstarted", MeasureStatus.NotStarted),

        ("ไม่สามารถดำเนินการได้", MeasureStatus.CannotProceed),
        ("ไม่สามารถดำเนินการ", MeasureStatus.CannotProceed),
        ("ดำเนินการไม่ได้", MeasureStatus.CannotProceed),
        ("ทำไม่ได้", MeasureStatus.CannotProceed),
        ("cannot proceed", MeasureStatus.CannotProceed),
        ("cannot", MeasureStatus.CannotProceed),
        ("can't", MeasureStatus.CannotProceed),
        ("can’t", MeasureStatus.CannotProceed),
        ("blocked", MeasureStatus.CannotProceed),

        ("ไม่เสร็จ", null),
        ("not done", null),
        ("not yet done", null),
        ("not finished", null),
        ("not complete", null),
    ]);

    public static readonly IReadOnlyList<(string Phrase, CannotProceedReason Reason)> Reasons = Longest(
    [
        ("ไม่ได้รับงบประมาณ", CannotProceedReason.NoBudget),
        ("ไม่ได้รับการจัดสรรงบประมาณ", CannotProceedReason.NoBudget),
        ("ไม่มีงบประมาณ", CannotProceedReason.NoBudget),
        ("งบประมาณไม่เพียงพอ", CannotProceedReason.NoBudget),
        ("งบประมาณไม่พอ", CannotProceedReason.NoBudget),
        ("ไม่มีงบ", CannotProceedReason.NoBudget),
        ("งบไม่พอ", CannotProceedReason.NoBudget),
        ("ไม่ได้รับงบ", CannotProceedReason.NoBudget),
        ("no budget", CannotProceedReason.NoBudget),
        ("budget", CannotProceedReason.NoBudget),

        ("นโยบายผู้บริหารเปลี่ยนแปลง", CannotProceedReason.PolicyChanged),
        ("นโยบายผู้บริหารเปลี่ยน", CannotProceedReason.PolicyChanged),
        ("ผู้บริหารเปลี่ยนนโยบาย", CannotProceedReason.PolicyChanged),
        ("นโยบายเปลี่ยนแปลง", CannotProceedReason.PolicyChanged),
        ("นโยบายเปลี่ยน", CannotProceedReason.PolicyChanged),
        ("policy changed", CannotProceedReason.PolicyChanged),
        ("policy", CannotProceedReason.PolicyChanged),

        ("บุคลากรไม่เพียงพอ", CannotProceedReason.NotEnoughStaff),
        ("บุคลากรไม่พอ", CannotProceedReason.NotEnoughStaff),
        ("ขาดบุคลากร", CannotProceedReason.NotEnoughStaff),
        ("เจ้าหน้าที่ไม่เพียงพอ", CannotProceedReason.NotEnoughStaff),
        ("เจ้าหน้าที่ไม่พอ", CannotProceedReason.NotEnoughStaff),
        ("คนไม่พอ", CannotProceedReason.NotEnoughStaff),
        ("not enough staff", CannotProceedReason.NotEnoughStaff),
        ("staff", CannotProceedReason.NotEnoughStaff),

        ("อื่นๆ", CannotProceedReason.Other),
        ("อื่น ๆ", CannotProceedReason.Other),
        ("other", CannotProceedReason.Other),
    ]);

    /// <summary>Short words for quick-reply labels (LINE allows 20 characters).</summary>
    public static string ShortThai(this MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => "ยังไม่เริ่ม",
        MeasureStatus.InProgress => "กำลังทำ",
        MeasureStatus.Done => "เสร็จแล้ว",
        MeasureStatus.CannotProceed => "ทำไม่ได้",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    static IReadOnlyList<(string, T)> Longest<T>(List<(string Phrase, T Value)> words) =>
        words.OrderByDescending(w => w.Phrase.Length).Select(w => (w.Phrase, w.Value)).ToList();
}
