namespace ItaBot.Tracking;

/// <summary>The Thai wording of statuses and reasons, as the report checkboxes and e-PlanNACC print them.</summary>
public static class StatusNames
{
    public const string AwaitingReport = "รอรายงานผล";

    public static string Thai(this MeasureStatus status) => status switch
    {
        MeasureStatus.NotStarted => "ยังไม่ได้ดำเนินการ",
        MeasureStatus.InProgress => "อยู่ระหว่างการดำเนินการ",
        MeasureStatus.Done => "ดำเนินการแล้วเสร็จ",
        MeasureStatus.CannotProceed => "ไม่สามารถดำเนินการได้",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Thai(this CannotProceedReason reason) => reason switch
    {
        CannotProceedReason.NoBudget => "ไม่ได้รับงบประมาณ",
        CannotProceedReason.PolicyChanged => "นโยบายผู้บริหารเปลี่ยนแปลง",
        CannotProceedReason.NotEnoughStaff => "บุคลากรไม่เพียงพอ",
        CannotProceedReason.Other => "อื่นๆ",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };
}
