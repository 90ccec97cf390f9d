namespace ItaBot.Data;

/// <summary>
/// Start-up's one-off work goes on after the app is ready: Hangfire's first wave, the LINE simulator setting its
/// chats up through the webhook, the first requests. The GC keeps the heap it grew for that work committed, though
/// little of it stays alive (bench … startup: ~20 MB committed for ~6 MB live), and the C heap keeps the JIT's
/// freed scratch memory. Once the process has been quiet for a moment (little allocated in a second), that memory
/// is handed back, once (<see cref="HeapTrim"/>); a busy start gives up after a minute.
/// </summary>
public sealed class MemoryAfterStart(IHostApplicationLifetime lifetime, ILogger<MemoryAfterStart> log) : IHostedService
{
    /// <summary>Allocated in one second by an app that is idle: timers, Hangfire's polling.</summary>
    const long QuietBytesPerSecond = 512 * 1024;

    static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(1);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => TrimWhenQuietAsync(lifetime.ApplicationStopping)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task TrimWhenQuietAsync(CancellationToken ct)
    {
        try
        {
            var started = Environment.TickCount64;
            var allocated = GC.GetTotalAllocatedBytes();
            // A quiet second, twice in a row: one quiet second can fall between the simulator's setup steps.
            var quiet = 0;
            while (quiet < 2 && Environment.TickCount64 - started < GiveUpAfter.TotalMilliseconds)
            {
                // Real time on purpose: this is about the process, not business time (a test's fake clock must not stall it).
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                var now = GC.GetTotalAllocatedBytes();
                quiet = now - allocated < QuietBytesPerSecond ? quiet + 1 : 0;
                allocated = now;
            }
            if (quiet < 2) return;
            var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
            HeapTrim.Now();
            log.LogDebug("Start-up settled: GC heap committed {Before:N0} → {After:N0} bytes", before, GC.GetGCMemoryInfo().TotalCommittedBytes);
        }
        catch (OperationCanceledException) { }
    }
}
