using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>One column of the flat, one-row-per-measure table; <paramref name="Width"/> is in Excel characters.</summary>
public sealed record ReportColumn(string Header, double Width, Func<int, MeasureLine, object> Value);

/// <summary>
/// The flat table that XLSX and CSV share: the data as people entered it (digits untouched), lists
/// one item per line, ISO dates, so spreadsheets can sort and filter it.
/// </summary>
public static class ReportColumns
{
    public static readonly IReadOnlyList<ReportColumn> All =
    [
        new("ลำดับ", 6, (i, _) => i + 1),
        new("รหัส", 8, (_, m) => m.Code),
        new("ประเด็น/ตัวชี้วัด", 28, (_, m) => m.Issue ?? ""),
        new("ข้อ OIT", 8, (_, m) => m.OitItem ?? ""),
        new("มาตรการ/แนวทาง", 40, (_, m) => m.Title),
        new("ขั้นตอน/วิธีการดำเนินการ", 50, (_, m) => Lines(m.Steps)),
        new("ผู้รับผิดชอบ", 20, (_, m) => Lines(m.ResponsibleUnits)),
        new("ระยะเวลาดำเนินการ", 18, (_, m) => m.Period ?? ""),
        new("สรุปผลการดำเนินการ", 22, (_, m) => m.Status.Thai()),
        new("รหัสสถานะ", 14, (_, m) => m.Status.ToString()),
        new("เหตุที่ดำเนินการไม่ได้", 25, (_, m) => m.Status == ReportStatus.CannotProceed ? ReportText.Reason(m.Reason, m.ReasonText) : ""),
        new("ผลการดำเนินการ", 50, (_, m) => Lines(m.Results.Select(r => $"{Iso(r.Date)}: {r.Text}"))),
        new("ผลลัพธ์", 30, (_, m) => m.Outcome ?? ""),
        new("ปัญหาอุปสรรค / ข้อเสนอแนะ", 30, (_, m) => m.Problems ?? ""),
        new("หลักฐาน", 35, (_, m) => Lines(m.EvidenceUrls)),
        new("หน่วยงานที่ยังไม่รายงาน", 20, (_, m) => Lines(m.OwingUnits)),
        new("รายงานล่าสุด", 17, (_, m) => m.LastReportedAtUtc is { } at ? Bangkok.ToBangkok(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : ""),
        new("ผู้รายงานล่าสุด", 18, (_, m) => m.LastReporterName ?? ""),
        new("จำนวนครั้งที่รายงาน", 10, (_, m) => m.ReportCount),
    ];

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Lines(IEnumerable<string> items) => string.Join("\n", items);
}
