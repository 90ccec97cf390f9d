using System.Text;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>The import result in Thai, for a coordinator reading a terminal (and later a chat reply).</summary>
public static class ImportSummary
{
    public static string Describe(ImportResult result)
    {
        var text = new StringBuilder();
        var counts = result.Counts;
        text.AppendLine($"{(result.DryRun ? "ทดลองอ่านแผน" : "นำเข้าแผน")} {result.File} → {result.Organization} ปีงบประมาณ {ThaiDigits.ToThai(result.FiscalYear)}");
        if (result.DryRun) text.AppendLine("(--dry-run: ยังไม่ได้บันทึกอะไร ตัวเลขด้านล่างคือสิ่งที่จะเกิดขึ้นเมื่อนำเข้าจริง)");
        if (counts.OrganizationCreated) text.AppendLine($"หน่วยงานใหม่: {result.Organization}");
        text.AppendLine($"มาตรการ {result.Measures.Count} ข้อ: ใหม่ {counts.Created} · แก้ไข {counts.Updated} · เหมือนเดิม {counts.Unchanged}"
            + (counts.Removed.Count > 0 ? $" · ลบ {counts.Removed.Count} ({string.Join(", ", counts.Removed)})" : ""));
        if (counts.UnitsCreated.Count > 0) text.AppendLine($"ส่วนราชการใหม่ {counts.UnitsCreated.Count}: {string.Join(", ", counts.UnitsCreated)}");
        if (!counts.ChangesAnything && !result.DryRun) text.AppendLine("ไม่มีอะไรเปลี่ยน: แผนนี้นำเข้าไว้แล้ว");

        text.AppendLine();
        foreach (var m in result.Measures)
        {
            var period = m.Period is { } p ? ThaiCalendar.FormatPeriod(p.Start, p.End) : m.PeriodText ?? "ไม่ระบุระยะเวลา";
            var units = m.Units.Count > 0 ? string.Join(", ", m.Units) : "ไม่มีผู้รับผิดชอบ";
            var mark = m.Change switch { MeasureChange.Created => "+", MeasureChange.Updated => "~", _ => " " };
            text.AppendLine($"{mark} {m.Code,-5} {Shorten(m.Title, 70)}");
            text.AppendLine($"        {units} · {period} · {m.Steps.Count} ขั้นตอน");
        }

        if (result.Warnings.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("ข้อควรตรวจ:");
            foreach (var warning in result.Warnings) text.AppendLine($"- {warning}");
        }
        return text.ToString();
    }

    public static string DescribeProblems(ImportResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"นำเข้าไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใดถูกบันทึก (import failed, nothing changed): {result.Problems.Count} จุดที่ต้องแก้");
        foreach (var problem in result.Problems) text.AppendLine($"- {problem}");
        return text.ToString();
    }

    static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
