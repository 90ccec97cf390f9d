namespace ItaBot.Tests.Support;

/// <summary>A clock the test moves by hand. Timers fire when the clock passes their due time.</summary>
public sealed class FakeTimeProvider : TimeProvider
{
    readonly Lock _lock = new();
    readonly List<FakeTimer> _timers = [];
    DateTimeOffset _now;

    public FakeTimeProvider(DateTimeOffset start) => _now = start;

    /// <summary>Starts at a Bangkok wall-clock time, e.g. (2025, 3, 3, 9, 0).</summary>
    public static FakeTimeProvider AtBangkok(int year, int month, int day, int hour = 9, int minute = 0) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));

    public override DateTimeOffset GetUtcNow() { lock (_lock) return _now.ToUniversalTime(); }

    public override TimeZoneInfo LocalTimeZone => ItaBot.Thai.Bangkok.Zone;

    public void Advance(TimeSpan by) => SetUtcNow(GetUtcNow() + by);

    public void SetUtcNow(DateTimeOffset value)
    {
        List<FakeTimer> due;
        lock (_lock)
        {
            _now = value;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
        }
        foreach (var timer in due) timer.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        TimeSpan _period;
        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (owner._lock)
            {
                _period = period;
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : owner._now + dueTime;
                if (!owner._timers.Contains(this)) owner._timers.Add(this);
            }
            return true;
        }

        public void Fire()
        {
            lock (owner._lock)
            {
                DueAt = _period <= TimeSpan.Zero || _period == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : owner._now + _period;
            }
            callback(state);
        }

        public void Dispose() { lock (owner._lock) owner._timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
