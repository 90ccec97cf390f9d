using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/measures/{id}</c>: everything said about one measure (every entry: status, what was done, who,
/// when, from where), its evidence links and files (photos as thumbnails), and — when Done has locked it — reopening it, with a reason, audited.
/// </summary>
public sealed class MeasurePageModel(DashboardData data, ItaBotDb db, EvidenceFiles evidence, TimeProvider time) : DashboardPage(data)
{
    public sealed record Entry(StatusReport Report, string Round, string Where, IReadOnlyList<EvidenceFileInfo> Files);

    public Measure? Measure { get; private set; }
    public List<Entry> History { get; } = [];
    public Round? CurrentRound { get; private set; }
    public bool Locked { get; private set; }
    public List<MeasureReopening> Reopenings { get; private set; } = [];

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostReopenAsync(int id, CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        var reason = EntryText.Keep(Reason, 500);
        if (reason.Text is null || reason.TooLong)
        {
            FlashError = reason.TooLong ? reason.TooLongMessage : "ระบุเหตุผลที่เปิดให้แก้ไขด้วย (จะบันทึกไว้ในประวัติ)";
            return Redirect(Link($"/admin/measures/{id}"));
        }
        var latest = CurrentRound is null ? null : (await MeasureStatuses.LatestInRoundAsync(db, CurrentRound, ct, [Measure!.Id])).GetValueOrDefault(Measure.Id);
        if (latest is null || !await MeasureLocks.IsLockedAsync(db, latest, ct))
        {
            FlashError = $"{Measure!.Code} ไม่ได้ถูกล็อก รายงานได้ตามปกติ";
            return Redirect(Link($"/admin/measures/{id}"));
        }
        db.MeasureReopenings.Add(new MeasureReopening
        {
            StatusReportId = latest.Id, MeasureId = Measure!.Id, RoundId = CurrentRound!.Id,
            ByUserId = "admin:" + User.Identity!.Name, ByName = User.Identity.Name, ChatId = AuditTrail.DashboardChannel, AtUtc = time.GetUtcNow().UtcDateTime,
        });
        Audit("reopen-measure", $"{Measure.Code} report {latest.Id}: {reason.Text}");
        await db.SaveChangesAsync(ct);
        Flash = $"เปิด {Measure.Code} ให้ผู้รับผิดชอบรายงานใหม่ได้แล้ว (เหตุผล: {reason.Text})";
        return Redirect(Link($"/admin/measures/{id}"));
    }

    async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        Measure = await db.Measures.AsNoTracking().Include(m => m.Responsible).ThenInclude(r => r.Unit)
            .FirstOrDefaultAsync(m => m.Id == id, ct);
        if (Measure is null) return false;
        if (Organization?.Id != Measure.OrganizationId)
        {
            OrgId = Measure.OrganizationId;
            await LoadOrganizationAsync(ct);
        }
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.OrganizationId == Measure.OrganizationId && r.FiscalYear == Measure.FiscalYear).ToListAsync(ct);
        CurrentRound = rounds.Where(r => r.State == RoundState.Open).OrderBy(r => r.DueDate).FirstOrDefault();
        var chats = await Data.ChatLabelsAsync(Measure.OrganizationId, ct);
        var reports = await db.StatusReports.AsNoTracking().Where(s => s.MeasureId == id).OrderByDescending(s => s.ReportedAtUtc).ThenByDescending(s => s.Id).ToListAsync(ct);
        var files = (await evidence.OfEntriesAsync(reports.Select(r => r.Id).ToList(), ct)).ToLookup(f => f.StatusReportId);
        foreach (var report in reports)
        {
            var round = rounds.FirstOrDefault(r => r.Id == report.RoundId);
            var where = DashboardData.Where(report.Source, report.ChatId, chats);
            History.Add(new Entry(report, round is null ? "" : RoundNames.WithYear(round), where, files[report.Id].ToList()));
        }
        Reopenings = await db.MeasureReopenings.AsNoTracking().Where(r => r.MeasureId == id).OrderByDescending(r => r.AtUtc).ToListAsync(ct);
        if (CurrentRound is not null)
        {
            var latest = (await MeasureStatuses.LatestInRoundAsync(db, CurrentRound, ct, [id])).GetValueOrDefault(id);
            Locked = await MeasureLocks.IsLockedAsync(db, latest, ct);
        }
        return true;
    }

    /// <summary>An evidence link is shown as a link only when it is one (http/https); anything else as text.</summary>
    public static bool IsWebLink(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https";
}
