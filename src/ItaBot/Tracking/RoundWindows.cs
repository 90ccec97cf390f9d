using ItaBot.Thai;

namespace ItaBot.Tracking;

/// <summary>
/// Which answers belong to a round, as agencies mean it: the 12-month round covers the whole fiscal year, so
/// a Done given in the 6-month round is still Done in the 12-month report. An answer counts for a round when
/// it is about one of the round's fiscal-year measures, was given by the round's cut-off, and either was dated
/// inside the round's window (from the window's first day up to the end of its last day, or up to its closing
/// instant once closed) or was filed under the round itself (answers given between the window's end and the
/// due date, which is when most agencies report). The latest counted answer is the measure's status.
/// </summary>
public static class RoundWindows
{
    /// <summary>00:00 Bangkok on the window's first day.</summary>
    public static DateTime StartUtc(Round round) => BangkokMidnightUtc(round.WindowStart);

    /// <summary>The last instant an answer filed under another round still counts: the closing instant once closed, else the end of the window's last day.</summary>
    public static DateTime EndUtc(Round round) =>
        round.State == RoundState.Closed && round.ClosedAtUtc is { } closed ? closed : BangkokMidnightUtc(round.WindowEnd.AddDays(1)).AddTicks(-1);

    /// <summary>Nothing after this counts: the closing instant of a closed round (its report never changes afterwards), else now.</summary>
    public static DateTime CutOffUtc(Round round, DateTime nowUtc) =>
        round.State == RoundState.Closed && round.ClosedAtUtc is { } closed ? closed : nowUtc;

    /// <summary>
    /// The answers that count for <paramref name="round"/> up to <paramref name="cutOffUtc"/> (see the class summary);
    /// withdrawn ones never do (<see cref="Withdrawals.NotWithdrawn"/>).
    /// </summary>
    public static IQueryable<StatusReport> Counted(IQueryable<StatusReport> reports, Round round, DateTime cutOffUtc)
    {
        var (roundId, organizationId, fiscalYear) = (round.Id, round.OrganizationId, round.FiscalYear);
        var start = StartUtc(round);
        var end = EndUtc(round);
        return reports.NotWithdrawn().Where(s => s.Measure!.OrganizationId == organizationId && s.Measure.FiscalYear == fiscalYear
            && s.ReportedAtUtc <= cutOffUtc
            && (s.RoundId == roundId || (s.ReportedAtUtc >= start && s.ReportedAtUtc <= end)));
    }

    static DateTime BangkokMidnightUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Bangkok.Zone);
}
