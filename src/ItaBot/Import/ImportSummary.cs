using System.Text;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>The import result in Thai, for a coordinator reading a terminal (and later a chat reply).</summary>
public static class ImportSummary
{
    /// <param name="tables">Also list the tables found and the role of each column (the dry run's table of contents).</param>
    public static string Describe(ImportResult result, bool tables = false)
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

        if (tables && result.Tables is { Count: > 0 } found)
        {
            text.AppendLine();
            text.Append(DescribeTables(found));
        }

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

    /// <summary>Each table: read or why not, how sure, and what each header cell was taken for.</summary>
    public static string DescribeTables(IReadOnlyList<TablePreview> tables)
    {
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            var verdict = table.Verdict switch
            {
                TableVerdict.Read => $"อ่าน {table.Measures} มาตรการ",
                TableVerdict.Continued => $"อ่านต่อจากตารางก่อนหน้า {table.Measures} มาตรการ",
                TableVerdict.Uncertain => "ไม่แน่ใจ ต้องยืนยันคอลัมน์ (--map)",
                _ => "ข้าม",
            };
            text.AppendLine($"{table.Name}: {verdict}" + (table.Header.Count > 0 ? $" · ความมั่นใจ {table.Confidence:0.00}" : "")
                + (table.Reason is { } reason && table.Verdict != TableVerdict.Read ? $" · {reason}" : ""));
            if (table.Verdict is TableVerdict.Read or TableVerdict.Uncertain)
                foreach (var cell in table.Header)
                    text.AppendLine($"    {cell.Column,2}. {cell.Text} → {string.Join(" + ", cell.Roles.Select(HeaderVocabulary.ThaiName).DefaultIfEmpty("ไม่อ่าน"))}"
                        + (cell.Mapped ? " (กำหนดเอง)" : ""));
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
