using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>
/// One column of the flat, one-row-per-measure table; <paramref name="Width"/> is in Excel characters.
/// <paramref name="Sheet"/>, when given, is what the workbook shows instead (Thai dates for people, where the CSV
/// keeps ISO dates for programs); a column with <paramref name="CsvOnly"/> (codes for programs) is left out of it.
/// </summary>
/// A column with <paramref name="OpenRoundOnly"/> (who still owes an answer) is empty once the round is closed: a
/// closed round's files show only what was reported.
public sealed record ReportColumn(
    string Header, double Width, Func<int, MeasureLine, object> Value, Func<int, MeasureLine, object>? Sheet = null,
    bool CsvOnly = false, bool OpenRoundOnly = false)
{
    public object CsvValue(int index, MeasureLine measure, ReportRound round) =>
        OpenRoundOnly && round.State == Tracking.RoundState.Closed ? "" : Value(index, measure);

    public object SheetValue(int index, MeasureLine measure, ReportRound round) =>
        OpenRoundOnly && round.State == Tracking.RoundState.Closed ? "" : (Sheet ?? Value)(index, measure);
}

/// <summary>
/// The flat table that XLSX and CSV share: the data as people entered it (digits untouched), lists one item per
/// line; ISO dates and status codes in the CSV for programs, Thai dates and wording in the workbook for people.
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
        new("รหัสสถานะ", 14, (_, m) => m.Status.ToString(), CsvOnly: true),
        new("เหตุที่ดำเนินการไม่ได้", 25, (_, m) => m.Status == ReportStatus.CannotProceed ? ReportText.Reason(m.Reason, m.ReasonText) : ""),
        new("ผลการดำเนินการ", 50, (_, m) => Lines(m.Results.Select(r => $"{Iso(r.Date)}: {r.Text}")),
            (_, m) => Lines(m.Results.Select(r => $"- {r.Text} ({ThaiCalendar.FormatShortDate(r.Date)})"))),
        new("ผลลัพธ์", 30, (_, m) => m.Outcome ?? ""),
        new("ปัญหาอุปสรรค / ข้อเสนอแนะ", 30, (_, m) => m.Problems ?? ""),
        new("หลักฐาน", 35, (_, m) => Lines(m.EvidenceUrls)),
        new("หน่วยงานที่ยังไม่รายงาน", 20, (_, m) => Lines(m.OwingUnits), OpenRoundOnly: true),
        new("รายงานล่าสุด", 17, (_, m) => m.LastReportedAtUtc is { } at ? Bangkok.ToBangkok(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
            (_, m) => m.LastReportedAtUtc is { } at ? ThaiDate(Bangkok.ToBangkok(at)) : ""),
        new("ผู้รายงานล่าสุด", 18, (_, m) => m.LastReporterName ?? ""),
        new("จำนวนครั้งที่รายงาน", 10, (_, m) => m.ReportCount),
    ];

    /// <summary>"๕ พ.ย. ๖๗ ๑๐:๓๐ น.".</summary>
    static string ThaiDate(DateTime bangkok) =>
        $"{ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(bangkok))} {ThaiDigits.ToThai(bangkok.ToString("HH:mm", CultureInfo.InvariantCulture))} น.";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Lines(IEnumerable<string> items) => string.Join("\n", items);
}
