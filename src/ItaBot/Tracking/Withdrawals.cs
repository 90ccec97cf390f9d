namespace ItaBot.Tracking;

/// <summary>
/// Entries that were taken back stay in the history and count nowhere else. Every reader of status reports (the
/// current status, cards, reminders, the round report) goes through <see cref="NotWithdrawn"/>, and every
/// withdrawal through <see cref="Withdraw"/>.
/// </summary>
public static class Withdrawals
{
    /// <summary>The entries that count: those nobody withdrew.</summary>
    public static IQueryable<StatusReport> NotWithdrawn(this IQueryable<StatusReport> reports) =>
        reports.Where(r => r.WithdrawnAtUtc == null);

    public static bool IsWithdrawn(this StatusReport report) => report.WithdrawnAtUtc is not null;

    /// <summary>Marks the entry withdrawn (once; a second withdrawal keeps the first one's reason and time).</summary>
    public static void Withdraw(this StatusReport report, WithdrawalReason reason, DateTime atUtc, string? byUserId)
    {
        if (report.WithdrawnAtUtc is not null) return;
        report.WithdrawnAtUtc = atUtc;
        report.WithdrawnReason = reason;
        report.WithdrawnByUserId = byUserId;
    }
}
