using Hangfire;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// Every few minutes: send whatever reminder is due. Hangfire resolves it from the app's services, one
/// scope per run. Two runs at once (two instances, a start-up catch-up beside the schedule) are safe: each
/// reminder's key is claimed with its outbox row, so the later run finds it taken. A failed run is not
/// retried; the next one comes within minutes and plans from the clock again.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class ReminderWaveJob(ReminderWave wave)
{
    public const string Id = "reminder-wave";

    public async Task RunAsync(CancellationToken cancellationToken) => await wave.RunAsync(cancellationToken);
}

/// <summary>
/// Every morning: create this fiscal year's rounds, close rounds past due date + grace, and check each
/// organization's quota estimate. Rounds have no unique key a second instance would trip over, so runs
/// never overlap, across instances too (Hangfire's lock in the shared storage).
/// </summary>
[AutomaticRetry(Attempts = 3)]
[DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
public sealed class RoundsJob(RoundAutomation rounds, ReminderPolicies policies)
{
    public const string Id = "rounds-daily";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await rounds.RunAsync(cancellationToken);
        await policies.WarnWhereOverQuotaAsync(cancellationToken);
    }
}
