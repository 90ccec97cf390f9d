using ItaBot.Import;
using ItaBot.Thai;
using Microsoft.AspNetCore.Mvc;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/import</c>: upload a plan, see every table the import found — its header cells, the role each column
/// got and how sure the import is — change a column's role or choose the tables, look again, then save exactly
/// that file with exactly that mapping (audited). Nothing is written before "save".
/// </summary>
[RequestSizeLimit(PlanUploads.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = PlanUploads.MaxBytes + 256 * 1024)]
public sealed class ImportPageModel(DashboardData data, PlanImporter importer, PlanUploads uploads, TimeProvider time) : DashboardPage(data)
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? OrganizationName { get; set; }
    [BindProperty] public int? FiscalYear { get; set; }
    [BindProperty] public string? UploadId { get; set; }
    [BindProperty] public int Version { get; set; }

    /// <summary>Column number → the role chosen in its select ("" keeps what the import found).</summary>
    [BindProperty] public Dictionary<int, string?> Roles { get; set; } = [];

    /// <summary>The tables ticked "import this table".</summary>
    [BindProperty] public List<string> Tables { get; set; } = [];

    public ImportResult? Preview { get; private set; }
    public MappingChoice Choice { get; private set; } = MappingChoice.None;
    public IReadOnlyList<MappingColumn> Columns { get; private set; } = [];
    public string? Problem { get; private set; }

    /// <summary>A column as the mapping section shows it: what each table's header says there, and the role it has now.</summary>
    public sealed record MappingColumn(int Number, string Letter, IReadOnlyList<string> Headers, IReadOnlyList<ColumnKind> Roles, double Confidence, bool Mapped);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        OrganizationName ??= Organization?.Name;
        FiscalYear ??= ThaiCalendar.FiscalYearOf(Bangkok.Today(time));
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        var limit = Math.Min(PlanUploads.MaxBytes, importer.Limits.MaxFileBytes);
        if (Upload is null || Upload.Length == 0) { Problem = "เลือกไฟล์แผนก่อน (DOCX, DOC, ODT, XLSX, CSV หรือ JSON)"; return Page(); }
        if (Upload.Length > limit) { Problem = $"ไฟล์ใหญ่ {Megabytes(Upload.Length)} MB เกิน {Megabytes(limit)} MB ที่รับได้ จึงไม่ได้อ่าน"; return Page(); }
        if (string.IsNullOrWhiteSpace(OrganizationName) || FiscalYear is null) { Problem = "ระบุชื่อหน่วยงานและปีงบประมาณ (พ.ศ.)"; return Page(); }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var plan = new PlanFile(Path.GetFileName(Upload.FileName), buffer.ToArray());
        var upload = new PlanUploads.Upload(User.Identity!.Name!, plan, OrganizationName.Trim(), FiscalYear.Value, Version: 0);
        UploadId = uploads.Keep(upload);
        await PreviewAsync(upload, MappingChoice.None, ct);
        return Page();
    }

    /// <summary>Looks again with the columns and tables the administrator chose.</summary>
    public async Task<IActionResult> OnPostRemapAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (uploads.Find(UploadId, User.Identity!.Name!) is not { } upload) return Expired();
        // Ticking exactly the tables already read changes nothing; another set of ticks names the tables to read.
        var ticked = Tables.Distinct().ToList();
        var tables = upload.ReadTables is { } read && ticked.Order().SequenceEqual(read.Order()) ? upload.Choice?.Tables : ticked;
        if (ticked.Count == 0)
        {
            Problem = "ไม่ได้เลือกตารางใดเลย: เลือกอย่างน้อยหนึ่งตารางที่เป็นตารางมาตรการ";
            tables = upload.Choice?.Tables;
        }
        var (choice, problem) = MappingChoice.Read(Roles, tables);
        if (choice is null)
        {
            // Show the last preview again, with the reason the new choice was not used.
            await PreviewAsync(upload, upload.Choice ?? MappingChoice.None, ct);
            Problem = problem;
            return Page();
        }
        await PreviewAsync(upload, choice, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        var owner = User.Identity!.Name!;
        if (uploads.Find(UploadId, owner) is not { } upload) return Expired();
        if (upload.Version != Version)
        {
            // Another tab looked again with other columns: save only what this page showed.
            await PreviewAsync(upload, upload.Choice ?? MappingChoice.None, ct);
            Problem = "ตัวอย่างนี้เปลี่ยนไปแล้ว (ดูตัวอย่างใหม่ในอีกหน้าต่างหนึ่ง) ตรวจตัวอย่างด้านล่างอีกครั้งแล้วกดบันทึก";
            return Page();
        }
        var result = await importer.ImportAsync(upload.File, upload.Organization, upload.FiscalYear, dryRun: false, ct, upload.Mapping);
        if (!result.Succeeded)
        {
            Show(upload, upload.Choice ?? MappingChoice.None, result);
            return Page();
        }
        uploads.Forget(UploadId!, owner);
        await LoadOrganizationAsync(ct);
        var organization = Organizations.FirstOrDefault(o => o.Name == result.Organization);
        var mapping = upload.Choice is { IsEmpty: false } c ? $" ({c.Describe()})" : "";
        Data.Audit(User, organization?.Id, "import",
            $"{upload.File.Name}{mapping} → {result.Organization} {result.FiscalYear}: +{result.Counts.Created} ~{result.Counts.Updated} -{result.Counts.Removed.Count}");
        await HttpContext.RequestServices.GetRequiredService<Data.ItaBotDb>().SaveChangesAsync(ct);
        Flash = $"นำเข้า {upload.File.Name} แล้ว: เพิ่ม {result.Counts.Created} แก้ไข {result.Counts.Updated} ไม่เปลี่ยน {result.Counts.Unchanged} มาตรการ";
        return Redirect(organization is null ? "/admin" : $"/admin?org={organization.Id}");
    }

    async Task PreviewAsync(PlanUploads.Upload upload, MappingChoice choice, CancellationToken ct)
    {
        var mapping = choice.ToMapping();
        var result = await importer.ImportAsync(upload.File, upload.Organization, upload.FiscalYear, dryRun: true, ct, mapping);
        var read = (result.Tables ?? []).Where(t => t.Verdict is TableVerdict.Read or TableVerdict.Continued).Select(t => t.Key).ToList();
        var next = upload with { Mapping = mapping, Choice = choice, ReadTables = read, Version = upload.Version + 1 };
        uploads.Update(UploadId!, next);
        Show(next, choice, result);
    }

    void Show(PlanUploads.Upload upload, MappingChoice choice, ImportResult result)
    {
        Preview = result;
        Choice = choice;
        Version = upload.Version;
        Columns = ColumnsOf(result.Tables ?? []);
    }

    IActionResult Expired()
    {
        Problem = "ไฟล์ที่ดูตัวอย่างไว้หมดอายุแล้ว (เก็บไว้ ๓๐ นาที) หรือมีการอัปโหลดไฟล์ใหม่แทน กรุณาอัปโหลดอีกครั้ง";
        return Page();
    }

    /// <summary>
    /// The columns the mapping applies to: those of the tables read or asked about (a mapping names column numbers,
    /// and applies to every table read), else of every table whose header was seen.
    /// </summary>
    static List<MappingColumn> ColumnsOf(IReadOnlyList<TablePreview> tables)
    {
        var relevant = tables.Where(t => t.Verdict is TableVerdict.Read or TableVerdict.Continued or TableVerdict.Uncertain && t.Header.Count > 0).ToList();
        if (relevant.Count == 0) relevant = tables.Where(t => t.Header.Count > 0).ToList();
        return relevant.SelectMany(t => t.Header).GroupBy(h => h.Column).OrderBy(g => g.Key).Select(g =>
        {
            var first = g.First();
            var headers = g.Select(h => h.Text).Where(t => t.Length > 0).Distinct().ToList();
            return new MappingColumn(g.Key, first.Name, headers, first.Roles, first.Confidence, first.Mapped);
        }).ToList();
    }

    public static string VerdictText(TableVerdict verdict) => verdict switch
    {
        TableVerdict.Read => "อ่านเป็นตารางมาตรการ",
        TableVerdict.Continued => "อ่านต่อจากตารางก่อนหน้า (ไม่มีหัวตาราง)",
        TableVerdict.Uncertain => "ไม่แน่ใจว่าเป็นตารางมาตรการ: ตรวจบทบาทของคอลัมน์ แล้วติ๊ก “นำเข้าตารางนี้” เพื่อยืนยัน",
        _ => "ไม่ได้อ่าน",
    };

    public static string RolesText(IReadOnlyList<ColumnKind> roles) =>
        roles.Count == 0 ? "ไม่อ่าน" : string.Join(" + ", roles.Select(HeaderVocabulary.ThaiName));

    public static string Percent(double confidence) => ThaiDigits.ToThai((int)Math.Round(confidence * 100)) + "%";

    /// <summary>
    /// A problem as the dashboard says it: the import's advice for the command line (<c>--map</c>, <c>--table</c>)
    /// is what this page's selects and ticks do, so it is left out here.
    /// </summary>
    public static string ProblemText(ImportProblem problem)
    {
        var message = problem.Message;
        var advice = message.IndexOf(" — ถ้า", StringComparison.Ordinal);
        if (advice > 0 && message.IndexOf("--", advice, StringComparison.Ordinal) > 0) message = message[..advice];
        return problem.Where.Length > 0 ? $"{problem.Where}: {message}" : message;
    }

    public static string PeriodText(ImportedMeasure m) => m.Period is { } p
        ? ThaiCalendar.FormatPeriod(p.Start, p.End)
        : m.PeriodText is { Length: > 0 } ? "อ่านช่วงเวลาไม่ได้" : "ไม่มี";

    static string Megabytes(long bytes) => ThaiDigits.ToThai((bytes / (1024.0 * 1024)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
}
