using System.Globalization;
using System.Text;
using ItaBot.Reports;

namespace ItaBot.Tests.Reports;

/// <summary>A compiled report as plain lines, so a golden test shows every field a person would read.</summary>
static class ReportDump
{
    public static string Describe(RoundReport r)
    {
        var s = new StringBuilder();
        var round = r.Round;
        s.AppendLine($"{r.Organization.Name} | {round.FiscalYear} {round.Key} {round.Kind} {round.State} | {Iso(round.WindowStart)}..{Iso(round.WindowEnd)} | cut-off {Instant(r.CutOffUtc)}");
        foreach (var m in r.Measures)
        {
            s.AppendLine($"{m.Order}. {m.Code} {m.Status} | {m.Issue ?? "-"} | {m.OitItem ?? "-"} | {m.Title}");
            if (m.Steps.Count > 0) s.AppendLine($"   steps: {string.Join(" / ", m.Steps)}");
            s.AppendLine($"   units: {string.Join(", ", m.ResponsibleUnits)}");
            s.AppendLine($"   period: {m.Period ?? "-"}");
            if (m.Reason is not null || m.ReasonText is not null) s.AppendLine($"   reason: {m.Reason} {m.ReasonText}");
            foreach (var result in m.Results) s.AppendLine($"   result {Iso(result.Date)}: {result.Text}");
            foreach (var outcome in m.Outcomes) s.AppendLine($"   outcome {Iso(outcome.Date)}: {outcome.Text}");
            foreach (var problem in m.Problems) s.AppendLine($"   problems {Iso(problem.Date)}: {problem.Text}");
            if (m.EvidenceUrls.Count > 0) s.AppendLine($"   evidence: {string.Join(", ", m.EvidenceUrls)}");
            foreach (var file in m.EvidenceFiles) s.AppendLine($"   file {Iso(file.Date)}: {file.FileName} ({file.Kind}, {file.Length} bytes)");
            if (m.OwingUnits.Count > 0) s.AppendLine($"   owing: {string.Join(", ", m.OwingUnits)}");
            if (m.LastReportedOn is { } last) s.AppendLine($"   last: {Iso(last)} ({m.ReportCount} reports)");
        }
        s.AppendLine($"totals: {Counts(r.Totals.All)}");
        foreach (var unit in r.Totals.ByUnit) s.AppendLine($"unit {unit.Unit}: {Counts(unit.Counts)}");
        return s.ToString().ReplaceLineEndings("\n");
    }

    static string Counts(StatusCounts c) =>
        $"done={c.Done} inProgress={c.InProgress} notStarted={c.NotStarted} cannotProceed={c.CannotProceed} awaiting={c.AwaitingReport} total={c.Total} done%={c.PercentDone.ToString("0.0", CultureInfo.InvariantCulture)}";

    static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string Instant(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
