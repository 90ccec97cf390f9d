using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using ItaBot.Reports.Pdf;
using ItaBot.Web;

namespace ItaBot.Reports;

/// <summary>
/// The short pages the report address answers with when it has no file to give: not found, PDF not possible on
/// this server, PDF being prepared, too busy, conversion failed. Each says what to do in Thai (English below) and
/// links to the formats that do work.
/// </summary>
static class ReportNotices
{
    const string Style = "body { font-family: 'TH Sarabun New', 'TH SarabunPSK', 'Sarabun', 'Laksaman', sans-serif; font-size: 20px; line-height: 1.4; margin: 1.5rem; max-width: 40rem; } code { font-size: .8em; background: #f2f2f2; padding: .1rem .3rem; overflow-wrap: anywhere; } li { margin: .2rem 0; }";

    public static readonly string Policy = SecurityHeaders.InlineStylePolicy(Style);

    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IResult NotFound() => Page(StatusCodes.Status404NotFound, "ไม่พบรายงาน", """
        <h1>ไม่พบรายงานที่ขอ</h1>
        <p>ลิงก์อาจพิมพ์ไม่ครบ หรือยังไม่ได้เปิดรอบรายงานนี้ กรุณาขอลิงก์ใหม่จากผู้ประสานงาน ITA ของหน่วยงาน</p>
        <p lang="en">Report not found. The link may be incomplete, or this round has not been opened.</p>
        """);

    public static IResult PdfUnavailable(string baseName) => Page(StatusCodes.Status503ServiceUnavailable, "ยังไม่มีไฟล์ PDF", $"""
        <h1>เครื่องนี้ยังสร้างไฟล์ PDF ไม่ได้</h1>
        <p>ไฟล์ PDF สร้างด้วยโปรแกรม LibreOffice ซึ่งยังไม่ได้ติดตั้งบนเครื่องที่ให้บริการ ผู้ดูแลระบบติดตั้งได้ด้วยคำสั่ง</p>
        <p><code>{E(LibreOfficeConverter.InstallHint)}</code></p>
        <p>ระหว่างนี้ดาวน์โหลดรายงานในรูปแบบอื่นได้:</p>
        {Others(baseName)}
        <p lang="en">PDF files are made with LibreOffice, which is not installed on this server ({E(LibreOfficeConverter.InstallHint)}). The other formats above work.</p>
        """);

    public static IResult PdfPreparing(string baseName, int retrySeconds) => Page(StatusCodes.Status202Accepted, "กำลังจัดทำไฟล์ PDF", $"""
        <h1>กำลังจัดทำไฟล์ PDF</h1>
        <p>กรุณารอสักครู่ หน้านี้จะลองใหม่เองใน {retrySeconds} วินาที หรือเปิดลิงก์นี้อีกครั้งภายหลัง</p>
        {Others(baseName)}
        <p lang="en">The PDF is being prepared; this page tries again in {retrySeconds} seconds.</p>
        """, refreshSeconds: retrySeconds);

    public static IResult PdfBusy(string baseName, int retrySeconds) => Page(StatusCodes.Status503ServiceUnavailable, "มีผู้ขอไฟล์ PDF จำนวนมาก", $"""
        <h1>มีผู้ขอไฟล์ PDF จำนวนมากในขณะนี้</h1>
        <p>กรุณาเปิดลิงก์นี้อีกครั้งในอีกสักครู่ (หน้านี้จะลองใหม่เองใน {retrySeconds} วินาที)</p>
        {Others(baseName)}
        <p lang="en">Too many PDF requests at the moment; try again shortly.</p>
        """, refreshSeconds: retrySeconds, retryAfter: retrySeconds);

    public static IResult PdfFailed(string baseName, string problem) => Page(StatusCodes.Status500InternalServerError, "สร้างไฟล์ PDF ไม่สำเร็จ", $"""
        <h1>สร้างไฟล์ PDF ไม่สำเร็จ</h1>
        <p>ลองเปิดลิงก์นี้อีกครั้งภายหลัง หากยังไม่ได้ โปรดแจ้งผู้ดูแลระบบ ระหว่างนี้ดาวน์โหลดรายงานในรูปแบบอื่นได้:</p>
        {Others(baseName)}
        <p lang="en">The PDF conversion failed: {E(problem)}</p>
        """);

    static string Others(string baseName) =>
        $"<ul><li><a href=\"{E(baseName)}\">หน้ารายงาน (เว็บ)</a></li><li><a href=\"{E(baseName)}.docx\">Word (.docx)</a></li>"
        + $"<li><a href=\"{E(baseName)}.xlsx\">Excel (.xlsx)</a></li><li><a href=\"{E(baseName)}.csv\">CSV</a></li></ul>";

    static IResult Page(int status, string title, string body, int? refreshSeconds = null, int? retryAfter = null)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        if (refreshSeconds is { } seconds) html.Append("<meta http-equiv=\"refresh\" content=\"").Append(seconds).Append("\">");
        html.Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head>\n<body>\n").Append(body).Append("</body></html>\n");
        return new NoticeResult(status, html.ToString(), retryAfter);
    }

    static string E(string text) => Encoder.Encode(text);

    sealed class NoticeResult(int status, string html, int? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = Policy;
            http.Response.Headers.CacheControl = "no-store";
            if (retryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return http.Response.WriteAsync(html, Encoding.UTF8);
        }
    }
}
