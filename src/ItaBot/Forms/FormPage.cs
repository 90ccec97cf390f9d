using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ItaBot.Reports;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Forms;

/// <summary>What the form shows again after a refusal or a preview: what was typed, what is wrong, the tokens.</summary>
public sealed record FormState(
    Func<string, string?> Field, IReadOnlyList<string> Errors, string AntiforgeryField, string AntiforgeryToken, string SubmissionKey,
    string? LiffId, string? Preview = null, bool FilesDropped = false);

/// <summary>
/// The report form as one phone-first Thai page that works with no script at all (plain multipart post); a small
/// script, when it runs, previews without reloading and, inside LINE's LIFF, adds the opener's ID token.
/// </summary>
public static class FormPage
{
    public const string ContentType = "text/html; charset=utf-8";
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    static string E(string? text) => Encoder.Encode(text ?? "");

    const string Style = """
        * { box-sizing: border-box; }
        body { font-family: "Sarabun", "Noto Sans Thai", "TH Sarabun New", "Laksaman", sans-serif; font-size: 17px; line-height: 1.5; margin: 0; color: #1a1a1a; background: #f4f6f8; }
        main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.25rem; margin: .25rem 0; }
        .measure { background: #fff; border-radius: 10px; padding: .75rem 1rem; margin-bottom: 1rem; border-left: 5px solid #06c755; }
        .measure p { margin: .2rem 0; }
        .muted { color: #555; font-size: .92rem; }
        .errors { background: #fdecea; border: 1px solid #e0a39b; color: #7a1b12; border-radius: 8px; padding: .5rem 1rem; margin-bottom: 1rem; }
        .errors li { margin: .25rem 0; }
        fieldset, .field { background: #fff; border: 1px solid #d7dce1; border-radius: 10px; padding: .75rem 1rem; margin: 0 0 1rem; }
        legend, label.title { font-weight: bold; display: block; margin-bottom: .35rem; }
        fieldset legend { padding: 0 .25rem; }
        .choice { display: flex; align-items: center; gap: .6rem; min-height: 44px; padding: .25rem 0; }
        .choice input { width: 1.35rem; height: 1.35rem; margin: 0; }
        textarea, input[type=text] { width: 100%; font: inherit; padding: .55rem; border: 1px solid #b9c0c7; border-radius: 8px; background: #fff; }
        textarea { min-height: 6.5rem; resize: vertical; }
        input[type=file] { width: 100%; font: inherit; padding: .5rem 0; }
        .hint { color: #555; font-size: .9rem; margin: .3rem 0 0; }
        .buttons { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0 2rem; }
        button { font: inherit; font-weight: bold; min-height: 48px; padding: .5rem 1.25rem; border-radius: 10px; border: 0; cursor: pointer; flex: 1 1 10rem; }
        button.send { background: #06c755; color: #fff; }
        button.preview { background: #e4e8ec; color: #1a1a1a; }
        .preview-box { background: #fff; border: 2px dashed #8fa3b5; border-radius: 10px; padding: .5rem .75rem; margin-bottom: 1rem; }
        .preview-box table { border-collapse: collapse; width: 100%; font-family: "TH Sarabun New", "Sarabun", sans-serif; font-size: 1.05rem; }
        .preview-box th, .preview-box td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
        .preview-box th { background: #d9d9d9; }
        .preview-box td p { margin: 0 0 .25em; }
        form:not(:has(#status-CannotProceed:checked)) .reason { display: none; }
        .done { text-align: center; background: #fff; border-radius: 10px; padding: 1.5rem 1rem; }
        .done .big { font-size: 3rem; margin: 0; }
        """;

    public static string Render(FormTarget target, FormState state)
    {
        var html = Start("รายงานผลมาตรการ " + target.Measure.Code, state.LiffId);
        AppendMeasure(html, target);

        if (state.Errors.Count > 0)
        {
            html.Append("<div class=\"errors\" role=\"alert\"><strong>ยังบันทึกไม่ได้ กรุณาแก้ไขก่อน:</strong><ul>");
            foreach (var error in state.Errors) html.Append("<li>").Append(E(error)).Append("</li>");
            html.Append("</ul></div>\n");
        }
        if (state.FilesDropped)
            html.Append("<p class=\"errors\">ไฟล์ที่เลือกไว้ยังไม่ได้บันทึก กรุณาเลือกไฟล์อีกครั้งก่อนกดส่ง</p>\n");
        html.Append("<div id=\"preview\">");
        if (state.Preview is not null) html.Append(state.Preview);
        html.Append("</div>\n");

        html.Append("<form method=\"post\" enctype=\"multipart/form-data\" accept-charset=\"utf-8\">\n")
            .Append(Hidden(state.AntiforgeryField, state.AntiforgeryToken))
            .Append(Hidden(FormFields.Submission, state.SubmissionKey))
            .Append(Hidden(FormFields.IdToken, ""));

        var status = state.Field(FormFields.Status) ?? (target.Locked ? nameof(MeasureStatus.Done) : null);
        html.Append("<fieldset><legend>สถานะของมาตรการ <span class=\"muted\">(ต้องเลือก)</span></legend>\n");
        foreach (var s in FormFields.Statuses)
            html.Append(Radio(FormFields.Status, s.ToString(), s.Thai(), status == s.ToString(), disabled: target.Locked && s != MeasureStatus.Done));
        if (target.Locked) html.Append("<p class=\"hint\">รายงานว่าแล้วเสร็จในรอบนี้แล้ว สถานะจึงคงไว้ เพิ่มผลหรือหลักฐานได้</p>");
        html.Append("</fieldset>\n");

        var reason = state.Field(FormFields.Reason);
        html.Append("<fieldset class=\"reason\"><legend>เหตุที่ดำเนินการไม่ได้ <span class=\"muted\">(เมื่อเลือก \"ไม่สามารถดำเนินการได้\")</span></legend>\n");
        foreach (var r in FormFields.Reasons) html.Append(Radio(FormFields.Reason, r.ToString(), r.Thai(), reason == r.ToString()));
        html.Append(Area(FormFields.ReasonText, "รายละเอียด (ถ้ามี)", state.Field(FormFields.ReasonText), "เช่น ยังไม่ได้รับงบประมาณสำหรับโครงการอบรม รอโอนงบกลางปี", inFieldset: true));
        html.Append("</fieldset>\n");

        html.Append(Area(FormFields.Result, "ผลการดำเนินการ", state.Field(FormFields.Result), "ทำอะไรไปแล้วบ้าง เช่น จัดอบรม ๒ ครั้ง ผู้เข้าร่วม ๔๕ คน"));
        html.Append(Area(FormFields.Outcome, "ผลลัพธ์หรือความสำเร็จ", state.Field(FormFields.Outcome), "ได้ผลอย่างไร เช่น บุคลากรร้อยละ ๙๐ ผ่านการทดสอบ"));
        html.Append(Area(FormFields.Problems, "ปัญหาอุปสรรค/ข้อเสนอแนะ", state.Field(FormFields.Problems), "ถ้าไม่มี เว้นว่างได้"));
        html.Append(Area(FormFields.Links, "ลิงก์หลักฐาน", state.Field(FormFields.Links), "บรรทัดละหนึ่งลิงก์ เช่น https://www.example.go.th/news/12", rows: 3,
            hint: $"ไม่เกิน {ThaiDigits.ToThai(FormFields.MaxLinks)} ลิงก์"));

        html.Append("<div class=\"field\"><label class=\"title\" for=\"files\">ไฟล์หลักฐาน</label>")
            .Append("<input type=\"file\" id=\"files\" name=\"").Append(FormFields.Files)
            .Append("\" multiple accept=\"image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/3gpp,.mp4,.mov,.3gp,application/pdf,.pdf,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\">")
            .Append("<p class=\"hint\">รูปภาพ (JPEG, PNG), วิดีโอ (MP4, MOV), PDF, Word หรือ Excel ไม่เกิน ").Append(ThaiDigits.ToThai(Tracking.Evidence.EvidenceLimits.MaxFilesPerReport))
            .Append(" ไฟล์ ไฟล์ละไม่เกิน ").Append(E(Tracking.Evidence.EvidenceLimits.Megabytes(Tracking.Evidence.EvidenceLimits.MaxFileBytes)))
            .Append(" (วิดีโอไม่เกิน ").Append(E(Tracking.Evidence.EvidenceLimits.Megabytes(Tracking.Evidence.EvidenceLimits.MaxVideoBytes)))
            .Append(") · ข้อมูลตำแหน่ง (GPS) ในรูปถ่ายและวิดีโอจะถูกลบออกก่อนเผยแพร่</p></div>\n");

        html.Append("<div class=\"buttons\">")
            .Append("<button type=\"submit\" class=\"preview\" name=\"").Append(FormFields.Action).Append("\" value=\"preview\" formnovalidate>ดูตัวอย่างในรายงาน</button>")
            .Append("<button type=\"submit\" class=\"send\" name=\"").Append(FormFields.Action).Append("\" value=\"send\">ส่งรายงาน</button>")
            .Append("</div>\n</form>\n");
        html.Append("<p class=\"muted\">ลิงก์นี้ออกให้ ").Append(E(target.PersonName ?? "ผู้ขอ")).Append(" เท่านั้น ใช้ได้ถึง ")
            .Append(E(ExpiryText(target.Link.ExpiresAtUtc))).Append(" น. กรุณาอย่าส่งต่อให้ผู้อื่น</p>\n");
        return End(html);
    }

    public static string Saved(FormTarget target, string? liffId, bool again)
    {
        var html = Start("บันทึกแล้ว", liffId);
        html.Append("<div class=\"done\"><p class=\"big\">✅</p><h1>")
            .Append(again ? "รายงานนี้บันทึกไว้แล้ว" : "บันทึกรายงานแล้ว").Append("</h1><p>")
            .Append(E($"{target.Measure.Code} {target.Measure.Title}")).Append("</p><p class=\"muted\">")
            .Append(again ? "กดส่งซ้ำ จึงไม่ได้บันทึกเพิ่มอีก" : "แจ้งในแชท LINE แล้ว ปิดหน้านี้ได้เลย")
            .Append("</p><p><a href=\"\">รายงานเพิ่มอีก</a></p></div>\n");
        return End(html);
    }

    public static string Refused(FormRefusal refusal)
    {
        var html = Start(refusal.Title, null);
        html.Append("<div class=\"done\"><p class=\"big\">⚠️</p><h1>").Append(E(refusal.Title)).Append("</h1><p>")
            .Append(E(refusal.Message).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p></div>\n");
        return End(html);
    }

    /// <summary>How the entry will read in the report: the status, result and problem cells of its row, as the report page prints them.</summary>
    public static string Preview(FormTarget target, FormDraft draft, IReadOnlyList<string> fileNames, DateOnly today)
    {
        ResultEntry[] Entry(string? text) => text is null ? [] : [new ResultEntry(today, text)];
        var line = new MeasureLine(
            target.Measure.Id, target.Measure.Code, target.Measure.Order, target.Measure.Issue, target.Measure.OitItem, target.Measure.Title,
            target.Measure.Steps, [], null,
            draft.Status is { } s ? ReportStatuses.From(s) : ReportStatus.AwaitingReport, draft.Reason, draft.ReasonText,
            Entry(draft.Result), Entry(draft.Outcome), Entry(draft.Problems), draft.Links,
            fileNames.Select((name, i) => new EvidenceFileLine(-1 - i, today, name, Tracking.Evidence.EvidenceKind.Pdf, "", 0)).ToList(),
            [], today, 1);
        // The preview is of an entry being written: its round is open.
        var cells = ReportTable.Row(line, new ReportRound(0, 0, Tracking.RoundKind.Custom, default, today, today, today, Tracking.RoundState.Open, null));
        var html = new StringBuilder("<section class=\"preview-box\" aria-live=\"polite\"><p><strong>ตัวอย่างรายการนี้ในรายงาน</strong> <span class=\"muted\">(ยังไม่ได้บันทึก)</span></p><table><thead><tr>");
        for (var i = ReportTable.StatusColumn; i < ReportText.ColumnHeaders.Count; i++) html.Append("<th>").Append(E(ReportText.ColumnHeaders[i].Replace("\u200B", ""))).Append("</th>");
        html.Append("</tr></thead><tbody><tr>");
        for (var i = ReportTable.StatusColumn; i < ReportText.ColumnHeaders.Count; i++)
        {
            html.Append("<td>");
            foreach (var cellLine in cells[i])
            {
                html.Append("<p>");
                if (cellLine.Bold) html.Append("<strong>");
                html.Append(E(cellLine.Text).Replace("\n", "<br>", StringComparison.Ordinal));
                if (cellLine.Bold) html.Append("</strong>");
                html.Append("</p>");
            }
            html.Append("</td>");
        }
        html.Append("</tr></tbody></table><p class=\"muted\">ชื่อผู้รายงานและเวลาไม่แสดงในรายงานที่เผยแพร่</p></section>");
        return html.ToString();
    }

    static void AppendMeasure(StringBuilder html, FormTarget target)
    {
        var m = target.Measure;
        var units = string.Join(", ", m.Responsible.OrderBy(r => r.Order).Select(r => r.Unit?.Name).OfType<string>());
        html.Append("<section class=\"measure\"><p class=\"muted\">").Append(E(RoundNames.WithYear(target.Round))).Append(" · ส่งภายใน ")
            .Append(E(ThaiCalendar.FormatShortDate(target.Round.DueDate))).Append("</p><h1>").Append(E(m.Code)).Append(' ').Append(E(m.Title)).Append("</h1>");
        if (units.Length > 0) html.Append("<p class=\"muted\">ผู้รับผิดชอบ: ").Append(E(units)).Append("</p>");
        html.Append("<p>สถานะล่าสุด: ").Append(E(target.Latest is { } latest ? latest.Status.Thai() : StatusNames.AwaitingReport)).Append("</p></section>\n");
    }

    static StringBuilder Start(string title, string? liffId)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n");
        if (liffId is not null) html.Append("<script src=\"").Append(FormEndpoints.LiffSdk).Append("\" defer></script>\n");
        html.Append("<script src=\"/f/form.js\" defer></script>\n</head>\n<body");
        if (liffId is not null) html.Append(" data-liff-id=\"").Append(E(liffId)).Append('"');
        html.Append(">\n<main>\n");
        return html;
    }

    static string End(StringBuilder html) => html.Append("</main>\n</body>\n</html>\n").ToString();

    static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">\n";

    static string Radio(string name, string value, string label, bool isChecked, bool disabled = false)
    {
        var id = $"{name}-{value}";
        return $"<label class=\"choice\" for=\"{E(id)}\"><input type=\"radio\" id=\"{E(id)}\" name=\"{E(name)}\" value=\"{E(value)}\"" +
               (isChecked ? " checked" : "") + (disabled ? " disabled" : "") + $"> {E(label)}</label>\n";
    }

    static string Area(string name, string label, string? value, string placeholder, int rows = 4, string? hint = null, bool inFieldset = false)
    {
        var area = $"<label class=\"title\" for=\"{E(name)}\">{E(label)}</label><textarea id=\"{E(name)}\" name=\"{E(name)}\" rows=\"{rows}\" placeholder=\"{E(placeholder)}\">{E(value)}</textarea>";
        if (name != FormFields.Links) hint ??= $"ไม่เกิน {ThaiDigits.ToThai(EntryText.MaxLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} ตัวอักษร บันทึกตามที่พิมพ์";
        if (hint is not null) area += $"<p class=\"hint\">{E(hint)}</p>";
        return inFieldset ? area : $"<div class=\"field\">{area}</div>\n";
    }

    static string ExpiryText(DateTime utc)
    {
        var at = Bangkok.ToBangkok(utc);
        return $"{ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(at))} {ThaiDigits.ToThai(at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))}";
    }
}
