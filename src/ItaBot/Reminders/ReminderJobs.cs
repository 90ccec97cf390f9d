using Quartz;

namespace ItaBot.Reminders;

/// <summary>
/// Every few minutes: send whatever reminder is due. One at a time per scheduler; a misfire (the app
/// was down) fires once at start, and the wave itself makes sure that is one catch-up, not a burst.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReminderWaveJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("reminder-wave", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(cancellationToken);
    }
}

/// <summary>Every morning: create this fiscal year's rounds, close rounds past due date + grace, and check each organization's quota estimate.</summary>
[DisallowConcurrentExecution]
public sealed class RoundsJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("rounds-daily", "reminders");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<RoundAutomation>().RunAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ReminderPolicies>().WarnWhereOverQuotaAsync(cancellationToken);
    }
}
