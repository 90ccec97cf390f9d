using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Reports;

/// <summary>
/// One column of the flat, one-row-per-measure table; <paramref name="Width"/> is in Excel characters.
/// <paramref name="Sheet"/>, when given, is what the workbook shows instead (Thai dates for people, where the CSV
/// keeps ISO dates for programs); a column with <paramref name="CsvOnly"/> (codes for programs) is left out of it.
/// A column with <paramref name="OpenRoundOnly"/> (who still owes an answer) is empty once the round is closed: a
/// closed round's files show only what was reported.
/// </summary>
public sealed record ReportColumn(
    string Header, double Width, Func<int, MeasureLine, ReportFileLinks?, object> Value,
    Func<int, MeasureLine, ReportFileLinks?, object>? Sheet = null, bool CsvOnly = false, bool OpenRoundOnly = false)
{
    public object CsvValue(int index, MeasureLine measure, ReportRound round, ReportFileLinks? links) =>
        OpenRoundOnly && round.State == Tracking.RoundState.Closed ? "" : Value(index, measure, links);

    public object SheetValue(int index, MeasureLine measure, ReportRound round, ReportFileLinks? links) =>
        OpenRoundOnly && round.State == Tracking.RoundState.Closed ? "" : (Sheet ?? Value)(index, measure, links);
}

/// <summary>
/// The flat table that XLSX and CSV share: the data as people entered it (digits untouched), lists one item per
/// line; ISO dates and status codes in the CSV for programs, Thai dates and wording in the workbook for people.
/// No column names or times a person: the files are public.
/// </summary>
public static class ReportColumns
{
    public static readonly IReadOnlyList<ReportColumn> All =
    [
        new("ลำดับ", 6, (i, _, _) => i + 1),
        new("รหัส", 8, (_, m, _) => m.Code),
        new("ประเด็น/ตัวชี้วัด", 28, (_, m, _) => m.Issue ?? ""),
        new("ข้อ OIT", 8, (_, m, _) => m.OitItem ?? ""),
        new("มาตรการ/แนวทาง", 40, (_, m, _) => m.Title),
        new("ขั้นตอน/วิธีการดำเนินการ", 50, (_, m, _) => Lines(m.Steps)),
        new("ผู้รับผิดชอบ", 20, (_, m, _) => Lines(m.ResponsibleUnits)),
        new("ระยะเวลาดำเนินการ", 18, (_, m, _) => m.Period ?? ""),
        new("สรุปผลการดำเนินการ", 22, (_, m, _) => m.Status.Thai()),
        new("รหัสสถานะ", 14, (_, m, _) => m.Status.ToString(), CsvOnly: true),
        new("เหตุที่ดำเนินการไม่ได้", 25, (_, m, _) => m.Status == ReportStatus.CannotProceed ? ReportText.Reason(m.Reason, m.ReasonText) : ""),
        new("ผลการดำเนินการ", 50, (_, m, _) => Dated(m.Results), (_, m, _) => ThaiDated(m.Results)),
        new("ผลลัพธ์", 30, (_, m, _) => Dated(m.Outcomes), (_, m, _) => ThaiDated(m.Outcomes)),
        new("ปัญหาอุปสรรค / ข้อเสนอแนะ", 30, (_, m, _) => Dated(m.Problems), (_, m, _) => ThaiDated(m.Problems)),
        new("หลักฐาน", 35, (_, m, links) => Lines(m.EvidenceUrls.Concat(m.EvidenceFiles.Select(f => links?.EvidenceFile(f) is { } url ? $"{f.FileName} {url}" : f.FileName)))),
        new("หน่วยงานที่ยังไม่รายงาน", 20, (_, m, _) => Lines(m.OwingUnits), OpenRoundOnly: true),
        new("รายงานล่าสุด", 12, (_, m, _) => m.LastReportedOn is { } on ? Iso(on) : "", (_, m, _) => m.LastReportedOn is { } on ? ThaiCalendar.FormatShortDate(on) : ""),
        new("จำนวนครั้งที่รายงาน", 10, (_, m, _) => m.ReportCount),
    ];

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Lines(IEnumerable<string> items) => string.Join("\n", items);

    static string Dated(IEnumerable<ResultEntry> entries) => Lines(entries.Select(e => $"{Iso(e.Date)}: {e.Text}"));

    /// <summary>"- ร่างคู่มือแล้ว (๕ พ.ย. ๖๗)", as the printed report writes them.</summary>
    static string ThaiDated(IEnumerable<ResultEntry> entries) => Lines(entries.Select(e => $"- {e.Text} ({ThaiCalendar.FormatShortDate(e.Date)})"));
}
