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

    /// <summary>
    /// Columns of the printed table, in the order of the agencies' reports. Problems and suggestions, which most
    /// measures do not have, are written in the results column under their own label rather than in a column of
    /// dashes: on a landscape page at 14 pt every column's width is needed for the text. The spaces are where the
    /// agencies' own headers wrap ("ระยะเวลา ดำเนินการ"), and after a slash a zero-width space lets the line break
    /// there (LibreOffice does not break after a slash in Thai): a header never breaks inside a word.
    /// </summary>
    public static readonly IReadOnlyList<string> ColumnHeaders =
    [
        "ประเด็น/\u200Bตัวชี้วัด",
        "มาตรการ/\u200Bแนวทาง",
        "ขั้นตอน/\u200Bวิธีการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ระยะเวลา ดำเนินการ",
        "สรุปผล การดำเนินการ",
        "ผลการดำเนินการ / ผลลัพธ์ / ปัญหาอุปสรรค",
    ];

    /// <summary>
    /// Columns of the Word document's table. The issue/indicator is not a column there: it heads, across the whole
    /// table, the measures that share it (as several agencies print theirs, e.g. อบต.สบป่อง), and the responsible
    /// units sit over the period in one column ("ผู้รับผิดชอบ" over "ระยะเวลา"). Each header line is a few whole
    /// words that the column is made wide enough for.
    /// </summary>
    public static readonly IReadOnlyList<string> PrintedHeaders =
    [
        "มาตรการ/\u200Bแนวทาง",
        "ขั้นตอน/\u200Bวิธีการดำเนินการ",
        "ผู้รับผิดชอบ\nระยะเวลา",
        "สรุปผล\nการดำเนินการ",
        "ผลการดำเนินการ / ผลลัพธ์ /\nปัญหาอุปสรรค",
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

    /// <summary>What a measure nobody answered says: chasing words while the round is open, only the fact once it is closed.</summary>
    public const string NoReportInClosedRound = "ไม่มีรายงานผลในรอบนี้";

    /// <summary>A status as a document names it; "no answer" in a closed round is no longer something awaited.</summary>
    public static string StatusLabel(ReportStatus status, ReportRound round) =>
        status == ReportStatus.AwaitingReport && round.State == RoundState.Closed ? "ไม่มีรายงานผล" : status.Thai();

    static readonly System.Text.RegularExpressions.Regex Numbered = new(
        @"^\s*(?:[0-9๐-๙]{1,3}\s*[.)]|\(\s*[0-9๐-๙]{1,3}\s*\)|[-–•●▪*]|[ก-ฮ]\s*[.)])", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Steps numbered "๑. ๒. ๓." as plans write them; a step that already carries its own number or bullet, and a
    /// measure with a single step, are left as written.
    /// </summary>
    public static IReadOnlyList<string> NumberedSteps(IReadOnlyList<string> steps)
    {
        if (steps.Count < 2 || steps.Any(s => Numbered.IsMatch(s))) return steps;
        return steps.Select((s, i) => $"{ThaiDigits.ToThai(i + 1)}. {s.Trim()}").ToList();
    }

    /// <summary>
    /// A web address as printed: host and path without the scheme, and when that is long, the host and the first
    /// part of the path with an ellipsis ("muangchan.go.th/news/…", without "www."); the full address stays behind the link.
    /// </summary>
    public static string ShortUrl(string url, int maxLength = 28)
    {
        var shown = ShortUrlText(url, maxLength);
        // Lines may break after the dots and slashes of an address (Word, LibreOffice and browsers all honour a
        // zero-width space), so a long host name does not force its column wide.
        var breakable = new StringBuilder(shown.Length + 8);
        for (var i = 0; i < shown.Length; i++)
        {
            breakable.Append(shown[i]);
            if (shown[i] is '.' or '/' && i > 0 && i < shown.Length - 1 && shown[i + 1] != '…') breakable.Append(BreakHere);
        }
        return breakable.ToString();
    }

    /// <summary>A zero-width space: a place where a line may break, printing nothing.</summary>
    public const char BreakHere = '\u200B';

    static string ShortUrlText(string url, int maxLength)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return url;
        // "www." says nothing a reader needs (the link behind keeps it).
        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) && uri.Host.Count(c => c == '.') >= 2 ? uri.Host[4..] : uri.Host;
        var path = Uri.UnescapeDataString(uri.AbsolutePath).TrimEnd('/');
        var whole = host + path;
        if (whole.Length <= maxLength && uri.Query.Length == 0 && uri.Fragment.Length == 0) return whole;
        var first = path.TrimStart('/').Split('/')[0];
        if (first.Length == 0 || host.Length + first.Length + 3 > maxLength) return host + "/…";
        return $"{host}/{first}/…";
    }

    /// <summary>"๖๐.๐".</summary>
    public static string Percent(decimal percent) => ThaiDigits.ToThai(percent.ToString("0.0", CultureInfo.InvariantCulture));

    /// <summary>"ภาพ", "PDF", "Word", "Excel", "วิดีโอ": what an evidence file is, before its name.</summary>
    public static string FileKind(Tracking.Evidence.EvidenceKind kind) => kind switch
    {
        Tracking.Evidence.EvidenceKind.Image => "ภาพ",
        Tracking.Evidence.EvidenceKind.Pdf => "PDF",
        Tracking.Evidence.EvidenceKind.Docx => "Word",
        Tracking.Evidence.EvidenceKind.Video => "วิดีโอ",
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

    /// <summary>A web or e-mail address, which the documents print as typed.</summary>
    public static bool IsAddress(string word) =>
        word.Contains("://", StringComparison.Ordinal)
        || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
        || word.Contains('@');
}
