using ItaBot.Import.Tables;

namespace ItaBot.Import;

public enum ColumnKind
{
    Code, Issue, OitItem, Title, Steps, Responsible, Period, FollowUp,
    /// <summary>A row number ("ที่", "ลำดับ"): ignored without a word.</summary>
    RowNumber,
    /// <summary>A round report's columns (results, status, outcome, suggestions): not part of a plan.</summary>
    Report,
    Unknown,
}

/// <summary>A column of a measures table: where it is and what its header says.</summary>
public sealed record PlanColumn(int Index, ColumnKind Kind, string Header);

/// <summary>The recognised columns of one measures table, found from its header row.</summary>
public sealed class PlanColumns
{
    public IReadOnlyList<PlanColumn> All { get; }

    PlanColumns(IReadOnlyList<PlanColumn> all) => All = all;

    public PlanColumn? this[ColumnKind kind] => All.FirstOrDefault(c => c.Kind == kind);

    /// <summary>The first column of its kind is read; a second one is not (it is reported instead).</summary>
    public IEnumerable<PlanColumn> Duplicates =>
        All.Where(c => c.Kind is not (ColumnKind.Unknown or ColumnKind.Report or ColumnKind.RowNumber) && this[c.Kind] != c);

    /// <summary>Two headers that name the same columns in the same order: a table repeated on the next page.</summary>
    public bool SameShapeAs(PlanColumns other) =>
        All.Select(c => c.Kind).SequenceEqual(other.All.Select(c => c.Kind));

    /// <summary>
    /// Reads a row as a header when it names a title column and at least one of steps, responsible or period,
    /// and every cell is short (data cells are sentences). Headers may come in any order and wrap
    /// ("ระยะเวลา ดำเนินการ"); columns nobody recognises are kept as Unknown.
    /// </summary>
    public static PlanColumns? FromHeader(SourceRow row)
    {
        var columns = new List<PlanColumn>();
        if (row.Cells.Any(c => c.Length > 200)) return null;
        foreach (var cell in row.Cells)
        {
            var header = CellText.Clean(string.Join(" ", cell.Paragraphs.Select(p => p.Text)));
            if (header.Length == 0) continue;
            if (header.Length > 60) return null;
            columns.Add(new PlanColumn(cell.Column, KindOf(header), header));
        }
        var kinds = columns.Select(c => c.Kind).ToHashSet();
        var isHeader = kinds.Contains(ColumnKind.Title)
            && (kinds.Contains(ColumnKind.Steps) || kinds.Contains(ColumnKind.Responsible) || kinds.Contains(ColumnKind.Period));
        return isHeader ? new PlanColumns(columns) : null;
    }

    /// <summary>
    /// Keyword matching on the header without spaces or punctuation. Order matters: "สรุปผลการดำเนินโครงการ"
    /// mentions โครงการ but is a report column; "การติดตามผล/การรายงานผล" mentions ผล but is the follow-up.
    /// </summary>
    public static ColumnKind KindOf(string header)
    {
        var h = Normalize(header);
        if (h.Contains("ติดตาม") || h.StartsWith("การรายงานผล", StringComparison.Ordinal)) return ColumnKind.FollowUp;
        if (h.StartsWith("ผล", StringComparison.Ordinal) || h.StartsWith("สรุปผล", StringComparison.Ordinal)
            || h.StartsWith("รายงานผล", StringComparison.Ordinal) || ContainsAny(h, "ผลลัพธ์", "ผลการดำเนิน", "ข้อเสนอแนะ",
                "ปัญหา", "อุปสรรค", "สถานะ", "หลักฐาน", "หมายเหตุ", "ความสำเร็จ"))
            return ColumnKind.Report;
        if (h.Contains("รับผิดชอบ")) return ColumnKind.Responsible;
        if (ContainsAny(h, "ระยะเวลา", "ช่วงเวลา", "ห้วงเวลา", "กำหนดเวลา", "period")) return ColumnKind.Period;
        if (ContainsAny(h, "ขั้นตอน", "วิธีการ", "วิธีปฏิบัติ", "วิธีดำเนิน", "steps")) return ColumnKind.Steps;
        if (h is "รหัส" or "รหัสมาตรการ" or "code" or "รหัสมาตรการcode") return ColumnKind.Code;
        if (h.Contains("oit") || h.StartsWith("ข้อo", StringComparison.Ordinal)) return ColumnKind.OitItem;
        if (h.Contains("ประเด็น") || (h.StartsWith("ตัวชี้วัด", StringComparison.Ordinal) && !h.Contains("เป้าหมาย"))
            || h is "issue" or "indicator")
            return ColumnKind.Issue;
        if (ContainsAny(h, "มาตรการ", "แนวทาง", "โครงการ", "กิจกรรม", "measure", "title")) return ColumnKind.Title;
        if (h is "ที่" or "ข้อ" or "ลำดับ" or "ลำดับที่" or "no") return ColumnKind.RowNumber;
        return ColumnKind.Unknown;
    }

    static string Normalize(string header) =>
        string.Concat(header.Where(c => char.IsLetterOrDigit(c) || c is >= '\u0E00' and <= '\u0E7F')).ToLowerInvariant();

    static bool ContainsAny(string text, params string[] words) => words.Any(w => text.Contains(w, StringComparison.Ordinal));
}
