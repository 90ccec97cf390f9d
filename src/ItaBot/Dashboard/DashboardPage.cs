using ItaBot.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItaBot.Dashboard;

/// <summary>A dashboard page: signed-in administrators only (see <see cref="DashboardSetup"/>), about one organization.</summary>
public abstract class DashboardPage(DashboardData data) : PageModel
{
    protected DashboardData Data => data;

    [BindProperty(SupportsGet = true, Name = "org")]
    public int? OrgId { get; set; }

    public List<Organization> Organizations { get; private set; } = [];
    public Organization? Organization { get; private set; }

    [TempData]
    public string? Flash { get; set; }

    [TempData]
    public string? FlashError { get; set; }

    protected async Task LoadOrganizationAsync(CancellationToken ct)
    {
        Organizations = await data.OrganizationsAsync(ct);
        Organization = DashboardData.Pick(Organizations, OrgId);
        OrgId = Organization?.Id;
    }

    protected void Audit(string action, string? detail) => data.Audit(User, Organization?.Id, action, detail);

    public string Link(string path) => OrgId is { } id ? $"{path}{(path.Contains('?') ? '&' : '?')}org={id}" : path;
}
