using ItaBot.Chat;
using ItaBot.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary><c>/admin/people</c>: heads and delegates who registered in chat (ลงทะเบียน), waiting for approval or decided.</summary>
public sealed class PeoplePageModel(DashboardData data, ItaBotDb db, TimeProvider time) : DashboardPage(data)
{
    public List<UnitPerson> Pending { get; private set; } = [];
    public List<UnitPerson> Decided { get; private set; } = [];

    [BindProperty] public int PersonId { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return;
        var people = await db.UnitPeople.AsNoTracking().Include(p => p.Unit).Where(p => p.Unit!.OrganizationId == Organization.Id)
            .OrderBy(p => p.Unit!.Name).ThenBy(p => p.RequestedAtUtc).ToListAsync(ct);
        Pending = people.Where(p => p.State == RegistrationState.Pending).ToList();
        Decided = people.Where(p => p.State != RegistrationState.Pending).ToList();
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) => DecideAsync(RegistrationState.Approved, ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) => DecideAsync(RegistrationState.Rejected, ct);

    async Task<IActionResult> DecideAsync(RegistrationState state, CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return NotFound();
        var person = await db.UnitPeople.Include(p => p.Unit).FirstOrDefaultAsync(p => p.Id == PersonId && p.Unit!.OrganizationId == Organization.Id, ct);
        if (person is null) return NotFound();
        person.State = state;
        person.DecidedByUserId = "admin:" + User.Identity!.Name;
        person.DecidedByName = User.Identity.Name;
        person.DecidedAtUtc = time.GetUtcNow().UtcDateTime;
        Audit(state == RegistrationState.Approved ? "approve" : "reject", $"#{person.Id} {person.UserId} → {person.Unit!.Name}");
        await db.SaveChangesAsync(ct);
        Flash = $"{(state == RegistrationState.Approved ? "อนุมัติ" : "ปฏิเสธ")} {person.DisplayName ?? person.UserId} ({person.Unit.Name}) แล้ว";
        return Redirect(Link("/admin/people"));
    }
}
