using System.Collections.Concurrent;

namespace ItaBot.Line;

/// <summary>
/// Guessing an operator key: after <see cref="MaxWrong"/> wrong keys from one address within <see cref="Window"/>,
/// that address is answered 429 (whatever key it sends) until the window has passed, so a guess cannot be told
/// right from wrong while it is blocked. Only wrong keys count; the operator's own polling never trips it.
/// </summary>
public sealed class WrongKeyLimiter(TimeProvider time)
{
    public const int MaxWrong = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    const int MaxTracked = 10_000;

    readonly ConcurrentDictionary<string, (int Count, DateTimeOffset Since)> _wrong = new();

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? Blocked(string address)
    {
        if (!_wrong.TryGetValue(address, out var entry)) return null;
        var left = entry.Since + Window - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            _wrong.TryRemove(address, out _);
            return null;
        }
        return entry.Count >= MaxWrong ? left : null;
    }

    public void Wrong(string address)
    {
        var now = time.GetUtcNow();
        if (_wrong.Count >= MaxTracked)
            foreach (var (key, value) in _wrong)
                if (value.Since + Window <= now) _wrong.TryRemove(key, out _);
        _wrong.AddOrUpdate(address, (1, now), (_, e) => e.Since + Window <= now ? (1, now) : (e.Count + 1, e.Since));
    }
}
