using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/reports</c>: every round's files (page, PDF, DOCX, XLSX, CSV, JSON, the approval memo), and the public
/// page's address to paste into the agency's website.
/// </summary>
public sealed class ReportsPageModel(DashboardData data, ItaBotDb db, ReportUrls urls, Reports.Pdf.ReportPdfs pdfs) : DashboardPage(data)
{
    /// <summary>Whether this server can make PDFs (LibreOffice found); without it the PDF address says how to install it.</summary>
    public bool PdfAvailable => pdfs.IsAvailable;

    public sealed record RoundFiles(Round Round, ReportLinks Links);

    public List<RoundFiles> Rounds { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return;
        var baseUrl = urls.BaseUrl(Request);
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.OrganizationId == Organization.Id)
            .OrderByDescending(r => r.FiscalYear).ThenByDescending(r => r.WindowEnd).ToListAsync(ct);
        foreach (var round in rounds)
            Rounds.Add(new RoundFiles(round, ReportUrls.Build(baseUrl, Organization.PublicToken, round.FiscalYear, RoundKey.For(round))));
    }
}
