using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reports;

/// <summary>
/// Builds a <see cref="RoundReport"/> from the database in three queries (round, measures with their
/// units, the round's reports in time order). A closed round is cut off at its closing instant, so
/// reports that arrive later never change a report that may already be published.
/// </summary>
public sealed class RoundReportCompiler(ItaBotDb db, TimeProvider time)
{
    /// <summary>The round of an organization's fiscal year named by <paramref name="key"/>; null when there is none.</summary>
    public async Task<Round?> FindRoundAsync(int organizationId, int fiscalYear, RoundKey key, CancellationToken ct = default)
    {
        var rounds = db.Rounds.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.FiscalYear == fiscalYear);
        rounds = key.Kind == RoundKind.Custom
            ? rounds.Where(r => r.Id == key.CustomRoundId && r.Kind == RoundKind.Custom)
            : rounds.Where(r => r.Kind == key.Kind);
        // Should a round be opened twice by mistake, the newest one is the report.
        return await rounds.OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>The round an administrator most likely means by "สรุป": the open one ending last, else the last closed one.</summary>
    /// <summary>The round chat reports go to (<see cref="Rounds.CurrentAsync"/>), else the latest closed one.</summary>
    public async Task<Round?> FindCurrentRoundAsync(int organizationId, CancellationToken ct = default) =>
        await Rounds.CurrentAsync(db, organizationId, ct)
        ?? await db.Rounds.AsNoTracking()
            .Where(r => r.OrganizationId == organizationId)
            .OrderByDescending(r => r.WindowEnd)
            .ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);

    public async Task<RoundReport?> CompileAsync(int organizationId, int fiscalYear, RoundKey key, CancellationToken ct = default)
    {
        var round = await FindRoundAsync(organizationId, fiscalYear, key, ct);
        return round is null ? null : await CompileAsync(round, ct);
    }

    public async Task<RoundReport?> CompileAsync(int roundId, CancellationToken ct = default)
    {
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is null ? null : await CompileAsync(round, ct);
    }

    public async Task<RoundReport> CompileAsync(Round round, CancellationToken ct = default)
    {
        var organization = await db.Organizations.AsNoTracking()
            .Where(o => o.Id == round.OrganizationId)
            .Select(o => new ReportOrganization(o.Id, o.Name, o.PublicToken))
            .SingleAsync(ct);

        var cutOff = round.State == RoundState.Closed && round.ClosedAtUtc is { } closedAt
            ? closedAt
            : time.GetUtcNow().UtcDateTime;

        var measuresQuery = db.Measures.AsNoTracking()
            .Where(m => m.OrganizationId == round.OrganizationId && m.FiscalYear == round.FiscalYear);
        // A measure added to the plan after the round closed was not part of that round.
        if (round.State == RoundState.Closed) measuresQuery = measuresQuery.Where(m => m.CreatedAtUtc <= cutOff);
        var measures = await measuresQuery
            .OrderBy(m => m.Order).ThenBy(m => m.Id)
            .Select(m => new MeasureRow(
                m.Id, m.Code, m.Order, m.Issue, m.OitItem, m.Title, m.Steps, m.PeriodStart, m.PeriodEnd, m.PeriodText,
                m.Responsible.OrderBy(r => r.Order).ThenBy(r => r.UnitId).Select(r => r.Unit!.Name).ToList()))
            .ToListAsync(ct);

        var reports = await db.StatusReports.AsNoTracking().NotWithdrawn()
            .Where(s => s.RoundId == round.Id && s.ReportedAtUtc <= cutOff)
            .OrderBy(s => s.ReportedAtUtc).ThenBy(s => s.Id)
            .Select(s => new ReportRow(
                s.MeasureId, s.Status, s.Reason, s.ReasonText, s.Result, s.Outcome, s.Problems, s.EvidenceUrls, s.ReporterName, s.ReportedAtUtc))
            .ToListAsync(ct);
        var reportsByMeasure = reports.ToLookup(r => r.MeasureId);

        var lines = measures.Select(m => Line(m, reportsByMeasure[m.Id].ToList())).ToList();

        return new RoundReport(
            organization,
            new ReportRound(round.Id, round.FiscalYear, round.Kind, RoundKey.For(round), round.WindowStart, round.WindowEnd, round.DueDate, round.State, round.ClosedAtUtc),
            cutOff,
            lines,
            Totals(lines));
    }

    static MeasureLine Line(MeasureRow m, List<ReportRow> reports)
    {
        var period = !string.IsNullOrWhiteSpace(m.PeriodText) ? m.PeriodText.Trim()
            : m.PeriodStart is { } start && m.PeriodEnd is { } end ? ThaiCalendar.FormatPeriod(start, end)
            : null;

        if (reports.Count == 0)
        {
            return new MeasureLine(
                m.Id, m.Code, m.Order, m.Issue, m.OitItem, m.Title, m.Steps, m.Units, period,
                ReportStatus.AwaitingReport, null, null, [], null, null, [], m.Units, null, null, 0);
        }

        var latest = reports[^1];
        var results = new List<ResultEntry>();
        string? previous = null;
        foreach (var report in reports)
        {
            var text = report.Result?.Trim();
            if (string.IsNullOrEmpty(text) || text == previous) continue;
            results.Add(new ResultEntry(DateOnly.FromDateTime(Bangkok.ToBangkok(report.ReportedAtUtc)), text));
            previous = text;
        }

        var evidence = reports.SelectMany(r => r.EvidenceUrls)
            .Select(u => u.Trim())
            .Where(u => u.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var cannotProceed = latest.Status == MeasureStatus.CannotProceed;
        return new MeasureLine(
            m.Id, m.Code, m.Order, m.Issue, m.OitItem, m.Title, m.Steps, m.Units, period,
            ReportStatuses.From(latest.Status),
            cannotProceed ? latest.Reason : null,
            cannotProceed ? Blank(latest.ReasonText) : null,
            results,
            LatestGiven(reports, r => r.Outcome),
            LatestGiven(reports, r => r.Problems),
            evidence,
            [],
            latest.ReportedAtUtc,
            latest.ReporterName,
            reports.Count);
    }

    static string? LatestGiven(List<ReportRow> reports, Func<ReportRow, string?> field)
    {
        for (var i = reports.Count - 1; i >= 0; i--)
            if (Blank(field(reports[i])) is { } text) return text;
        return null;
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static ReportTotals Totals(List<MeasureLine> lines)
    {
        // Units are listed in the order the plan first names them, as the agency reads its own plan.
        var units = new List<string>();
        var statusesByUnit = new Dictionary<string, List<ReportStatus>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            foreach (var unit in line.ResponsibleUnits.Distinct(StringComparer.Ordinal))
            {
                if (!statusesByUnit.TryGetValue(unit, out var statuses))
                {
                    statusesByUnit[unit] = statuses = [];
                    units.Add(unit);
                }
                statuses.Add(line.Status);
            }
        }
        return new ReportTotals(
            StatusCounts.Of(lines.Select(l => l.Status)),
            units.Select(u => new UnitTotals(u, StatusCounts.Of(statusesByUnit[u]))).ToList());
    }

    sealed record MeasureRow(
        int Id, string Code, int Order, string? Issue, string? OitItem, string Title, List<string> Steps,
        DateOnly? PeriodStart, DateOnly? PeriodEnd, string? PeriodText, List<string> Units);

    sealed record ReportRow(
        int MeasureId, MeasureStatus Status, CannotProceedReason? Reason, string? ReasonText, string? Result,
        string? Outcome, string? Problems, List<string> EvidenceUrls, string? ReporterName, DateTime ReportedAtUtc);
}
