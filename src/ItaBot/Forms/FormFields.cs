using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Forms;

/// <summary>The report form's fields, their Thai labels, and turning what was typed into an entry draft (or Thai refusals naming the field).</summary>
public static class FormFields
{
    public const string Status = "status", Reason = "reason", ReasonText = "reason_text", Result = "result", Outcome = "outcome",
        Problems = "problems", Links = "links", Files = "files", Submission = "submission", IdToken = "line_id_token", Action = "action";

    public const int MaxLinks = 10;
    public const int MaxLinkLength = 1000;

    public static string Label(string field) => field switch
    {
        Status => "สถานะ",
        Reason => "เหตุที่ดำเนินการไม่ได้",
        ReasonText => "รายละเอียดเหตุที่ดำเนินการไม่ได้",
        Result => "ผลการดำเนินการ",
        Outcome => "ผลลัพธ์หรือความสำเร็จ",
        Problems => "ปัญหาอุปสรรค/ข้อเสนอแนะ",
        Links => "ลิงก์หลักฐาน",
        _ => field,
    };

    public static readonly IReadOnlyList<MeasureStatus> Statuses =
        [MeasureStatus.InProgress, MeasureStatus.Done, MeasureStatus.CannotProceed, MeasureStatus.NotStarted];

    public static readonly IReadOnlyList<CannotProceedReason> Reasons =
        [CannotProceedReason.NoBudget, CannotProceedReason.PolicyChanged, CannotProceedReason.NotEnoughStaff, CannotProceedReason.Other];
}

/// <summary>An entry as the form describes it, with the texts kept by <see cref="EntryText"/>; <see cref="Problems"/> lists what must be fixed first.</summary>
public sealed record FormDraft(
    MeasureStatus? Status, CannotProceedReason? Reason, string? ReasonText, string? Result, string? Outcome, string? Problems,
    IReadOnlyList<string> Links, IReadOnlyList<string> Errors)
{
    public static FormDraft Read(Func<string, string?> field)
    {
        var errors = new List<string>();
        MeasureStatus? status = Enum.TryParse<MeasureStatus>(field(FormFields.Status), out var s) && FormFields.Statuses.Contains(s) ? s : null;
        if (status is null) errors.Add("กรุณาเลือกสถานะของมาตรการ");
        CannotProceedReason? reason = Enum.TryParse<CannotProceedReason>(field(FormFields.Reason), out var r) && FormFields.Reasons.Contains(r) ? r : null;

        string? Keep(string name)
        {
            var kept = EntryText.Keep(field(name));
            if (!kept.TooLong) return kept.Text;
            errors.Add($"ช่อง \"{FormFields.Label(name)}\": {kept.TooLongMessage}");
            return null;
        }

        var reasonText = Keep(FormFields.ReasonText);
        var result = Keep(FormFields.Result);
        var outcome = Keep(FormFields.Outcome);
        var problems = Keep(FormFields.Problems);
        if (status == MeasureStatus.CannotProceed)
        {
            if (reason is null) errors.Add("สถานะ \"ดำเนินการไม่ได้\" ต้องเลือกเหตุผลด้วย (ไม่ได้รับงบประมาณ / นโยบายผู้บริหารเปลี่ยนแปลง / บุคลากรไม่เพียงพอ / อื่นๆ)");
            else if (reason == CannotProceedReason.Other && reasonText is null) errors.Add("เลือกเหตุผล \"อื่นๆ\" แล้ว กรุณาอธิบายเหตุผลในช่องรายละเอียด");
        }
        else
        {
            // A reason belongs to "cannot proceed" only; left over from changing one's mind, it is not stored.
            reason = null;
            reasonText = null;
        }

        var links = new List<string>();
        var lines = (field(FormFields.Links) ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = EntryText.Keep(lines[i]).Text;
            if (line is null) continue;
            if (line.Length > FormFields.MaxLinkLength || !Uri.TryCreate(line, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || line.Contains(' '))
                errors.Add($"ลิงก์บรรทัดที่ {ThaiDigits.ToThai(i + 1)} ไม่ใช่ที่อยู่เว็บ (ต้องขึ้นต้นด้วย http:// หรือ https:// และไม่มีช่องว่าง)");
            else if (!links.Contains(line, StringComparer.Ordinal)) links.Add(line);
        }
        if (links.Count > FormFields.MaxLinks) errors.Add($"ใส่ลิงก์หลักฐานได้ไม่เกิน {ThaiDigits.ToThai(FormFields.MaxLinks)} ลิงก์");

        return new FormDraft(status, reason, reasonText, result, outcome, problems, links, errors);
    }
}
