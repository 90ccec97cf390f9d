using System.Security.Claims;
using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>What every dashboard page needs: the organizations, which one is shown, and recording a change.</summary>
public sealed class DashboardData(ItaBotDb db, TimeProvider time)
{
    public Task<List<Organization>> OrganizationsAsync(CancellationToken ct) =>
        db.Organizations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);

    /// <summary>The organization asked for, else the demo's, else the first.</summary>
    public static Organization? Pick(IReadOnlyList<Organization> organizations, int? id) =>
        organizations.FirstOrDefault(o => o.Id == id)
        ?? organizations.FirstOrDefault(o => o.Name == Import.DemoData.OrganizationName)
        ?? organizations.FirstOrDefault();

    /// <summary>Records a dashboard change (saved with it) as chat records its own: who, what, when, for which organization.</summary>
    public void Audit(ClaimsPrincipal user, int? organizationId, string action, string? detail)
    {
        var name = user.Identity?.Name ?? "?";
        AuditTrail.Record(db, time.GetUtcNow().UtcDateTime, organizationId, AuditTrail.DashboardChannel, "web", "admin:" + name, name, action, detail);
    }
}
