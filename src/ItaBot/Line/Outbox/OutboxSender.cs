using System.Collections.Concurrent;
using System.Threading.Channels;
using ItaBot.Data;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>
/// Drains the outbox per channel in two lanes: replies (their tokens live a minute, so they never wait behind a big
/// reminder wave) and everything else at a configured rate. Per chat, rows still go out one at a time in the order
/// queued, whichever lane. A push keeps its retry key for life, so a retry after a timeout is never delivered twice
/// (LINE answers 409, which counts as sent); it is retried with capped backoff until it is sent or stale
/// (<see cref="OutboxDrops"/>). A reply is retried with its token while the token lives; 401/403 and "monthly limit
/// reached" stop the channel and raise an <see cref="OutboxAlert"/>; what LINE refuses as malformed is not retried,
/// and the chat is told in a short text. A channel without an access token is skipped: its messages wait.
/// Rows are claimed with an atomic UPDATE and a lease, so several instances can share one database.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    LineChannels channels,
    GroupSizes groupSizes,
    OutboxDrops drops,
    TimeProvider time,
    IOptionsMonitor<LineOptions> options,
    ILogger<OutboxSender> log) : BackgroundService
{
    /// <summary>A reply that could not be sent is tried again this soon (its token has a minute at most).</summary>
    static readonly TimeSpan ReplyLanePoll = TimeSpan.FromSeconds(1);

    readonly string _instance = Guid.NewGuid().ToString("N");
    readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    long _claims;
    DateTime _lastCleanup = DateTime.MinValue;

    enum Lane { Replies, Pushes }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Outbox.Send)
        {
            log.LogInformation("Line__Outbox__Send is off: this instance queues messages but does not send them");
            return;
        }
        await Task.Yield();
        await Task.WhenAll(RunAsync(Lane.Replies, signal.Replies, stoppingToken), RunAsync(Lane.Pushes, signal.Pushes, stoppingToken));
    }

    async Task RunAsync(Lane lane, WorkSignal wake, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendLaneAsync(lane, stoppingToken);
                if (lane == Lane.Pushes) await HousekeepingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "The LINE outbox sender failed a round of {Lane}; it tries again shortly", lane); }

            if (sent == 0)
            {
                try { await wake.WaitAsync(lane == Lane.Replies ? ReplyLanePoll : options.CurrentValue.Outbox.PollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>One round of both lanes and the housekeeping (stale rows dropped, drops reported). Returns how many requests were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = await SendLaneAsync(Lane.Replies, ct) + await SendLaneAsync(Lane.Pushes, ct);
        await HousekeepingAsync(ct);
        return sent;
    }

    async Task<int> SendLaneAsync(Lane lane, CancellationToken ct)
    {
        IReadOnlySet<string> blocked;
        await using (var scope = scopes.CreateAsyncScope())
            blocked = await scope.ServiceProvider.GetRequiredService<OutboxAlerts>().BlockedChannelsAsync(ct);
        var ready = channels.All.Values.Where(c => c.CanSend && !blocked.Contains(c.Name)).ToList();
        var counts = await Task.WhenAll(ready.Select(c => SendChannelAsync(c, lane, ct)));
        return counts.Sum();
    }

    async Task HousekeepingAsync(CancellationToken ct)
    {
        await drops.DropStaleAsync(ct);
        await drops.ReportWhenLineIsBackAsync(ct);
        await CleanupAsync(ct);
    }

    async Task<int> SendChannelAsync(LineChannel channel, Lane lane, CancellationToken ct)
    {
        var settings = options.CurrentValue.Outbox;
        // About ten seconds of sending per round: the pause between rounds (finding and claiming the next rows)
        // is then too short, relative to the round, to pull the achieved rate noticeably below the limit.
        var batch = lane == Lane.Replies ? settings.Concurrency * 4 : (int)Math.Clamp(settings.RequestsPerSecond * 10, settings.Concurrency, 5000);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.FlushesItself = true; // the claim is flushed before anything is sent
        var now = time.GetUtcNow().UtcDateTime;
        var name = channel.Name;
        var due = Due(db, now).Where(m => m.Channel == name);
        var candidates = await (lane == Lane.Replies ? due.Where(m => m.Kind == OutboxKind.Reply) : due.Where(m => m.Kind != OutboxKind.Reply))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batch)
            .ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        return await ClaimAndSendAsync(scope, channel, lane, candidates, ct);
    }

    /// <summary>
    /// Sends these rows now if they are due and first in their chat (an event's answers, just committed), without
    /// waiting for the next round; rows that are not (an earlier message to the chat is still queued) are left to it.
    /// </summary>
    public async Task SendNowAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0 || !options.CurrentValue.Outbox.Send) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        db.FlushesItself = true; // the claim is flushed before anything is sent
        var blocked = await scope.ServiceProvider.GetRequiredService<OutboxAlerts>().BlockedChannelsAsync(ct);
        var chats = new HashSet<string>(StringComparer.Ordinal);
        // One at a time, in the order queued: the reply goes first, then the messages past its five.
        foreach (var id in ids.Order())
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await Due(db, now).Where(m => m.Id == id).Select(m => new { m.Channel, m.Kind, m.To }).FirstOrDefaultAsync(ct);
            if (due is null || blocked.Contains(due.Channel) || channels.Find(due.Channel) is not { CanSend: true } channel)
            {
                // Left for the rounds (an earlier message to the chat is still queued, or the channel is stopped).
                signal.Notify();
                return;
            }
            chats.Add(due.To);
            await ClaimAndSendAsync(scope, channel, due.Kind == OutboxKind.Reply ? Lane.Replies : Lane.Pushes, [id], ct);
        }
        // Another event's answer to the same chat that found these in flight was left to the rounds, which found it
        // not yet first of its chat: wake them now that it is, or it would wait for the next poll.
        var all = ids.ToList();
        if (chats.Count > 0 && await db.LineOutbox.AnyAsync(m => m.State == OutboxState.Pending && chats.Contains(m.To) && !all.Contains(m.Id), ct))
            signal.Notify();
    }

    /// <summary>Pending, due, not leased, and first of its chat: a chat never sees its messages shuffled.</summary>
    static IQueryable<OutboxMessage> Due(ItaBotDb db, DateTime now) =>
        db.LineOutbox
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAtUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .Where(m => !db.LineOutbox.Any(p => p.Channel == m.Channel && p.To == m.To && p.State == OutboxState.Pending && p.Id < m.Id));

    async Task<int> ClaimAndSendAsync(AsyncServiceScope scope, LineChannel channel, Lane lane, List<long> candidates, CancellationToken ct)
    {
        var settings = options.CurrentValue.Outbox;
        var bucket = _buckets.GetOrAdd(channel.Name, _ => new TokenBucket(settings.RequestsPerSecond));
        if (bucket.Rate != settings.RequestsPerSecond) bucket.SetRate(settings.RequestsPerSecond);
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var claim = $"{_instance}:{Interlocked.Increment(ref _claims)}";
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + settings.Lease;
        using (await SqliteWriteGate.EnterAsync(db))
            await db.LineOutbox
                .Where(m => candidates.Contains(m.Id) && m.State == OutboxState.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s
                    // A lease left behind by an instance that died (or a request that outlived its lease) may have reached LINE.
                    .SetProperty(m => m.MaybeDelivered, m => m.MaybeDelivered || m.LeaseOwner != null)
                    .SetProperty(m => m.LeaseOwner, claim)
                    .SetProperty(m => m.LeaseUntilUtc, leaseUntil), ct);
        // By key: LeaseOwner has no index.
        var rows = await db.LineOutbox.AsNoTracking().Where(m => candidates.Contains(m.Id) && m.LeaseOwner == claim).OrderBy(m => m.Id).ToListAsync(ct);
        if (rows.Count == 0) return 0;
        // On disk before the first request: after a power cut the lease left behind marks them maybe-delivered (a
        // reply is then not pushed again), and the rows' own commit is on disk too (the flush covers everything before it).
        await SqliteDurability.FlushAsync(db);

        var api = scope.ServiceProvider.GetRequiredService<LineApiClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var gate = new SemaphoreSlim(settings.Concurrency);
        var sent = Channel.CreateUnbounded<Delivered>(new() { SingleReader = true });
        var recorder = RecordDeliveredAsync(sent.Reader, claim);
        var inFlight = new List<Task>();
        var attempted = new List<long>();
        var started = 0;
        try
        {
            foreach (var row in rows)
            {
                await gate.WaitAsync(stop.Token);
                // Replies are free and few; pushes keep to the configured rate.
                if (lane == Lane.Pushes) await bucket.TakeAsync(stop.Token);
                started++;
                attempted.Add(row.Id);
                inFlight.Add(SendOneAsync(api, channel, row, claim, sent.Writer, stop, gate));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The channel stopped (bad token or monthly limit): the rest of the batch stays queued.
        }
        finally
        {
            await Task.WhenAll(inFlight);
            sent.Writer.Complete();
            await recorder;
        }
        // Whatever was claimed but not tried goes back at once, without spending an attempt. A row that was tried
        // and still holds the lease was neither recorded as sent nor as failed (the recording failed, or the send
        // threw): it may have reached LINE, so it keeps its lease, and the next claim after it marks it MaybeDelivered.
        if (attempted.Count < candidates.Count)
            using (await SqliteWriteGate.EnterAsync(db))
                await db.LineOutbox.Where(m => candidates.Contains(m.Id) && !attempted.Contains(m.Id) && m.LeaseOwner == claim)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        // The other lane may have a row that waited for one of these to go first (a push after its chat's reply).
        if (started > 0) (lane == Lane.Replies ? signal.Pushes : signal.Replies).Notify();
        return started;
    }

    sealed record Delivered(OutboxMessage Row, int Status, int Recipients, bool Estimated, DateTime AtUtc, IReadOnlyList<LineSentMessage> SentMessages, string? Note = null);

    async Task SendOneAsync(LineApiClient api, LineChannel channel, OutboxMessage row, string claim, ChannelWriter<Delivered> sent, CancellationTokenSource stop, SemaphoreSlim gate)
    {
        try
        {
            if (row.Kind == OutboxKind.Reply) await SendReplyAsync(api, channel, row, claim, sent, stop);
            else await SendPushAsync(api, channel, row, claim, sent, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e) { log.LogError(e, "Sending outbox row {Id} failed unexpectedly; it is retried after its lease", row.Id); }
        finally { gate.Release(); }
    }

    async Task SendPushAsync(LineApiClient api, LineChannel channel, OutboxMessage row, string claim, ChannelWriter<Delivered> sent, CancellationTokenSource stop)
    {
        var messages = Outbox.Deserialize(row.MessagesJson);
        var timeout = options.CurrentValue.Outbox.RequestTimeout;
        LineResult result;
        IReadOnlyList<LineSentMessage> ids = [];
        if (row.Kind == OutboxKind.Multicast)
            result = await api.MulticastAsync(channel, row.To.Split(','), messages, row.RetryKey, stop.Token, timeout);
        else
        {
            var push = await api.PushAsync(channel, row.To, messages, row.RetryKey, stop.Token, timeout);
            ids = push.Value ?? push.Error?.SentMessages ?? [];
            result = push;
        }
        if (result.Ok || result.IsAlreadyAccepted)
        {
            // Sent when LINE said so, not after the group-size lookup below (itself a call to LINE that may take a while).
            var at = time.GetUtcNow().UtcDateTime;
            var (recipients, estimated) = await groupSizes.RecipientsAsync(api, channel, row, CancellationToken.None);
            sent.TryWrite(new Delivered(row, result.StatusCode, recipients, estimated, at, ids));
        }
        else
        {
            await RecordFailureAsync(channel, row, claim, result, stop);
        }
    }

    async Task SendReplyAsync(LineApiClient api, LineChannel channel, OutboxMessage row, string claim, ChannelWriter<Delivered> sent, CancellationTokenSource stop)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (row.ReplyToken is not { } token || row.ReplyUntilUtc is not { } until || now > until)
        {
            if (row.MaybeDelivered)
                log.LogWarning("Outbox row {Id}: the reply token expired while LINE gave no answer to an earlier reply; pushing the answer, which may then arrive twice", row.Id);
            await ToPushAsync(row, claim, null, "The reply token expired before a reply got through; sent as a push.");
            return;
        }
        // LINE's minute ends about ten seconds after the last moment an attempt may start.
        var left = until + TimeSpan.FromSeconds(10) - now;
        var timeout = options.CurrentValue.Outbox.ReplyAttemptTimeout < left ? options.CurrentValue.Outbox.ReplyAttemptTimeout : left;
        var result = await api.ReplyAsync(channel, token, Outbox.Deserialize(row.MessagesJson), stop.Token, timeout);
        if (result.Ok)
        {
            sent.TryWrite(new Delivered(row, result.StatusCode, 0, false, time.GetUtcNow().UtcDateTime, result.Value ?? []));
            return;
        }
        if (result.IsInvalidReplyToken)
        {
            if (row.MaybeDelivered)
            {
                // A reply token is used once: refused after an attempt that got no answer, it was that attempt that used it.
                log.LogInformation("Outbox row {Id}: LINE says the reply token is used; the earlier unanswered reply was delivered", row.Id);
                sent.TryWrite(new Delivered(row, result.StatusCode, 0, false, time.GetUtcNow().UtcDateTime, [],
                    "Delivered by an earlier attempt that got no answer: LINE then refused the used reply token."));
                return;
            }
            await ToPushAsync(row, claim, result, "LINE no longer takes the reply token (expired); sent as a push.");
            return;
        }
        await RecordFailureAsync(channel, row, claim, result, stop);
    }

    /// <summary>A reply whose token is gone becomes a push of the same messages, in the same place in its chat's queue.</summary>
    async Task ToPushAsync(OutboxMessage row, string claim, LineResult? result, string why)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineOutbox.Where(m => m.Id == row.Id && m.LeaseOwner == claim).ExecuteUpdateAsync(s => s
            // The token stays on the row, for the record of how this answer went.
            .SetProperty(m => m.Kind, OutboxKind.ReplyFallback)
            .SetProperty(m => m.Attempts, row.Attempts + (result is null ? 0 : 1))
            .SetProperty(m => m.NextAttemptAtUtc, now)
            .SetProperty(m => m.LastStatus, result == null ? row.LastStatus : result.StatusCode)
            .SetProperty(m => m.LastError, why)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        signal.Pushes.Notify();
    }

    /// <summary>
    /// Marks delivered rows sent, counts their usage and remembers the ids LINE gave their messages, many per
    /// transaction: at hundreds of pushes a second, one commit per push would make the database, not LINE's rate
    /// limit, the bottleneck.
    /// </summary>
    async Task RecordDeliveredAsync(ChannelReader<Delivered> sent, string claim)
    {
        var batch = new List<Delivered>();
        while (await sent.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < 500 && sent.TryRead(out var delivered)) batch.Add(delivered);
            foreach (var d in batch) drops.LineAnswered(d.Row.Channel, d.AtUtc);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
                // Not flushed: a sent mark lost in a power cut is confirmed again from its flushed lease (see below).
                db.FlushesItself = true;
                using var turn = await SqliteWriteGate.EnterAsync(db);
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                var usage = new Dictionary<(string Channel, string Month), (long Messages, long Requests, long Estimated)>();
                foreach (var d in batch)
                {
                    var updated = await db.LineOutbox.Where(m => m.Id == d.Row.Id && m.LeaseOwner == claim).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, OutboxState.Sent)
                        .SetProperty(m => m.Attempts, d.Row.Attempts + 1)
                        .SetProperty(m => m.SentAtUtc, d.AtUtc)
                        .SetProperty(m => m.LastStatus, d.Status)
                        .SetProperty(m => m.LastError, d.Note)
                        .SetProperty(m => m.BilledMessages, d.Recipients)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
                    if (updated != 1) continue; // lease lost: whoever holds it now records it
                    if (d.Row.Kind != OutboxKind.Multicast)
                        foreach (var message in d.SentMessages.Where(m => m.Id.Length > 0))
                            db.SentMessages.Add(new SentMessage { Channel = d.Row.Channel, ChatId = d.Row.To, MessageId = message.Id, Tag = d.Row.Tag, SentAtUtc = d.AtUtc });
                    if (d.Row.Kind == OutboxKind.Reply) continue; // replies are free
                    var key = (d.Row.Channel, OutboxAlerts.MonthOf(d.AtUtc));
                    var sum = usage.GetValueOrDefault(key);
                    usage[key] = (sum.Messages + d.Recipients, sum.Requests + 1, sum.Estimated + (d.Estimated ? 1 : 0));
                }
                await db.SaveChangesAsync(CancellationToken.None);
                foreach (var ((channel, month), (messages, requests, estimated)) in usage)
                {
                    await db.Database.ExecuteSqlAsync($"""
                        INSERT INTO line_usage ("Channel", "Month", "Messages", "Requests", "EstimatedRequests") VALUES ({channel}, {month}, {messages}, {requests}, {estimated})
                        ON CONFLICT ("Channel", "Month") DO UPDATE SET "Messages" = line_usage."Messages" + excluded."Messages",
                            "Requests" = line_usage."Requests" + excluded."Requests", "EstimatedRequests" = line_usage."EstimatedRequests" + excluded."EstimatedRequests"
                        """, CancellationToken.None);
                }
                await transaction.CommitAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                // Delivered but not recorded: the lease runs out and the row is tried again — a push with its retry key
                // (LINE answers 409), a reply with its used token (LINE answers "Invalid reply token", taken as delivered).
                log.LogError(e, "Could not record {Count} delivered messages; they are confirmed again after their lease", batch.Count);
            }
        }
    }

    async Task RecordFailureAsync(LineChannel channel, OutboxMessage row, string claim, LineResult result, CancellationTokenSource stop)
    {
        var settings = options.CurrentValue.Outbox;
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = row.Attempts + 1;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var mine = db.LineOutbox.Where(m => m.Id == row.Id && m.LeaseOwner == claim);

        var error = Clip(result.ToString(), 2000);
        if (result.IsAuthFailure || result.IsMonthlyLimit)
        {
            var kind = result.IsAuthFailure ? OutboxAlertKind.BadToken : OutboxAlertKind.MonthlyLimit;
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Held)
                .SetProperty(m => m.LastStatus, result.StatusCode)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
            var message = kind == OutboxAlertKind.BadToken
                ? $"LINE refused the access token of channel '{channel.Name}' ({result.StatusCode}): sending stopped until the token is replaced. / LINE ไม่รับ access token ของช่อง '{channel.Name}' หยุดส่งข้อความจนกว่าจะเปลี่ยน token"
                : $"Channel '{channel.Name}' has used this month's LINE message quota: pushes wait until next month or a bigger plan. / ช่อง '{channel.Name}' ส่งข้อความครบโควตาของเดือนนี้แล้ว ข้อความจะรอส่งเดือนหน้า";
            log.LogError("{Alert} ({Result})", message, error);
            await scope.ServiceProvider.GetRequiredService<OutboxAlerts>().RaiseAsync(channel.Name, kind, result.StatusCode, message, CancellationToken.None);
            await stop.CancelAsync();
            return;
        }

        if (!result.IsRetryable)
        {
            await RefusedAsync(scope.ServiceProvider, row, claim, result, error);
            return;
        }

        // Through an outage of hours: tried at least every RetryMaxDelay until sent or stale. A reply retries within
        // its token's minute, at most every few seconds, and its last attempt starts before the token's end.
        var next = row.Kind == OutboxKind.Reply
            ? Min(now + Backoff.Delay(attempts, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)), row.ReplyUntilUtc ?? now)
            : now + Backoff.Delay(attempts, settings.RetryBaseDelay, settings.RetryMaxDelay);
        log.LogWarning("Outbox row {Id} ({Kind}) on channel '{Channel}' failed attempt {Attempts} ({Error}); retrying at {Next:u}", row.Id, row.Kind, channel.Name, attempts, error, next);
        var maybe = result.MayHaveBeenDone;
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.MaybeDelivered, m => m.MaybeDelivered || maybe)
            .SetProperty(m => m.NextAttemptAtUtc, next)
            .SetProperty(m => m.LastStatus, result.StatusCode)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// LINE refused the request itself (400 and the like): repeating it cannot help. The person must not be left
    /// wondering: a refused reply is answered with a short notice instead (its token is still unused); a refused
    /// push fails and a short notice is pushed to the same chat.
    /// </summary>
    async Task RefusedAsync(IServiceProvider services, OutboxMessage row, string claim, LineResult result, string error)
    {
        var db = services.GetRequiredService<ItaBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var isNotice = row.MessagesJson.Contains(LineMessageFit.RefusedNotice, StringComparison.Ordinal);
        log.LogError("LINE refused outbox row {Id} ({Kind}) to {To}: {Error}", row.Id, row.Kind, row.To, error);
        var mine = db.LineOutbox.Where(m => m.Id == row.Id && m.LeaseOwner == claim);
        if (row.Kind == OutboxKind.Reply && !isNotice)
        {
            var notice = Outbox.Serialize([LineMessages.Text(LineMessageFit.RefusedNotice)]);
            await mine.ExecuteUpdateAsync(s => s
                .SetProperty(m => m.MessagesJson, notice)
                .SetProperty(m => m.MessageCount, 1)
                .SetProperty(m => m.Attempts, row.Attempts + 1)
                .SetProperty(m => m.NextAttemptAtUtc, now)
                .SetProperty(m => m.LastStatus, result.StatusCode)
                .SetProperty(m => m.LastError, "Refused by LINE, replaced by a short notice: " + error)
                .SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
            signal.Replies.Notify();
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var failed = await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, OutboxState.Failed)
            .SetProperty(m => m.Attempts, row.Attempts + 1)
            .SetProperty(m => m.LastStatus, result.StatusCode)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        if (failed == 1 && !isNotice && row.Kind != OutboxKind.Multicast)
        {
            await services.GetRequiredService<Outbox>().EnqueuePushAsync(row.Channel, row.To, [LineMessages.Text(LineMessageFit.RefusedNotice)], $"refused:{row.Id}", ct: CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        signal.Notify();
    }

    async Task CleanupAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return;
        _lastCleanup = now;
        var before = now - options.CurrentValue.Outbox.KeepSentFor;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        // Rows with a dedupe key stay: they are what makes "enqueue once" hold for good.
        var removed = await db.LineOutbox
            .Where(m => m.State == OutboxState.Sent && m.SentAtUtc < before && m.DedupeKey == null)
            .ExecuteDeleteAsync(ct);
        removed += await db.LineOutbox
            .Where(m => m.State == OutboxState.Dropped && m.DropReportedAtUtc != null && m.DroppedAtUtc < before)
            .ExecuteDeleteAsync(ct);
        if (removed > 0) log.LogInformation("Removed {Count} sent or dropped outbox rows older than {Before:u}", removed, before);
        // What the bot said is remembered as long as a quoted reply to it is likely; older quotes read as a person's.
        await db.SentMessages.Where(m => m.SentAtUtc < before).ExecuteDeleteAsync(ct);
    }

    static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
