using System.Globalization;
using System.Text;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Reports;

/// <summary>
/// The wording of the printed report (title, intro, column headers, dates), in the shape agencies
/// already publish, with Thai digits. DOCX and HTML print exactly these strings.
/// </summary>
public static class ReportText
{
    public const string Heading = "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส";

    /// <summary>Columns of the printed table, in the order of the agencies' reports.</summary>
    public static readonly IReadOnlyList<string> ColumnHeaders =
    [
        "ประเด็น/ตัวชี้วัด",
        "มาตรการ/แนวทาง",
        "ขั้นตอน/วิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลาดำเนินการ",
        "สรุปผลการดำเนินการ",
        "ผลการดำเนินการ / ผลลัพธ์",
        "ปัญหาอุปสรรค / ข้อเสนอแนะ",
    ];

    /// <summary>The three checkboxes of the status column, as in the agencies' 12-month reports.</summary>
    public static readonly IReadOnlyList<ReportStatus> CheckboxStatuses =
        [ReportStatus.CannotProceed, ReportStatus.InProgress, ReportStatus.Done];

    public const string Checked = "☑";
    public const string Unchecked = "☐";

    /// <summary>"รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ของเทศบาลตำบลเมืองจันทร์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ รอบ ๖ เดือน (ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)".</summary>
    public static string Title(RoundReport report) =>
        $"{Heading} {OfOrganization(report.Organization.Name)} {FiscalYear(report.Round.FiscalYear)} {RoundName(report.Round)} {RoundSpan(report.Round)}";

    /// <summary>"ของเทศบาลตำบลเมืองจันทร์", the way the reports write it, without a space after ของ.</summary>
    public static string OfOrganization(string name) => "ของ" + name.Trim();

    public static string FiscalYear(int fiscalYear) => "ประจำปีงบประมาณ พ.ศ. " + ThaiDigits.ToThai(fiscalYear);

    /// <summary>"รอบ ๖ เดือน", "รอบ ๑๒ เดือน", "รอบติดตามผล" (<see cref="RoundNames"/>); the span follows it.</summary>
    public static string RoundName(ReportRound round) => RoundNames.DocumentName(round.Kind);

    /// <summary>"(ตุลาคม ๒๕๖๗ – มีนาคม ๒๕๖๘)"; a custom round, which need not follow months, gives its days.</summary>
    public static string RoundSpan(ReportRound round) => RoundNames.DocumentSpan(round.Kind, round.WindowStart, round.WindowEnd);

    public static string Intro(RoundReport report)
    {
        var org = report.Organization.Name.Trim();
        var year = report.Round.FiscalYear;
        var all = report.Totals.All;
        return $"ตามที่{org}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน {FiscalYear(year)} "
            + $"จากการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) {FiscalYear(year - 1)} นั้น "
            + $"{org}ได้ติดตามผลการดำเนินการตามมาตรการดังกล่าว {RoundName(report.Round)} {RoundSpan(report.Round)} "
            + $"จำนวนทั้งสิ้น {Number(all.Total)} มาตรการ ดำเนินการแล้วเสร็จ {Number(all.Done)} มาตรการ คิดเป็นร้อยละ {Percent(all.PercentDone)} "
            + "จึงขอรายงานผลการดำเนินการ ดังนี้";
    }

    /// <summary>"ข้อมูล ณ วันที่ ๓๑ มีนาคม ๒๕๖๘": the cut-off, so a reader knows which answers the report holds.</summary>
    public static string AsOf(RoundReport report) =>
        "ข้อมูล ณ วันที่ " + ThaiCalendar.FormatLongDate(DateOnly.FromDateTime(Bangkok.ToBangkok(report.CutOffUtc)));

    public static string Number(int n) => ThaiDigits.ToThai(n);

    /// <summary>"๖๐.๐".</summary>
    public static string Percent(decimal percent) => ThaiDigits.ToThai(percent.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>"ภาพ", "PDF", "Word", "Excel": what an evidence file is, before its name.</summary>
    public static string FileKind(Tracking.Evidence.EvidenceKind kind) => kind switch
    {
        Tracking.Evidence.EvidenceKind.Image => "ภาพ",
        Tracking.Evidence.EvidenceKind.Pdf => "PDF",
        Tracking.Evidence.EvidenceKind.Docx => "Word",
        _ => "Excel",
    };

    public static string Reason(CannotProceedReason? reason, string? reasonText)
    {
        var parts = new List<string>();
        if (reason is { } r && !(r == CannotProceedReason.Other && reasonText is not null)) parts.Add(r.Thai());
        if (reasonText is not null) parts.Add(reasonText);
        return string.Join(" – ", parts);
    }

    /// <summary>
    /// Text for an official document: digits become Thai digits, except inside web addresses and
    /// e-mail addresses, which must keep working when copied.
    /// </summary>
    public static string Document(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { builder.Append(text[i++]); continue; }
            var end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
            var word = text[i..end];
            builder.Append(IsAddress(word) ? word : ThaiDigits.ToThai(word));
            i = end;
        }
        return builder.ToString();
    }

    static bool IsAddress(string word) =>
        word.Contains("://", StringComparison.Ordinal)
        || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
        || word.Contains('@');
}
