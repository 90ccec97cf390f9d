using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Line;

/// <summary>
/// The end of a message LINE could not take in time. A row still unsent when its content is stale (a reminder after
/// its day, an answer an hour later) is dropped rather than sent late: its dedupe key is freed, and whoever recorded
/// it under that key (<see cref="IOutboxDropListener"/>) frees its record too, so the same content can be queued again.
/// Once LINE answers again — a message of that channel delivered, or a cheap quota request answered, tried at most
/// once a minute — the administrators get one message listing what was dropped.
/// </summary>
public sealed class OutboxDrops(
    IServiceScopeFactory scopes,
    LineChannels channels,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<OutboxDrops> log)
{
    static readonly TimeSpan ProbeEvery = TimeSpan.FromMinutes(1);

    readonly ConcurrentDictionary<string, DateTime> _lastAnswer = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, DateTime> _lastProbe = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, bool> _unreported = new(StringComparer.OrdinalIgnoreCase);
    readonly string _instance = Guid.NewGuid().ToString("N");
    int _loaded;

    /// <summary>LINE accepted something on this channel: it is up.</summary>
    internal void LineAnswered(string channel, DateTime atUtc) =>
        _lastAnswer.AddOrUpdate(channel, atUtc, (_, before) => before > atUtc ? before : atUtc);

    /// <summary>Drops what went stale unsent, a few hundred rows per transaction.</summary>
    public async Task<int> DropStaleAsync(CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var claim = $"drop:{_instance}:{now.Ticks}";
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var due = await db.LineOutbox
                .Where(m => (m.State == OutboxState.Pending || m.State == OutboxState.Held) && m.StaleAfterUtc != null && m.StaleAfterUtc <= now
                    && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(500).ToListAsync(ct);
            if (due.Count == 0) return total;

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Claimed first, so a row a sender takes at this very moment is either its or ours, never both.
            await db.LineOutbox
                .Where(m => due.Contains(m.Id) && (m.State == OutboxState.Pending || m.State == OutboxState.Held) && (m.LeaseUntilUtc == null || m.LeaseUntilUtc < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, claim).SetProperty(m => m.LeaseUntilUtc, now + TimeSpan.FromMinutes(5)), ct);
            var dropped = await db.LineOutbox.Where(m => due.Contains(m.Id) && m.LeaseOwner == claim).ToListAsync(ct);
            foreach (var row in dropped)
            {
                row.FreedKey = row.DedupeKey;
                row.DedupeKey = null;
                row.State = OutboxState.Dropped;
                row.DroppedAtUtc = now;
                row.LeaseOwner = null;
                row.LeaseUntilUtc = null;
                row.LastError = Clip($"Dropped unsent: its content went stale at {row.StaleAfterUtc:u}. Last try: {row.LastError ?? "none"}", 2000);
            }
            await db.SaveChangesAsync(ct);
            foreach (var listener in scope.ServiceProvider.GetServices<IOutboxDropListener>())
                await listener.DroppedAsync(db, dropped, ct);
            await transaction.CommitAsync(ct);
            foreach (var channel in dropped.Select(d => d.Channel).Distinct()) _unreported[channel] = true;
            log.LogWarning("Dropped {Count} outbox rows LINE did not take before their content went stale ({Channels}); the administrators are told once LINE answers again",
                dropped.Count, string.Join(", ", dropped.Select(d => d.Channel).Distinct()));
            total += dropped.Count;
            if (due.Count < 500) return total;
        }
    }

    /// <summary>For each channel with unreported drops that LINE answers on again: one message to its administrators.</summary>
    public async Task ReportWhenLineIsBackAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            foreach (var channel in await scope.ServiceProvider.GetRequiredService<ItaBotDb>().LineOutbox
                .Where(m => m.State == OutboxState.Dropped && m.DropReportedAtUtc == null).Select(m => m.Channel).Distinct().ToListAsync(ct))
                _unreported[channel] = true;
        }
        foreach (var channel in _unreported.Keys)
        {
            if (channels.Find(channel) is not { CanSend: true } line) continue;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var latestDrop = await db.LineOutbox.Where(m => m.Channel == channel && m.State == OutboxState.Dropped && m.DropReportedAtUtc == null)
                .MaxAsync(m => m.DroppedAtUtc, ct);
            if (latestDrop is null)
            {
                _unreported.TryRemove(channel, out _);
                continue;
            }
            if (!await IsBackAsync(scope.ServiceProvider, line, latestDrop.Value, ct)) continue;
            await TellAdministratorsAsync(scope.ServiceProvider, channel, ct);
            _unreported.TryRemove(channel, out _);
        }
    }

    async Task<bool> IsBackAsync(IServiceProvider services, LineChannel line, DateTime latestDrop, CancellationToken ct)
    {
        if (_lastAnswer.TryGetValue(line.Name, out var answered) && answered >= latestDrop) return true;
        var now = time.GetUtcNow().UtcDateTime;
        if (_lastProbe.TryGetValue(line.Name, out var probed) && now - probed < ProbeEvery) return false;
        _lastProbe[line.Name] = now;
        var quota = await services.GetRequiredService<LineApiClient>().GetQuotaAsync(line, ct);
        if (quota.Ok) LineAnswered(line.Name, now);
        return quota.Ok;
    }

    async Task TellAdministratorsAsync(IServiceProvider services, string channel, CancellationToken ct)
    {
        var db = services.GetRequiredService<ItaBotDb>();
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.LineOutbox.AsNoTracking()
            .Where(m => m.Channel == channel && m.State == OutboxState.Dropped && m.DropReportedAtUtc == null)
            .OrderBy(m => m.Id).Take(10_000).ToListAsync(ct);
        if (rows.Count == 0) return;
        var last = rows[^1].Id;
        // Of two instances noticing at once, only the one that marks the rows tells anyone.
        var marked = await db.LineOutbox
            .Where(m => m.Channel == channel && m.State == OutboxState.Dropped && m.DropReportedAtUtc == null && m.Id <= last)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DropReportedAtUtc, now), ct);
        if (marked == 0) return;

        var text = Describe(rows, services.GetServices<IOutboxDropListener>(), now);
        var admins = await services.GetRequiredService<ILineAdministrators>().ChatIdsAsync(channel, ct);
        if (admins.Count == 0)
            log.LogWarning("No administrators' chat is known for channel '{Channel}' to tell about {Count} dropped messages", channel, rows.Count);
        var outbox = services.GetRequiredService<Outbox>();
        foreach (var admin in admins)
            await outbox.EnqueuePushAsync(channel, admin, [LineMessages.Text(text)], $"line-drops:{channel}:{last}:{admin}", ct: ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        log.LogInformation("Told {Admins} administrators' chat(s) of channel '{Channel}' about {Count} dropped messages", admins.Count, channel, rows.Count);
    }

    /// <summary>The administrators' message: when LINE could not be reached, and what did not go out, by kind.</summary>
    internal static string Describe(IReadOnlyList<OutboxMessage> rows, IEnumerable<IOutboxDropListener> listeners, DateTime nowUtc)
    {
        var from = Bangkok.ToBangkok(rows.Min(r => r.CreatedAtUtc));
        var to = Bangkok.ToBangkok(nowUtc);
        var text = new StringBuilder($"⚠️ ส่งข้อความทาง LINE ไม่ได้ช่วง {When(from)} ถึง {When(to)} ข้อความที่ค้างส่งจนเลยเวลาที่ยังมีประโยชน์จึงไม่ได้ส่ง:");
        var left = rows.ToList();
        foreach (var listener in listeners)
        {
            if (listener.Describe(left) is not { } summary) continue;
            text.Append("\n• ").Append(summary.Text);
            left.RemoveAll(r => summary.RowIds.Contains(r.Id));
        }
        var answers = left.Count(r => r.Kind is OutboxKind.Reply or OutboxKind.ReplyFallback);
        if (answers > 0) text.Append($"\n• คำตอบในแชต {answers.ToString(CultureInfo.InvariantCulture)} ข้อความ (ผู้ถามอาจต้องถามใหม่)");
        var others = left.Count - answers;
        if (others > 0) text.Append($"\n• ข้อความอื่น {others.ToString(CultureInfo.InvariantCulture)} ข้อความ");
        return TextCut.Fit(text.ToString(), LineMessages.MaxTextLength);
    }

    /// <summary>A Bangkok time as LINE messages write it: "๒ ธ.ค. ๖๙ 14:05 น.".</summary>
    internal static string When(DateTime bangkok) =>
        $"{ThaiCalendar.FormatShortDate(DateOnly.FromDateTime(bangkok))} {bangkok.ToString("HH:mm", CultureInfo.InvariantCulture)} น.";

    static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
