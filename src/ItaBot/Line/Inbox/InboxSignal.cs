namespace ItaBot.Line;

/// <summary>Wakes a worker early: after new rows are stored, or when a test wants it to look now.</summary>
public sealed class InboxSignal : WorkSignal;

/// <summary>Wakes the outbox sender after a push or reply is saved: both its lanes (replies, and everything else).</summary>
public sealed class OutboxSignal
{
    internal WorkSignal Replies { get; } = new();
    internal WorkSignal Pushes { get; } = new();

    public void Notify()
    {
        Replies.Notify();
        Pushes.Notify();
    }
}

public class WorkSignal
{
    readonly SemaphoreSlim _wake = new(0, 1);

    public void Notify()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already going to wake
    }

    /// <summary>Returns when notified or when <paramref name="timeout"/> passes on <paramref name="time"/>'s clock.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var woken = _wake.WaitAsync(cts.Token);
        var elapsed = Task.Delay(timeout, time, cts.Token);
        await Task.WhenAny(woken, elapsed);
        await cts.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
