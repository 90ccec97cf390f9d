using ItaBot.Data;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reports;

/// <summary>
/// Builds a <see cref="RoundReport"/> from the database in a few queries (round, measures with their units, the
/// answers counted for the round in time order, their evidence files). A round counts every answer of its
/// window, whichever round it was filed under (<see cref="RoundWindows"/>); a closed round is cut off at its
/// closing instant, so answers that arrive later never change a report that may already be published.
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

    /// <summary>The round an administrator means by "สรุป" (<see cref="Rounds.ShownAsync"/>).</summary>
    public Task<Round?> FindCurrentRoundAsync(int organizationId, CancellationToken ct = default) =>
        Rounds.ShownAsync(db, organizationId, ct);

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

        var cutOff = RoundWindows.CutOffUtc(round, time.GetUtcNow().UtcDateTime);

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

        // Who answered and at what time stays out: the report is public (administrators see it in chat).
        var counted = RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, cutOff);
        var reports = await counted
            .OrderBy(s => s.ReportedAtUtc).ThenBy(s => s.Id)
            .Select(s => new ReportRow(
                s.Id, s.MeasureId, s.Status, s.Reason, s.ReasonText, s.Result, s.Outcome, s.Problems, s.EvidenceUrls, s.ReportedAtUtc))
            .ToListAsync(ct);
        var files = (await db.EvidenceFiles.AsNoTracking()
                // A file attached after a round closed was not part of what that round reported.
                .Where(f => counted.Any(s => s.Id == f.StatusReportId) && f.CreatedAtUtc <= cutOff)
                .OrderBy(f => f.Id)
                .Select(f => new FileRow(f.Id, f.StatusReportId, f.FileName, f.Kind, f.ContentType, f.Length, f.Sha256))
                .ToListAsync(ct))
            .ToLookup(f => f.StatusReportId);
        var reportsByMeasure = reports.ToLookup(r => r.MeasureId);

        var lines = measures.Select(m => Line(m, reportsByMeasure[m.Id].ToList(), files)).ToList();

        return new RoundReport(
            organization,
            new ReportRound(round.Id, round.FiscalYear, round.Kind, RoundKey.For(round), round.WindowStart, round.WindowEnd, round.DueDate, round.State, round.ClosedAtUtc),
            cutOff,
            lines,
            Totals(lines));
    }

    static MeasureLine Line(MeasureRow m, List<ReportRow> reports, ILookup<long, FileRow> files)
    {
        var period = !string.IsNullOrWhiteSpace(m.PeriodText) ? m.PeriodText.Trim()
            : m.PeriodStart is { } start && m.PeriodEnd is { } end ? ThaiCalendar.FormatPeriod(start, end)
            : null;

        if (reports.Count == 0)
        {
            return new MeasureLine(
                m.Id, m.Code, m.Order, m.Issue, m.OitItem, m.Title, m.Steps, m.Units, period,
                ReportStatus.AwaitingReport, null, null, [], [], [], [], [], m.Units, null, 0);
        }

        var latest = reports[^1];
        var cannotProceed = latest.Status == MeasureStatus.CannotProceed;
        var (reason, reasonText) = cannotProceed
            ? EntryHistory.CannotProceedReasonOf(reports.Select(r => (r.Status, r.Reason, r.ReasonText)).ToList())
            : (null, null);

        var evidenceFiles = new List<EvidenceFileLine>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in reports)
            foreach (var file in files[report.Id])
                if (seenFiles.Add(file.Sha256))
                    evidenceFiles.Add(new EvidenceFileLine(file.Id, DateOf(report), file.FileName, file.Kind, file.ContentType, file.Length));

        return new MeasureLine(
            m.Id, m.Code, m.Order, m.Issue, m.OitItem, m.Title, m.Steps, m.Units, period,
            ReportStatuses.From(latest.Status),
            reason,
            reasonText,
            Entries(reports, r => r.Result),
            Entries(reports, r => r.Outcome),
            Entries(reports, r => r.Problems),
            reports.SelectMany(r => r.EvidenceUrls).Select(u => u.Trim()).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            evidenceFiles,
            [],
            DateOf(latest),
            reports.Count);
    }

    static List<ResultEntry> Entries(List<ReportRow> reports, Func<ReportRow, string?> field) =>
        EntryHistory.OwnTexts(reports.Select(r => (DateOf(r), field(r)))).Select(t => new ResultEntry(t.Date, t.Text)).ToList();

    static DateOnly DateOf(ReportRow report) => DateOnly.FromDateTime(Bangkok.ToBangkok(report.ReportedAtUtc));

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
        long Id, int MeasureId, MeasureStatus Status, CannotProceedReason? Reason, string? ReasonText, string? Result,
        string? Outcome, string? Problems, List<string> EvidenceUrls, DateTime ReportedAtUtc);

    sealed record FileRow(long Id, long StatusReportId, string FileName, Tracking.Evidence.EvidenceKind Kind, string ContentType, long Length, string Sha256);
}
