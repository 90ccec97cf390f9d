using System.Diagnostics;

namespace ItaBot.Line;

/// <summary>
/// Paces requests to a rate with a small burst. Runs on the real monotonic clock on purpose: it is about
/// how fast LINE is called, not about business time, so a test's fake clock must not stall it.
/// </summary>
public sealed class TokenBucket
{
    readonly Lock _lock = new();
    double _rate;
    double _burst;
    double _tokens;
    long _last = Stopwatch.GetTimestamp();

    public TokenBucket(double requestsPerSecond) => SetRate(requestsPerSecond);

    public double Rate => _rate;

    public void SetRate(double requestsPerSecond)
    {
        lock (_lock)
        {
            _rate = requestsPerSecond;
            // A tenth of a second of burst: a sender paused by a busy machine catches up instead of losing that time,
            // at the price of up to 10% more than the rate within some single second (hence the 1,800/s ceiling).
            _burst = Math.Max(1, requestsPerSecond / 10);
            _tokens = Math.Min(_tokens, _burst);
        }
    }

    public async ValueTask TakeAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                _tokens = Math.Min(_burst, _tokens + Stopwatch.GetElapsedTime(_last, now).TotalSeconds * _rate);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / _rate);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, ct);
        }
    }
}
