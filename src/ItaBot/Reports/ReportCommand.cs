using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reports;

/// <summary>
/// <c>report --org "&lt;name&gt;" --year 2568 --round 6m|12m|&lt;round id&gt; --out &lt;dir&gt; [--format pdf,docx,…|all] [--memo]</c>
/// writes the round report as ita-report-&lt;year&gt;-&lt;round&gt;.{html,docx,xlsx,csv,json} (or the formats asked for;
/// pdf through LibreOffice) and, with --memo, the approval memo ita-report-&lt;year&gt;-&lt;round&gt;-memo.docx, into the folder
/// and prints each path. Exit codes: 0 written, 1 nothing to report (unknown organization or round), 2 bad
/// arguments, 3 the PDF could not be made (LibreOffice missing or failing; the other files are written).
/// </summary>
public static class ReportCommand
{
    const string Usage = """
        วิธีใช้ / usage: report --org "<ชื่อหน่วยงาน>" --year 2568 --round 6m|12m|<รหัสรอบ> --out <โฟลเดอร์> [--format pdf,docx] [--memo]
          --org    ชื่อหน่วยงานตามที่บันทึกไว้ / organization name as stored
          --year   ปีงบประมาณ พ.ศ. / Buddhist Era fiscal year, e.g. 2568 or ๒๕๖๘
          --round  6m = รอบ ๖ เดือน, 12m = รอบ ๑๒ เดือน, or a custom round's id
          --out    โฟลเดอร์ที่จะเขียนไฟล์ / folder to write the files into (created if missing)
          --format html,docx,xlsx,csv,json,pdf หรือ all (ค่าเริ่มต้น: ทุกแบบยกเว้น pdf) / formats to write (default: all but pdf)
                   pdf ต้องมี LibreOffice / pdf needs LibreOffice: sudo apt-get install libreoffice-writer-nogui fonts-thai-tlwg
          --memo   บันทึกข้อความขออนุญาตเผยแพร่ด้วย / also write the approval memo (บันทึกข้อความ)
        """;

    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct) =>
        RunAsync(services, args, Console.Out, Console.Error, ct);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var options = new CommandArgs(args, "memo");
        var missing = new[] { "org", "year", "round", "out" }.Where(n => string.IsNullOrWhiteSpace(options[n])).ToList();
        if (missing.Count > 0)
            return Fail(stderr, 2, $"ขาดค่า {string.Join(", ", missing.Select(n => "--" + n))} / missing {string.Join(", ", missing.Select(n => "--" + n))}\n{Usage}");

        if (!ThaiDigits.TryParseInt(options["year"]!, out var year) || year is < 2400 or > 2800)
            return Fail(stderr, 2, $"--year \"{options["year"]}\" ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2568) / is not a Buddhist Era fiscal year (e.g. 2568)");
        if (!RoundKey.TryParse(options["round"], out var key))
            return Fail(stderr, 2, $"--round \"{options["round"]}\" ต้องเป็น 6m, 12m หรือรหัสรอบ / must be 6m, 12m or a round id");
        if (!TryParseFormats(options["format"], out var formats, out var unknown))
            return Fail(stderr, 2, $"--format \"{unknown}\" ไม่รู้จัก: ใช้ html, docx, xlsx, csv, json, pdf หรือ all / unknown format: use html, docx, xlsx, csv, json, pdf or all");

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var wanted = options["org"]!.Trim();
        var matches = organizations.Where(o => o.Name == wanted).ToList();
        if (matches.Count == 0) matches = organizations.Where(o => UnitNames.Normalize(o.Name) == UnitNames.Normalize(wanted)).ToList();
        if (matches.Count != 1)
        {
            var known = organizations.Count == 0 ? "(ยังไม่มีหน่วยงานในฐานข้อมูล / the database has no organization yet)"
                : string.Join(", ", organizations.Select(o => o.Name).Order().Take(20));
            return Fail(stderr, 1, $"ไม่พบหน่วยงาน \"{wanted}\" / organization not found. มีอยู่ / known: {known}");
        }
        var organization = matches[0];

        var compiler = scope.ServiceProvider.GetRequiredService<RoundReportCompiler>();
        var report = await compiler.CompileAsync(organization.Id, year, key, ct);
        if (report is null)
        {
            var rounds = await db.Rounds.AsNoTracking().Where(r => r.OrganizationId == organization.Id && r.FiscalYear == year).ToListAsync(ct);
            var known = rounds.Count == 0 ? "ไม่มีรอบใดในปีนี้ / no round in this year"
                : string.Join(", ", rounds.Select(r => $"{RoundKey.For(r)} ({r.Kind}, {r.State})"));
            return Fail(stderr, 1, $"ไม่พบรอบ {key} ปีงบประมาณ {year} ของ {organization.Name} / round not found. มีอยู่ / known: {known}");
        }

        var outDir = Path.GetFullPath(options["out"]!);
        Directory.CreateDirectory(outDir);
        var documents = scope.ServiceProvider.GetRequiredService<ReportDocuments>();
        var baseName = Path.GetFileNameWithoutExtension(ReportFormats.FileName(report.Round, ReportFormat.Html));
        // With Reports:PublicBaseUrl the files link evidence and cut cells to the published page; without it they name the files only.
        var page = scope.ServiceProvider.GetRequiredService<ReportUrls>().For(report)?.Page;
        var links = ReportDocuments.SiblingLinks(baseName, page, pdf: formats.Contains(ReportFormat.Pdf)) with { PagesAreFiles = true };
        foreach (var format in formats.Where(f => f != ReportFormat.Pdf))
        {
            // A large round's page is saved as several pages linked to each other, as the server splits it.
            var pages = format == ReportFormat.Html ? HtmlReportRenderer.PageCount(report) : 1;
            for (var p = 1; p <= pages; p++)
            {
                var path = Path.Combine(outDir, p == 1 ? ReportFormats.FileName(report.Round, format) : links.PageAddress(p));
                await using (var file = File.Create(path)) documents.Write(report, format, file, links, p);
                stdout.WriteLine(path);
            }
        }
        if (options.Has("memo"))
        {
            var path = Path.Combine(outDir, ReportDocuments.MemoName(baseName));
            var today = DateOnly.FromDateTime(Bangkok.ToBangkok(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
            await File.WriteAllBytesAsync(path, documents.RenderMemo(report, today), ct);
            stdout.WriteLine(path);
        }
        var exit = 0;
        if (formats.Contains(ReportFormat.Pdf))
        {
            var converter = scope.ServiceProvider.GetRequiredService<Pdf.LibreOfficeConverter>();
            var path = Path.Combine(outDir, ReportFormats.FileName(report.Round, ReportFormat.Pdf));
            try
            {
                var pdf = await converter.ConvertAsync(documents.Render(report, ReportFormat.Docx, links), ct);
                await File.WriteAllBytesAsync(path, pdf, ct);
                stdout.WriteLine(path);
            }
            catch (Exception e) when (e is Pdf.PdfUnavailableException or Pdf.PdfConversionException)
            {
                stderr.WriteLine(e is Pdf.PdfUnavailableException
                    ? $"ยังสร้าง PDF ไม่ได้: ไม่พบ LibreOffice ติดตั้งด้วย {Pdf.LibreOfficeConverter.InstallHint} / no PDF: LibreOffice is not installed"
                    : $"สร้าง PDF ไม่สำเร็จ / PDF conversion failed: {e.Message}");
                exit = 3;
            }
        }

        var all = report.Totals.All;
        stderr.WriteLine($"{report.Organization.Name} {year} {key}: {all.Total} มาตรการ / measures, แล้วเสร็จ / done {all.Done} ({all.PercentDone:0.0}%), รอรายงาน / awaiting {all.AwaitingReport}");
        if (scope.ServiceProvider.GetRequiredService<ReportUrls>().For(report) is { } urls)
            stderr.WriteLine($"URL: {urls.Page}");
        return exit;
    }

    static bool TryParseFormats(string? text, out List<ReportFormat> formats, out string? unknown)
    {
        unknown = null;
        formats = [.. ReportFormats.Rendered];
        if (string.IsNullOrWhiteSpace(text)) return true;
        formats = [];
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Equals("all", StringComparison.OrdinalIgnoreCase)) { formats.AddRange(ReportFormats.All); continue; }
            if (!ReportFormats.TryParseExtension(part.TrimStart('.'), out var format)) { unknown = part; return false; }
            formats.Add(format);
        }
        formats = [.. formats.Distinct()];
        return formats.Count > 0;
    }

    static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine(message);
        return code;
    }
}
