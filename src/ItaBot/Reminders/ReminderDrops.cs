using System.Globalization;
using ItaBot.Data;
using ItaBot.Line;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reminders;

/// <summary>
/// A reminder LINE could not take before its day ended is dropped by the outbox; its record here is deleted in the
/// same transaction, so its key is free again: the next slot (or a catch-up the next working morning) or an
/// administrator's <c>เตือนตอนนี้</c> sends the reminder, with that day's wording.
/// </summary>
public sealed class ReminderDrops : IOutboxDropListener
{
    public async Task DroppedAsync(ItaBotDb db, IReadOnlyList<OutboxMessage> dropped, CancellationToken ct)
    {
        var keys = Reminders(dropped).Select(r => r.FreedKey!).ToList();
        if (keys.Count == 0) return;
        await db.ReminderDeliveries.Where(d => keys.Contains(d.Key)).ExecuteDeleteAsync(ct);
    }

    public DropSummary? Describe(IReadOnlyList<OutboxMessage> dropped)
    {
        var reminders = Reminders(dropped).ToList();
        if (reminders.Count == 0) return null;
        var chats = reminders.Select(r => r.To).Distinct().Count();
        return new DropSummary(
            $"การแจ้งเตือน {chats.ToString(CultureInfo.InvariantCulture)} แชต — จะส่งใหม่ในรอบเตือนถัดไป หรือพิมพ์ \"เตือนตอนนี้\" เพื่อส่งทันที",
            reminders.Select(r => r.Id).ToHashSet());
    }

    static IEnumerable<OutboxMessage> Reminders(IReadOnlyList<OutboxMessage> rows) =>
        rows.Where(r => r.FreedKey?.StartsWith(ReminderDelivery.KeyPrefix, StringComparison.Ordinal) == true);
}
