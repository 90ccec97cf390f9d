using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Reports;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary><c>/admin</c>: the open round at a glance — per unit and per measure, who has not answered, the latest entries, what is overdue.</summary>
public sealed class OverviewModel(DashboardData data, ItaBotDb db, RoundReportCompiler compiler, LineUsageReport usage, TimeProvider time) : DashboardPage(data)
{
    public sealed record Entry(long Id, int MeasureId, string Code, string Status, string? Who, DateTime At, string Where, string? Result);

    public RoundReport? Report { get; private set; }
    public List<Entry> Latest { get; } = [];

    /// <summary>Who answered last and when, per measure: administrators see it here, the public report does not.</summary>
    public IReadOnlyDictionary<int, StatusReport> LastAnswer { get; private set; } = new Dictionary<int, StatusReport>();
    public IReadOnlyList<ChannelUsage> Usage { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool Overdue => Report is { Round.State: RoundState.Open } r && Today > r.Round.DueDate;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        Today = Thai.Bangkok.Today(time);
        Usage = await usage.ForMonthAsync(ct: ct);
        if (Organization is null) return;
        var round = await compiler.FindCurrentRoundAsync(Organization.Id, ct);
        if (round is null) return;
        Report = await compiler.CompileAsync(round, ct);
        LastAnswer = await MeasureStatuses.LatestInRoundAsync(db, round, ct);
        var chats = await Data.ChatLabelsAsync(Organization.Id, ct);
        var entries = await RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, DateTime.MaxValue))
            .OrderByDescending(s => s.ReportedAtUtc).ThenByDescending(s => s.Id).Take(15)
            .Select(s => new { s.Id, s.MeasureId, s.Measure!.Code, s.Status, s.ReporterName, s.ReportedAtUtc, s.Source, s.ChatId, s.Result })
            .ToListAsync(ct);
        foreach (var e in entries)
        {
            var where = DashboardData.Where(e.Source, e.ChatId, chats);
            Latest.Add(new Entry(e.Id, e.MeasureId, e.Code, e.Status.Thai(), e.ReporterName, e.ReportedAtUtc, where, e.Result));
        }
    }

    public static string When(DateTime utc) => Thai.ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(Thai.Bangkok.ToBangkok(utc))) + " " + Thai.Bangkok.ToBangkok(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string StatusClass(ReportStatus status) => status switch
    {
        ReportStatus.Done => "s-done",
        ReportStatus.InProgress => "s-progress",
        ReportStatus.CannotProceed => "s-cannot",
        ReportStatus.NotStarted => "s-notstarted",
        _ => "s-awaiting",
    };
}
