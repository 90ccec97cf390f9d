using Hangfire;
using Hangfire.Storage;

namespace ItaBot.Tests.Reminders;

/// <summary>What Hangfire's storage says ran: the way a test waits for a job without timing it.</summary>
public static class HangfireRuns
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <summary>Runs of <typeparamref name="TJob"/> that finished (succeeded or failed), across every server on the storage.</summary>
    public static int Finished<TJob>(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var succeeded = monitoring.SucceededJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(TJob));
        var failed = monitoring.FailedJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(TJob));
        return succeeded + failed;
    }

    public static int Failed<TJob>(JobStorage storage) =>
        storage.GetMonitoringApi().FailedJobs(0, 1000).Count(j => j.Value.Job?.Type == typeof(TJob));

    /// <summary>Waits (bounded) until at least <paramref name="runs"/> runs of the job finished and none is running.</summary>
    public static async Task WaitForAsync<TJob>(JobStorage storage, int runs)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (Finished<TJob>(storage) < runs || storage.GetMonitoringApi().ProcessingCount() > 0)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Hangfire finished {Finished<TJob>(storage)} run(s) of {typeof(TJob).Name}, not {runs}, within {Wait.TotalSeconds:0} s.");
            await Task.Delay(50);
        }
    }

    public static List<RecurringJobDto> Recurring(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }
}
