using ItaBot.Data;
using ItaBot.Line;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reminders;

/// <summary>
/// Records and enqueues a wave's messages exactly once: the delivery row and the outbox push (under the
/// same key, unique in both tables) are saved in one transaction. The unique keys are the arbiter: two
/// waves that planned the same message race to insert it, one wins, and the loser drops the keys it
/// finds taken and tries again with the rest.
/// </summary>
public sealed class ReminderDispatch(ItaBotDb db, Outbox outbox, OutboxSignal outboxSignal, TimeProvider time, ILogger<ReminderDispatch> logger)
{
    /// <summary>Rows per transaction: large enough to be fast on SQLite, small enough not to hold its write lock for long.</summary>
    const int Chunk = 1000;
    const int Attempts = 5;

    /// <returns>How many messages were new (the others had been recorded by an earlier or concurrent wave).</returns>
    public async Task<int> EnqueueAsync(IReadOnlyList<ReminderPush> pushes, CancellationToken ct)
    {
        var enqueued = 0;
        foreach (var chunk in pushes.DistinctBy(p => p.Key).Chunk(Chunk))
            enqueued += await EnqueueChunkAsync(chunk, ct);
        return enqueued;
    }

    async Task<int> EnqueueChunkAsync(IReadOnlyList<ReminderPush> chunk, CancellationToken ct)
    {
        var pending = chunk;
        for (var attempt = 1; ; attempt++)
        {
            var nowUtc = time.GetUtcNow().UtcDateTime;
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var push in pending) await AddAsync(push, nowUtc, ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                // The outbox wakes its sender on SaveChanges, which is before this commit makes the rows visible.
                outboxSignal.Notify();
                return pending.Count;
            }
            catch (DbUpdateException e) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                var keys = pending.Select(p => p.Key).ToList();
                var taken = (await db.ReminderDeliveries.AsNoTracking().Where(d => keys.Contains(d.Key)).Select(d => d.Key).ToListAsync(ct)).ToHashSet();
                if (taken.Count == 0) throw;
                logger.LogInformation("Another wave recorded {Taken} of {Count} reminders first ({Error}); sending the rest.", taken.Count, pending.Count, e.InnerException?.Message ?? e.Message);
                pending = pending.Where(p => !taken.Contains(p.Key)).ToList();
                if (pending.Count == 0) return 0;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    async Task AddAsync(ReminderPush push, DateTime nowUtc, CancellationToken ct)
    {
        if (push.IsPushed)
            await outbox.EnqueuePushAsync(push.Channel, push.To, [ReminderMessages.ToLine(push)], push.Key, ct);
        db.ReminderDeliveries.Add(new ReminderDelivery
        {
            Key = push.Key,
            OrganizationId = push.OrganizationId,
            RoundId = push.RoundId,
            Slot = push.Slot,
            Kind = push.Kind,
            Channel = push.Channel,
            To = push.To,
            Units = ReminderDelivery.UnitsText(push.UnitIds),
            MeasureCount = push.MeasureCount,
            BilledEstimate = push.BilledEstimate,
            CreatedAtUtc = nowUtc,
        });
    }
}
