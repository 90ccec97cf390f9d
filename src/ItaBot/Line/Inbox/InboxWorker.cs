using System.Collections.Concurrent;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>
/// Handles stored webhook events: per chat in timestamp order, each event once. Woken by every webhook
/// (and by <see cref="InboxSignal"/>), and on a timer for retries and events a stopped instance left behind.
/// Several instances may run on one database: an event is claimed with an atomic UPDATE and a lease, so
/// only one instance handles it, and another takes over if that instance dies.
/// Each event is one transaction owned here: the handler's changes, its replies and pushes (outbox rows) and the
/// event's done mark commit together or not at all, so a crash or a retry never does anything twice or loses it;
/// the answers are sent right after the commit.
/// </summary>
public sealed class InboxWorker(
    IServiceScopeFactory scopes,
    InboxSignal signal,
    OutboxSender sender,
    InboxCrashes crashes,
    TimeProvider time,
    IOptionsMonitor<LineOptions> options,
    ILogger<InboxWorker> log) : BackgroundService
{
    readonly string _instance = Guid.NewGuid().ToString("N");
    long _claims;
    DateTime _lastCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Inbox.HandleEvents)
        {
            log.LogInformation("Line__Inbox__HandleEvents is off: this instance stores webhook events but leaves handling to others");
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var handled = 0;
            try
            {
                handled = await HandleDueAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "The LINE inbox worker failed a round; it tries again shortly"); }

            try
            {
                // Idle, a message is handled the moment it is stored: someone is waiting for the answer. While events
                // keep coming (the last round found some), let those arriving together be claimed and marked done
                // together: a round per webhook would spend the database's write lock (and the webhook's latency) on
                // tiny commits. Real time on purpose: this paces work, it is not business time.
                if (handled == 0) await signal.WaitAsync(options.CurrentValue.Inbox.PollInterval, time, stoppingToken);
                else await Task.Delay(options.CurrentValue.Inbox.BatchWindow, stoppingToken);
            }
            catch (OperationCanceledException) { break; }
        }
    }

    /// <summary>Claims the events that are due and first in their chat, and handles them. Returns how many.</summary>
    public async Task<int> HandleDueAsync(CancellationToken ct)
    {
        var settings = options.CurrentValue.Inbox;
        var now = time.GetUtcNow().UtcDateTime;
        var claim = $"{_instance}:{Interlocked.Increment(ref _claims)}";
        List<InboxEvent> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var candidates = await db.LineInbox
                .Where(e => e.State == InboxState.Pending && e.NextAttemptAtUtc <= now && (e.LeaseUntilUtc == null || e.LeaseUntilUtc < now))
                // Only the earliest pending event of each chat: a later one waits, even while the earlier one backs off.
                .Where(e => !db.LineInbox.Any(p => p.Channel == e.Channel && p.ChatKey == e.ChatKey && p.State == InboxState.Pending
                    && (p.EventTimestamp < e.EventTimestamp || (p.EventTimestamp == e.EventTimestamp && p.Id < e.Id))))
                .OrderBy(e => e.EventTimestamp)
                .Select(e => e.Id)
                .Take(settings.Concurrency * 64)
                .ToListAsync(ct);
            if (candidates.Count == 0) return 0;

            var leaseUntil = now + settings.Lease;
            await Bookkeeping.WithoutFlushAsync(db, () => db.LineInbox
                .Where(e => candidates.Contains(e.Id) && e.State == InboxState.Pending && (e.LeaseUntilUtc == null || e.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s
                    // Every way out of handling clears the lease; one left behind means the process died handling it.
                    .SetProperty(e => e.Crashes, e => e.LeaseOwner != null ? e.Crashes + 1 : e.Crashes)
                    .SetProperty(e => e.LeaseOwner, claim)
                    .SetProperty(e => e.LeaseUntilUtc, leaseUntil), ct));
            // By key: LeaseOwner has no index, and a scan of the whole inbox per round would cost more than the round.
            claimed = await db.LineInbox.AsNoTracking().Where(e => candidates.Contains(e.Id) && e.LeaseOwner == claim).ToListAsync(ct);
        }
        var crashing = claimed.Where(e => e.Crashes >= settings.MaxCrashes).ToList();
        if (crashing.Count > 0)
        {
            await crashes.ParkAsync(crashing, claim, ct);
            claimed = claimed.Except(crashing).ToList();
        }

        var quiet = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = ct },
            async (row, token) =>
            {
                if (await HandleOneAsync(row, claim, token)) quiet.Add(row.Id);
            });

        if (!quiet.IsEmpty)
        {
            // Events whose handling changed nothing in the database (most group chatter) are marked done together:
            // one commit for the lot instead of one each.
            var ids = quiet.ToList();
            var handledAt = time.GetUtcNow().UtcDateTime;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            await Bookkeeping.WithoutFlushAsync(db, () => db.LineInbox
                .Where(e => ids.Contains(e.Id) && e.LeaseOwner == claim)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.State, InboxState.Done)
                    .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                    .SetProperty(e => e.HandledAtUtc, handledAt)
                    .SetProperty(e => e.LastError, (string?)null)
                    .SetProperty(e => e.LeaseOwner, (string?)null)
                    .SetProperty(e => e.LeaseUntilUtc, (DateTime?)null), CancellationToken.None));
        }
        return claimed.Count;
    }

    /// <summary>Handles one claimed event; true when the handler changed nothing (the caller marks those done together).</summary>
    async Task<bool> HandleOneAsync(InboxEvent row, string claim, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var attempt = row.Attempts + 1;
        try
        {
            var context = new LineEventContext(row.Channel, LineEvent.Parse(row.RawJson, row.WebhookEventId), attempt, row.ReceivedAtUtc, scope.ServiceProvider);
            var handler = scope.ServiceProvider.GetRequiredService<ILineEventHandler>();
            await handler.PrepareAsync(context, ct);

            var saved = false;
            db.SavedChanges += (_, _) => saved = true;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await handler.HandleAsync(context, ct);
                if (!saved && !db.ChangeTracker.HasChanges()) return true;

                db.LineInbox.Attach(row);
                row.State = InboxState.Done;
                row.Attempts = attempt;
                row.HandledAtUtc = time.GetUtcNow().UtcDateTime;
                row.LeaseOwner = null;
                row.LeaseUntilUtc = null;
                row.LastError = null;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            await SendAnswersAsync(scope.ServiceProvider.GetRequiredService<Outbox>());
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: not the event's fault, so no attempt is counted and the next start takes it at once.
            await using var release = scopes.CreateAsyncScope();
            await release.ServiceProvider.GetRequiredService<ItaBotDb>().LineInbox
                .Where(e => e.Id == row.Id && e.LeaseOwner == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
            return false;
        }
        catch (Exception e)
        {
            await FailAsync(row, attempt, claim, e);
            return false;
        }
    }

    /// <summary>The event's replies and pushes go now rather than at the sender's next round; if this fails they wait for it.</summary>
    async Task SendAnswersAsync(Outbox outbox)
    {
        if (outbox.Added.Count == 0) return;
        try
        {
            await sender.SendNowAsync(outbox.Added.Select(m => m.Id).ToList(), CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Sending an event's answers at once failed; the outbox sender sends them on its next round");
        }
    }

    async Task FailAsync(InboxEvent row, int attempts, string claim, Exception error)
    {
        var settings = options.CurrentValue.Inbox;
        var parked = attempts >= settings.MaxAttempts;
        var message = Clip($"{error.GetType().Name}: {error.Message}", 2000);
        var next = time.GetUtcNow().UtcDateTime + Backoff.Delay(attempts, settings.RetryBaseDelay, settings.RetryMaxDelay);
        if (parked)
            log.LogError(error, "LINE event {Id} ({Type}) failed {Attempts} times and is parked; later events of its chat go on", row.WebhookEventId, row.EventType, attempts);
        else
            log.LogWarning(error, "LINE event {Id} ({Type}) failed attempt {Attempts}; retrying at {Next:u}", row.WebhookEventId, row.EventType, attempts, next);

        // A fresh context: the failed one may hold the handler's half-made changes, which must not be saved.
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineInbox
            .Where(e => e.Id == row.Id && e.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, parked ? InboxState.Parked : InboxState.Pending)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.NextAttemptAtUtc, next)
                .SetProperty(e => e.LastError, message)
                .SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    async Task CleanupAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return;
        _lastCleanup = now;
        var before = now - options.CurrentValue.Inbox.KeepHandledFor;
        await using var scope = scopes.CreateAsyncScope();
        var removed = await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineInbox
            .Where(e => e.State == InboxState.Done && e.HandledAtUtc < before)
            .ExecuteDeleteAsync(ct);
        if (removed > 0) log.LogInformation("Removed {Count} handled LINE events older than {Before:u}", removed, before);
    }

    static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>Exponential backoff with jitter, so many failed items do not all retry at the same instant.</summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 20));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        // "Equal jitter": at least half the delay, so retries still spread out but never come too soon.
        return TimeSpan.FromMilliseconds(capped / 2 + Random.Shared.NextDouble() * capped / 2);
    }
}
