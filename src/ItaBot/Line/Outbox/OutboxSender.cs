using System.Collections.Concurrent;
using System.Threading.Channels;
using ItaBot.Data;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>
/// Drains the outbox per channel at a configured rate. Each row keeps its retry key for life, so a retry after
/// a timeout is never delivered twice (LINE answers 409, which counts as sent). 429/5xx/no answer back off with
/// jitter; 401/403 and "monthly limit reached" stop the channel and raise an <see cref="OutboxAlert"/>.
/// A channel without an access token is simply skipped: its messages wait, no attempt is spent.
/// Rows are claimed with an atomic UPDATE and a lease, so several instances can share one database.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    LineChannels channels,
    GroupSizes groupSizes,
    TimeProvider time,
    IOptionsMonitor<LineOptions> options,
    ILogger<OutboxSender> log) : BackgroundService
{
    readonly string _instance = Guid.NewGuid().ToString("N");
    readonly ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    long _claims;
    DateTime _lastCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Outbox.Send)
        {
            log.LogInformation("Line__Outbox__Send is off: this instance queues messages but does not send them");
            return;
        }
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendDueAsync(stoppingToken);
                await CleanupAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception e) { log.LogError(e, "The LINE outbox sender failed a round; it tries again shortly"); }

            if (sent == 0)
            {
                try { await signal.WaitAsync(options.CurrentValue.Outbox.PollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>One round: every channel that may send sends what is due. Returns how many requests were made.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        IReadOnlySet<string> blocked;
        await using (var scope = scopes.CreateAsyncScope())
            blocked = await scope.ServiceProvider.GetRequiredService<OutboxAlerts>().BlockedChannelsAsync(ct);
        var ready = channels.All.Values.Where(c => c.CanSend && !blocked.Contains(c.Name)).ToList();
        var counts = await Task.WhenAll(ready.Select(c => SendChannelAsync(c, ct)));
        return counts.Sum();
    }

    async Task<int> SendChannelAsync(LineChannel channel, CancellationToken ct)
    {
        var settings = options.CurrentValue.Outbox;
        // About ten seconds of sending per round: the pause between rounds (finding and claiming the next rows)
        // is then too short, relative to the round, to pull the achieved rate noticeably below the limit.
        var batch = (int)Math.Clamp(settings.RequestsPerSecond * 10, settings.Concurrency, 5000);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        var name = channel.Name;
        var candidates = await Due(db, now).Where(m => m.Channel == name)
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batch)
            .ToListAsync(ct);
        if (candidates.Count == 0) return 0;
        return await ClaimAndSendAsync(scope, channel, candidates, ct);
    }

    /// <summary>
    /// Sends these rows now if they are due and first in their chat (an event's answers, just committed), without
    /// waiting for the next round; rows that are not (an earlier message to the chat is still queued) are left to it.
    /// </summary>
    public async Task SendNowAsync(IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        if (ids.Count == 0 || !options.CurrentValue.Outbox.Send) return;
        await using var scope = scopes.CreateAsyncScope();
        var blocked = await scope.ServiceProvider.GetRequiredService<OutboxAlerts>().BlockedChannelsAsync(ct);
        // One at a time, in the order queued: the reply goes first, then the messages past its five.
        foreach (var id in ids.Order())
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await Due(scope.ServiceProvider.GetRequiredService<ItaBotDb>(), now).Where(m => m.Id == id).Select(m => m.Channel).FirstOrDefaultAsync(ct);
            if (due is null || blocked.Contains(due) || channels.Find(due) is not { CanSend: true } channel) break;
            await ClaimAndSendAsync(scope, channel, [id], ct);
        }
        signal.Notify();
    }

    /// <summary>Pending, due, not leased, and first of its chat: a chat never sees its messages shuffled.</summary>
    static IQueryable<OutboxMessage> Due(ItaBotDb db, DateTime now) =>
        db.LineOutbox
            .Where(m => m.State == OutboxState.Pending && m.NextAttemptAtUtc <= now && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .Where(m => !db.LineOutbox.Any(p => p.Channel == m.Channel && p.To == m.To && p.State == OutboxState.Pending && p.Id < m.Id));

    async Task<int> ClaimAndSendAsync(AsyncServiceScope scope, LineChannel channel, List<long> candidates, CancellationToken ct)
    {
        var settings = options.CurrentValue.Outbox;
        var bucket = _buckets.GetOrAdd(channel.Name, _ => new TokenBucket(settings.RequestsPerSecond));
        if (bucket.Rate != settings.RequestsPerSecond) bucket.SetRate(settings.RequestsPerSecond);
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var claim = $"{_instance}:{Interlocked.Increment(ref _claims)}";
        var now = time.GetUtcNow().UtcDateTime;
        var leaseUntil = now + settings.Lease;
        await db.LineOutbox
            .Where(m => candidates.Contains(m.Id) && m.State == OutboxState.Pending && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntilUtc, leaseUntil), ct);
        // By key: LeaseOwner has no index.
        var rows = await db.LineOutbox.AsNoTracking().Where(m => candidates.Contains(m.Id) && m.LeaseOwner == claim).OrderBy(m => m.Id).ToListAsync(ct);

        var api = scope.ServiceProvider.GetRequiredService<LineApiClient>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var gate = new SemaphoreSlim(settings.Concurrency);
        var sent = Channel.CreateUnbounded<Delivered>(new() { SingleReader = true });
        var recorder = RecordDeliveredAsync(sent.Reader, claim);
        var inFlight = new List<Task>();
        var started = 0;
        try
        {
            foreach (var row in rows)
            {
                await gate.WaitAsync(stop.Token);
                await bucket.TakeAsync(stop.Token);
                started++;
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
        // Whatever was claimed but not sent goes back at once, without spending an attempt.
        await db.LineOutbox.Where(m => candidates.Contains(m.Id) && m.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
        return started;
    }

    sealed record Delivered(OutboxMessage Row, OutboxKind Kind, int Status, int Recipients, bool Estimated, DateTime AtUtc, IReadOnlyList<LineSentMessage> SentMessages);

    async Task SendOneAsync(LineApiClient api, LineChannel channel, OutboxMessage row, string claim, ChannelWriter<Delivered> sent, CancellationTokenSource stop, SemaphoreSlim gate)
    {
        try
        {
            var messages = Outbox.Deserialize(row.MessagesJson);
            if (row.Kind == OutboxKind.Reply)
            {
                if (row.ReplyToken is { } token && row.ReplyUntilUtc > time.GetUtcNow().UtcDateTime)
                {
                    var reply = await api.ReplyAsync(channel, token, messages, stop.Token);
                    if (reply.Ok)
                    {
                        sent.TryWrite(new Delivered(row, OutboxKind.Reply, reply.StatusCode, 0, false, time.GetUtcNow().UtcDateTime, reply.Value ?? []));
                        return;
                    }
                    if (reply.StatusCode == 400 && !IsReplyTokenProblem(reply))
                    {
                        // The messages themselves are wrong; a push would be refused the same way.
                        await RecordFailureAsync(channel, row, claim, reply, stop);
                        return;
                    }
                    log.LogInformation("Reply of outbox row {Id} failed ({Result}); sending it as a push", row.Id, reply);
                }
                row.Kind = OutboxKind.ReplyFallback;
            }
            LineResult result;
            IReadOnlyList<LineSentMessage> ids = [];
            if (row.Kind == OutboxKind.Multicast)
            {
                result = await api.MulticastAsync(channel, row.To.Split(','), messages, row.RetryKey, stop.Token);
            }
            else
            {
                var push = await api.PushAsync(channel, row.To, messages, row.RetryKey, stop.Token);
                ids = push.Value ?? push.Error?.SentMessages ?? [];
                result = push;
            }
            if (result.Ok || result.IsAlreadyAccepted)
            {
                var (recipients, estimated) = await groupSizes.RecipientsAsync(api, channel, row, CancellationToken.None);
                sent.TryWrite(new Delivered(row, row.Kind, result.StatusCode, recipients, estimated, time.GetUtcNow().UtcDateTime, ids));
            }
            else
            {
                await RecordFailureAsync(channel, row, claim, result, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e) { log.LogError(e, "Sending outbox row {Id} failed unexpectedly; it is retried after its lease", row.Id); }
        finally { gate.Release(); }
    }

    static bool IsReplyTokenProblem(LineResult result) =>
        result.Error?.Message is { } message && message.Contains("reply token", StringComparison.OrdinalIgnoreCase);

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
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                var usage = new Dictionary<(string Channel, string Month), (long Messages, long Requests, long Estimated)>();
                foreach (var d in batch)
                {
                    var updated = await db.LineOutbox.Where(m => m.Id == d.Row.Id && m.LeaseOwner == claim).ExecuteUpdateAsync(s => s
                        .SetProperty(m => m.State, OutboxState.Sent)
                        .SetProperty(m => m.Kind, d.Kind)
                        .SetProperty(m => m.Attempts, d.Row.Attempts + 1)
                        .SetProperty(m => m.SentAtUtc, d.AtUtc)
                        .SetProperty(m => m.LastStatus, d.Status)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.BilledMessages, d.Recipients)
                        .SetProperty(m => m.LeaseOwner, (string?)null)
                        .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
                    if (updated != 1) continue; // lease lost: whoever holds it now records it
                    if (d.Kind != OutboxKind.Multicast)
                        foreach (var message in d.SentMessages.Where(m => m.Id.Length > 0))
                            db.SentMessages.Add(new SentMessage { Channel = d.Row.Channel, ChatId = d.Row.To, MessageId = message.Id, Tag = d.Row.Tag, SentAtUtc = d.AtUtc });
                    if (d.Kind == OutboxKind.Reply) continue; // replies are free
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
                // Delivered but not recorded: the lease runs out, the row is sent again with its retry key, LINE answers 409.
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

        // 400 and other refusals mean the request itself is wrong: repeating it cannot help.
        var failed = !result.IsRetryable || attempts >= settings.MaxAttempts;
        var next = now + Backoff.Delay(attempts, settings.RetryBaseDelay, settings.RetryMaxDelay);
        if (failed)
            log.LogError("Outbox row {Id} to {Kind} on channel '{Channel}' failed for good after {Attempts} attempts: {Error}", row.Id, row.Kind, channel.Name, attempts, error);
        else
            log.LogWarning("Outbox row {Id} on channel '{Channel}' failed attempt {Attempts} ({Error}); retrying at {Next:u}", row.Id, channel.Name, attempts, error, next);
        await mine.ExecuteUpdateAsync(s => s
            .SetProperty(m => m.State, failed ? OutboxState.Failed : OutboxState.Pending)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.NextAttemptAtUtc, next)
            .SetProperty(m => m.LastStatus, result.StatusCode)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    async Task CleanupAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (now - _lastCleanup < TimeSpan.FromHours(1)) return;
        _lastCleanup = now;
        var before = now - options.CurrentValue.Outbox.KeepSentFor;
        await using var scope = scopes.CreateAsyncScope();
        // Rows with a dedupe key stay: they are what makes "enqueue once" hold for good.
        var removed = await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineOutbox
            .Where(m => m.State == OutboxState.Sent && m.SentAtUtc < before && m.DedupeKey == null)
            .ExecuteDeleteAsync(ct);
        if (removed > 0) log.LogInformation("Removed {Count} sent outbox rows older than {Before:u}", removed, before);
        // What the bot said is remembered as long as a quoted reply to it is likely; older quotes read as a person's.
        await scope.ServiceProvider.GetRequiredService<ItaBotDb>().SentMessages.Where(m => m.SentAtUtc < before).ExecuteDeleteAsync(ct);
    }

    static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
