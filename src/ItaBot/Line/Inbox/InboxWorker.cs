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
    InboxCrashes crashes,
    OutboxSender sender,
    OutboxSignal outboxSignal,
    TimeProvider time,
    IOptionsMonitor<LineOptions> options,
    ILogger<InboxWorker> log) : BackgroundService
{
    /// <summary>Events of one chat claimed together: handled one after another by one task, with no claim round between them.</summary>
    const int ChainLength = 16;

    readonly string _instance = Guid.NewGuid().ToString("N");
    readonly ConcurrentDictionary<Task, byte> _chains = new();
    /// <summary>Chats a chain of this instance is working through: never claimed again here meanwhile, even past a lease.</summary>
    readonly ConcurrentDictionary<string, byte> _busyChats = new();
    long _claims;
    DateTime _lastCleanup = DateTime.MinValue;

    enum Outcome { Done, Quiet, Failed, Stopped, Lost }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Inbox.HandleEvents)
        {
            log.LogInformation("Line__Inbox__HandleEvents is off: this instance stores webhook events but leaves handling to others");
            return;
        }
        await Task.Yield();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = 0;
                try
                {
                    started = await StartDueAsync(stoppingToken);
                    await CleanupAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                catch (Exception e) { log.LogError(e, "The LINE inbox worker failed a round; it tries again shortly"); }

                try
                {
                    // Woken by each stored webhook and by each chat whose events are done (its next one may be waiting). No
                    // fixed pause while work waits: someone is waiting for each answer. Real time on purpose: this paces work.
                    var free = options.CurrentValue.Inbox.Concurrency - _chains.Count;
                    if (started == 0 || free <= 0) await signal.WaitAsync(options.CurrentValue.Inbox.PollInterval, time, stoppingToken);
                    else if (options.CurrentValue.Inbox.BatchWindow > TimeSpan.Zero) await Task.Delay(options.CurrentValue.Inbox.BatchWindow, stoppingToken);
                }
                catch (OperationCanceledException) { break; }
            }
        }
        finally
        {
            // Chains see the stopping token between events and release what they have not started.
            await Task.WhenAll(_chains.Keys);
        }
    }

    /// <summary>
    /// Claims the chats whose first pending event is due, up to the free places (<c>Line__Inbox__Concurrency</c> chats
    /// at once), and starts a task per chat that handles its claimed events in order. Returns how many chats started.
    /// </summary>
    async Task<int> StartDueAsync(CancellationToken ct)
    {
        var free = options.CurrentValue.Inbox.Concurrency - _chains.Count;
        if (free <= 0) return 0;
        var claim = NewClaim();
        var chains = await ClaimAsync(claim, free, chat: null, ct);
        foreach (var chain in chains)
        {
            var task = Task.Run(() => RunChainAsync(chain, claim, ct), CancellationToken.None);
            _chains[task] = 0;
            _ = task.ContinueWith(t =>
            {
                _chains.TryRemove(t, out _);
                signal.Notify();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return chains.Count;
    }

    /// <summary>
    /// The worker's contexts commit without an fsync (<see cref="SqliteDurability"/>): claims, done marks and failures
    /// are only redone if lost in a power cut, and an event's answers wait for the flush of its commit.
    /// </summary>
    static ItaBotDb Worker(AsyncServiceScope scope)
    {
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.FlushesItself = true;
        return db;
    }

    string NewClaim() => $"{_instance}:{Interlocked.Increment(ref _claims)}";

    const string QueuedMark = "~";

    static string Queued(string claim) => claim + QueuedMark;

    /// <summary>
    /// Claims up to <paramref name="chats"/> chats (or only <paramref name="chat"/>): each chat's earliest pending event,
    /// if due, and the due events right after it in timestamp order. Only the earliest pending event of a chat may be
    /// handled, so a later one waits even while an earlier one backs off; the lease keeps other instances off the lot.
    /// </summary>
    async Task<List<List<InboxEvent>>> ClaimAsync(string claim, int chats, (string Channel, string ChatKey)? chat, CancellationToken ct)
    {
        var settings = options.CurrentValue.Inbox;
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = Worker(scope);
        var pending = db.LineInbox.Where(e => e.State == InboxState.Pending);
        if (chat is { } only) pending = pending.Where(e => e.Channel == only.Channel && e.ChatKey == only.ChatKey);
        else if (!_busyChats.IsEmpty)
        {
            var busy = _busyChats.Keys.ToList();
            pending = pending.Where(e => !busy.Contains(e.ChatKey));
        }
        var heads = await pending
            .Where(e => e.NextAttemptAtUtc <= now && (e.LeaseUntilUtc == null || e.LeaseUntilUtc < now))
            .Where(e => !db.LineInbox.Any(p => p.Channel == e.Channel && p.ChatKey == e.ChatKey && p.State == InboxState.Pending
                && (p.EventTimestamp < e.EventTimestamp || (p.EventTimestamp == e.EventTimestamp && p.Id < e.Id))))
            .OrderBy(e => e.EventTimestamp)
            .Select(e => new { e.Id, e.Channel, e.ChatKey })
            .Take(chats)
            .ToListAsync(ct);
        if (heads.Count == 0) return [];

        // Each chat's pending events in order, from its head: the chain is the head and the due, unleased ones after it.
        var keys = heads.Select(h => h.ChatKey).Distinct().ToList();
        var queued = await db.LineInbox.AsNoTracking()
            .Where(e => e.State == InboxState.Pending && keys.Contains(e.ChatKey))
            .OrderBy(e => e.EventTimestamp).ThenBy(e => e.Id)
            .Select(e => new { e.Id, e.Channel, e.ChatKey, Free = e.NextAttemptAtUtc <= now && (e.LeaseUntilUtc == null || e.LeaseUntilUtc < now) })
            .ToListAsync(ct);
        var wanted = new List<List<long>>();
        foreach (var head in heads)
        {
            var mine = queued.Where(e => e.Channel == head.Channel && e.ChatKey == head.ChatKey).ToList();
            // An earlier event stored meanwhile (LINE's order is not guaranteed): this chat waits for the next look.
            if (mine.Count == 0 || mine[0].Id != head.Id) continue;
            wanted.Add(mine.TakeWhile(e => e.Free).Take(ChainLength).Select(e => e.Id).ToList());
        }
        var ids = wanted.SelectMany(w => w).ToList();
        if (ids.Count == 0) return [];

        // The heads are leased to the claim, the events queued behind them to the claim marked as queued: a process that
        // dies counts a crash only against the events it was handling, never against those merely waiting in a chain.
        var headIds = wanted.Select(w => w[0]).ToList();
        var queuedClaim = Queued(claim);
        var leaseUntil = now + settings.Lease;
        using (await SqliteWriteGate.EnterAsync(db))
            await db.LineInbox
                .Where(e => ids.Contains(e.Id) && e.State == InboxState.Pending && (e.LeaseUntilUtc == null || e.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s
                    // Every way out of handling clears the lease; one left behind means the process died handling it.
                    .SetProperty(e => e.Crashes, e => e.LeaseOwner != null && !e.LeaseOwner.EndsWith(QueuedMark) ? e.Crashes + 1 : e.Crashes)
                    .SetProperty(e => e.LeaseOwner, e => headIds.Contains(e.Id) ? claim : queuedClaim)
                    .SetProperty(e => e.LeaseUntilUtc, leaseUntil), ct);
        // By key: LeaseOwner has no index, and a scan of the whole inbox per round would cost more than the round.
        var claimed = (await db.LineInbox.AsNoTracking().Where(e => ids.Contains(e.Id) && (e.LeaseOwner == claim || e.LeaseOwner == queuedClaim)).ToListAsync(ct))
            .ToDictionary(e => e.Id);
        var crashing = claimed.Values.Where(e => e.Crashes >= settings.MaxCrashes).ToList();
        if (crashing.Count > 0)
        {
            await crashes.ParkAsync(crashing, claim, ct);
            foreach (var e in crashing) claimed.Remove(e.Id);
        }

        var chains = new List<List<InboxEvent>>();
        var stray = new List<long>();
        foreach (var chain in wanted)
        {
            // Another instance won this chat's head: whatever of it came to us goes back, so its order stays whole.
            var got = chain.TakeWhile(claimed.ContainsKey).Select(id => claimed[id]).ToList();
            stray.AddRange(chain.Skip(got.Count).Where(claimed.ContainsKey));
            if (got.Count > 0) chains.Add(got);
        }
        if (stray.Count > 0) await ReleaseAsync(stray, claim);
        return chains;
    }

    /// <summary>
    /// One chat's claimed events, one after another, each in its own transaction; then that chat's next events, if
    /// any arrived meanwhile. The answers of an event are sent after its commit while the next event is handled, but
    /// never before the previous event's answers (order per chat).
    /// </summary>
    async Task RunChainAsync(List<InboxEvent> chain, string claim, CancellationToken ct)
    {
        var chat = (chain[0].Channel, chain[0].ChatKey);
        _busyChats[chat.ChatKey] = 0;
        var quiet = new List<long>();
        var sending = Task.CompletedTask;
        try
        {
            while (chain.Count > 0)
            {
                for (var i = 0; i < chain.Count; i++)
                {
                    var row = chain[i];
                    var (outcome, answers, durable) = ct.IsCancellationRequested ? (Outcome.Stopped, [], Task.CompletedTask) : await HandleOneAsync(row, claim, quiet, ct);
                    if (outcome == Outcome.Quiet) { quiet.Add(row.Id); continue; }
                    if (outcome == Outcome.Done)
                    {
                        quiet.Clear(); // marked done in this event's transaction
                        if (answers.Count > 0) sending = SendAfterAsync(sending, durable, answers);
                        continue;
                    }
                    // Failed (retried later), taken over by another instance (its lease ran out) or stopping: the chat's
                    // later events must wait behind this one.
                    await ReleaseAsync(chain.Skip(i + (outcome == Outcome.Stopped ? 0 : 1)).Select(e => e.Id).ToList(), claim);
                    return;
                }
                await MarkQuietAsync(quiet, claim);
                if (ct.IsCancellationRequested) return;
                claim = NewClaim();
                chain = (await ClaimAsync(claim, 1, chat, ct)).FirstOrDefault() ?? [];
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            log.LogError(e, "The LINE inbox worker failed on a chat's events; its leases run out and they are taken again");
        }
        finally
        {
            try { await MarkQuietAsync(quiet, claim); }
            catch (Exception e) { log.LogWarning(e, "Marking events that changed nothing as done failed; they are handled again"); }
            _busyChats.TryRemove(chat.ChatKey, out _);
            await sending;
        }
    }

    /// <summary>Events whose handling changed nothing (most group chatter), marked done together: one commit for the lot.</summary>
    async Task MarkQuietAsync(List<long> quiet, string claim)
    {
        if (quiet.Count == 0) return;
        var ids = quiet.ToList();
        quiet.Clear();
        await using var scope = scopes.CreateAsyncScope();
        var db = Worker(scope);
        using (await SqliteWriteGate.EnterAsync(db))
            await MarkDone(db, ids, claim, time.GetUtcNow().UtcDateTime, CancellationToken.None);
    }

    static Task<int> MarkDone(ItaBotDb db, List<long> ids, string claim, DateTime handledAt, CancellationToken ct)
    {
        var queued = Queued(claim);
        // Usually one event: by its key alone, so the statement's text does not depend on how many there are.
        var only = ids.Count == 1 ? ids[0] : 0;
        var events = only != 0 ? db.LineInbox.Where(e => e.Id == only) : db.LineInbox.Where(e => ids.Contains(e.Id));
        return events
            .Where(e => e.LeaseOwner == claim || e.LeaseOwner == queued)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, InboxState.Done)
                .SetProperty(e => e.Attempts, e => e.Attempts + 1)
                .SetProperty(e => e.HandledAtUtc, handledAt)
                .SetProperty(e => e.LastError, (string?)null)
                .SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.LeaseUntilUtc, (DateTime?)null), ct);
    }

    /// <summary>Gives claimed events back unhandled (no attempt counted), so they are taken again in order.</summary>
    async Task ReleaseAsync(List<long> ids, string claim)
    {
        if (ids.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = Worker(scope);
        var queued = Queued(claim);
        using var turn = await SqliteWriteGate.EnterAsync(db);
        await db.LineInbox
            .Where(e => ids.Contains(e.Id) && (e.LeaseOwner == claim || e.LeaseOwner == queued))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseOwner, (string?)null).SetProperty(e => e.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// Handles one claimed event in one transaction: the handler's changes, its outbox rows, the done mark (and those
    /// of the chat's earlier events that changed nothing) commit together. Quiet when the handler changed nothing.
    /// </summary>
    async Task<(Outcome Outcome, List<long> Answers, Task Durable)> HandleOneAsync(InboxEvent row, string claim, List<long> quietBefore, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = Worker(scope);
        // The answers are sent from here right after the commit (SendAfterAsync), not by the sender's next round.
        scope.ServiceProvider.GetRequiredService<Outbox>().SentByCaller = true;
        var attempt = row.Attempts + 1;
        try
        {
            var context = new LineEventContext(row.Channel, LineEvent.Parse(row.RawJson, row.WebhookEventId), attempt, row.ReceivedAtUtc, scope.ServiceProvider);
            var handler = scope.ServiceProvider.GetRequiredService<ILineEventHandler>();
            await handler.PrepareAsync(context, ct);

            var saved = false;
            db.SavedChanges += (_, _) => saved = true;
            // This process's next write turn (webhook stores go first), then SQLite's write lock for the event.
            using (await SqliteWriteGate.EnterAsync(db))
            {
                await using (var transaction = await db.Database.BeginTransactionAsync(ct))
                {
                    await handler.HandleAsync(context, ct);
                    if (!saved && !db.ChangeTracker.HasChanges()) return (Outcome.Quiet, [], Task.CompletedTask);

                    await db.SaveChangesAsync(ct);
                    // The done mark holds only while this claim still owns the event (and the chat's quiet ones before it):
                    // if the lease ran out and another instance took the event over, nothing of this attempt is kept.
                    List<long> ids = [.. quietBefore, row.Id];
                    if (await MarkDone(db, ids, claim, time.GetUtcNow().UtcDateTime, ct) != ids.Count)
                    {
                        await transaction.RollbackAsync(ct);
                        log.LogWarning("LINE event {Id} was taken over by another instance while being handled; this attempt is undone", row.WebhookEventId);
                        return (Outcome.Lost, [], Task.CompletedTask);
                    }
                    await transaction.CommitAsync(ct);
                }
            }
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            if (outbox.QueuedInBulk) outboxSignal.Notify(); // a reminder wave the event started: the sender's rounds send it
            var answers = outbox.Added.Select(m => m.Id).ToList();
            // Committed without an fsync: the answers leave only once the commit is on disk (the flush runs while the
            // chat's next event is handled).
            return (Outcome.Done, answers, answers.Count > 0 ? SqliteDurability.FlushAsync(db) : Task.CompletedTask);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: not the event's fault, so no attempt is counted and the next start takes it at once (the caller releases it).
            return (Outcome.Stopped, [], Task.CompletedTask);
        }
        catch (Exception e)
        {
            await FailAsync(row, attempt, claim, e);
            return (Outcome.Failed, [], Task.CompletedTask);
        }
    }

    /// <summary>An event's replies and pushes go right after its commit, after the chat's previous answers; if this fails the sender's next round sends them.</summary>
    async Task SendAfterAsync(Task previous, Task durable, List<long> ids)
    {
        await previous;
        try
        {
            await durable;
            await sender.SendNowAsync(ids, CancellationToken.None);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Sending an event's answers at once failed; the outbox sender sends them on its next round");
            outboxSignal.Notify();
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
        var db = Worker(scope);
        var queued = Queued(claim);
        using var turn = await SqliteWriteGate.EnterAsync(db);
        await db.LineInbox
            .Where(e => e.Id == row.Id && (e.LeaseOwner == claim || e.LeaseOwner == queued))
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
