using System.Globalization;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Line;

/// <summary>
/// Events the process died handling, again and again: parked without handling them once more (another try would
/// take the bot down again), and the administrators told in one short message, in the same transaction.
/// </summary>
public sealed class InboxCrashes(IServiceScopeFactory scopes, TimeProvider time, ILogger<InboxCrashes> log)
{
    public async Task ParkAsync(IReadOnlyList<InboxEvent> events, string claim, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ItaBotDb>();
        var outbox = services.GetRequiredService<Outbox>();
        var administrators = services.GetRequiredService<ILineAdministrators>();
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var e in events)
        {
            var parked = await db.LineInbox.Where(x => x.Id == e.Id && x.LeaseOwner == claim).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.State, InboxState.Parked)
                .SetProperty(x => x.LastError, $"The process stopped while handling this event {e.Crashes} times; parked without handling it again.")
                .SetProperty(x => x.HandledAtUtc, now)
                .SetProperty(x => x.LeaseOwner, (string?)null)
                .SetProperty(x => x.LeaseUntilUtc, (DateTime?)null), ct);
            if (parked == 0) continue;
            log.LogError("LINE event {Id} ({Type}) stopped the process {Crashes} times and is parked; later events of its chat go on",
                e.WebhookEventId, e.EventType, e.Crashes);
            foreach (var admin in await administrators.ChatIdsAsync(e.Channel, ct))
                await outbox.EnqueuePushAsync(e.Channel, admin, [LineMessages.Text(Notice(e))], $"inbox-crash:{e.Id}:{admin}", ct: ct);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>What the administrators read: which kind of message, when, and that the sender may need to send it again. No content: it may be anyone's.</summary>
    internal static string Notice(InboxEvent e)
    {
        var when = OutboxDrops.When(Bangkok.ToBangkok(DateTimeOffset.FromUnixTimeMilliseconds(e.EventTimestamp).UtcDateTime));
        return $"⚠️ ข้อความหนึ่ง ({Kind(e.EventType)} เมื่อ {when}) ทำให้ระบบหยุดทำงานระหว่างอ่าน {e.Crashes.ToString(CultureInfo.InvariantCulture)} ครั้ง "
            + "จึงพักข้อความนี้ไว้โดยไม่อ่านอีก ข้อความอื่นทำงานตามปกติ หากเป็นการรายงานหรือไฟล์ โปรดแจ้งผู้ส่งให้ส่งใหม่ (ไฟล์อาจเสียหรือใหญ่ผิดปกติ)";
    }

    static string Kind(string eventType) => eventType switch
    {
        "message" => "ข้อความแชต",
        "postback" => "การกดปุ่ม",
        _ => eventType,
    };
}
