using ItaBot.Cli;
using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reports;

/// <summary>
/// <c>report --org "&lt;name&gt;" --year 2568 --round 6m|12m|&lt;round id&gt; --out &lt;dir&gt;</c> writes the round report as
/// ita-report-&lt;year&gt;-&lt;round&gt;.{html,docx,xlsx,csv,json} into the folder and prints each path.
/// Exit codes: 0 written, 1 nothing to report (unknown organization or round), 2 bad arguments.
/// </summary>
public static class ReportCommand
{
    const string Usage = """
        วิธีใช้ / usage: report --org "<ชื่อหน่วยงาน>" --year 2568 --round 6m|12m|<รหัสรอบ> --out <โฟลเดอร์>
          --org    ชื่อหน่วยงานตามที่บันทึกไว้ / organization name as stored
          --year   ปีงบประมาณ พ.ศ. / Buddhist Era fiscal year, e.g. 2568 or ๒๕๖๘
          --round  6m = รอบ ๖ เดือน, 12m = รอบ ๑๒ เดือน, or a custom round's id
          --out    โฟลเดอร์ที่จะเขียนไฟล์ / folder to write the files into (created if missing)
        """;

    public static Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken ct) =>
        RunAsync(services, args, Console.Out, Console.Error, ct);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var options = new CommandArgs(args);
        var missing = new[] { "org", "year", "round", "out" }.Where(n => string.IsNullOrWhiteSpace(options[n])).ToList();
        if (missing.Count > 0)
            return Fail(stderr, 2, $"ขาดค่า {string.Join(", ", missing.Select(n => "--" + n))} / missing {string.Join(", ", missing.Select(n => "--" + n))}\n{Usage}");

        if (!ThaiDigits.TryParseInt(options["year"]!, out var year) || year is < 2400 or > 2800)
            return Fail(stderr, 2, $"--year \"{options["year"]}\" ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2568) / is not a Buddhist Era fiscal year (e.g. 2568)");
        if (!RoundKey.TryParse(options["round"], out var key))
            return Fail(stderr, 2, $"--round \"{options["round"]}\" ต้องเป็น 6m, 12m หรือรหัสรอบ / must be 6m, 12m or a round id");

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
        var links = ReportDocuments.SiblingLinks(baseName, page);
        foreach (var format in ReportFormats.All)
        {
            var path = Path.Combine(outDir, ReportFormats.FileName(report.Round, format));
            await using (var file = File.Create(path)) documents.Write(report, format, file, links);
            stdout.WriteLine(path);
        }

        var all = report.Totals.All;
        stderr.WriteLine($"{report.Organization.Name} {year} {key}: {all.Total} มาตรการ / measures, แล้วเสร็จ / done {all.Done} ({all.PercentDone:0.0}%), รอรายงาน / awaiting {all.AwaitingReport}");
        if (scope.ServiceProvider.GetRequiredService<ReportUrls>().For(report) is { } urls)
            stderr.WriteLine($"URL: {urls.Page}");
        return 0;
    }

    static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine(message);
        return code;
    }
}
