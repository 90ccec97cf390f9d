namespace ItaBot.Chat;

/// <summary>The loop of the chat's sweepers: every <c>interval</c> of the app's clock, a failure logged and tried again next time.</summary>
static class PeriodicSweep
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, ILogger log, string what, Func<CancellationToken, Task> sweep, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(interval, time, stoppingToken); }
            catch (OperationCanceledException) { break; }
            try { await sweep(stoppingToken); }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "{What} failed; trying again in {Minutes} minutes", what, interval.TotalMinutes); }
        }
    }
}
