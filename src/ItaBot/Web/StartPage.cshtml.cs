using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Web;

/// <summary><c>/</c>: what ItaBot is, and where to go — the LINE simulator, the dashboard, the demo organization's reports.</summary>
public sealed class StartPageModel(ItaBotDb db, IServiceProvider services) : PageModel
{
    public sealed record ReportLink(string Label, string Href);

    public bool SimulatorOn { get; private set; }
    public string? DemoOrganization { get; private set; }
    public List<ReportLink> Reports { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        SimulatorOn = Simulator.SimulatorSetup.IsRunning(services) && Simulator.SimulatorSetup.IsFromThisMachine(HttpContext);
        // Only the demo organization's addresses are listed: a real agency's report address is theirs to publish.
        var demo = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Name == Import.DemoData.OrganizationName, ct);
        if (demo is null) return;
        DemoOrganization = demo.Name;
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.OrganizationId == demo.Id)
            .OrderByDescending(r => r.FiscalYear).ThenBy(r => r.WindowEnd).ToListAsync(ct);
        foreach (var round in rounds)
        {
            Reports.Add(new ReportLink(RoundNames.WithYear(round),
                ReportUrls.PagePath(demo.PublicToken, round.FiscalYear, RoundKey.For(round))));
        }
    }
}
