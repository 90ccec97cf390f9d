namespace ItaBot.Simulator;

/// <summary>
/// The app's clock while the simulator runs: real time plus an offset the simulator's "advance time" control
/// moves forward (never back), so reminders, escalations and round closing can be watched in minutes.
/// Timers and stopwatches keep real time: only the date and time the app reads move.
/// </summary>
public sealed class SimulatorClock(TimeProvider real) : TimeProvider
{
    long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => real.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long TimestampFrequency => real.TimestampFrequency;

    public override long GetTimestamp() => real.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "Time only moves forward.");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Restores the offset kept from an earlier run, so the app's clock never goes back after a restart.</summary>
    public void Restore(TimeSpan offset)
    {
        if (offset > Offset) Interlocked.Exchange(ref _offsetTicks, offset.Ticks);
    }
}
