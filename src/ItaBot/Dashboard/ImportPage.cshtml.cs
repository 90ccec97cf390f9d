using ItaBot.Import;
using Microsoft.AspNetCore.Mvc;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/import</c>: upload a plan (DOCX, XLSX, CSV, JSON), see what it would do — measures, units, warnings,
/// problems naming the row and column — then save exactly that file. Nothing is written before "save".
/// </summary>
[RequestSizeLimit(PlanUploads.MaxBytes + 256 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = PlanUploads.MaxBytes + 256 * 1024)]
public sealed class ImportPageModel(DashboardData data, PlanImporter importer, PlanUploads uploads, TimeProvider time) : DashboardPage(data)
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? OrganizationName { get; set; }
    [BindProperty] public int? FiscalYear { get; set; }
    [BindProperty] public string? UploadId { get; set; }

    public ImportResult? Preview { get; private set; }
    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        OrganizationName ??= Organization?.Name;
        FiscalYear ??= Thai.ThaiCalendar.FiscalYearOf(Thai.Bangkok.Today(time));
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Upload is null || Upload.Length == 0) { Problem = "เลือกไฟล์แผนก่อน (DOCX, XLSX, CSV หรือ JSON)"; return Page(); }
        if (Upload.Length > PlanUploads.MaxBytes) { Problem = $"ไฟล์ใหญ่เกิน {PlanUploads.MaxBytes / 1024 / 1024} MB"; return Page(); }
        if (string.IsNullOrWhiteSpace(OrganizationName) || FiscalYear is null) { Problem = "ระบุชื่อหน่วยงานและปีงบประมาณ (พ.ศ.)"; return Page(); }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var plan = new PlanFile(Path.GetFileName(Upload.FileName), buffer.ToArray());
        Preview = await importer.ImportAsync(plan, OrganizationName, FiscalYear.Value, dryRun: true, ct);
        if (Preview.Succeeded) UploadId = uploads.Keep(new PlanUploads.Upload(User.Identity!.Name!, plan, OrganizationName, FiscalYear.Value));
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (uploads.Find(UploadId, User.Identity!.Name!) is not { } upload)
        {
            Problem = "ไฟล์ที่ดูตัวอย่างไว้หมดอายุแล้ว (เก็บไว้ ๓๐ นาที) กรุณาอัปโหลดอีกครั้ง";
            return Page();
        }
        var result = await importer.ImportAsync(upload.File, upload.Organization, upload.FiscalYear, dryRun: false, ct);
        if (!result.Succeeded)
        {
            Preview = result;
            return Page();
        }
        uploads.Forget(UploadId!);
        await LoadOrganizationAsync(ct);
        var organization = Organizations.FirstOrDefault(o => o.Name == result.Organization);
        Data.Audit(User, organization?.Id, "import", $"{upload.File.Name} → {result.Organization} {result.FiscalYear}: +{result.Counts.Created} ~{result.Counts.Updated} -{result.Counts.Removed.Count}");
        await HttpContext.RequestServices.GetRequiredService<Data.ItaBotDb>().SaveChangesAsync(ct);
        Flash = $"นำเข้า {upload.File.Name} แล้ว: เพิ่ม {result.Counts.Created} แก้ไข {result.Counts.Updated} ไม่เปลี่ยน {result.Counts.Unchanged} มาตรการ";
        return Redirect(organization is null ? "/admin" : $"/admin?org={organization.Id}");
    }
}
