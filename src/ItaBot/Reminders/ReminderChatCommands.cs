using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Thai;

namespace ItaBot.Reminders;

/// <summary>
/// Reminders' side of the chat port (<see cref="IChatReminders"/>): reminder settings and pauses typed in chat
/// (<c>พักการแจ้งเตือน ถึง 15 ม.ค.</c>, <c>การแจ้งเตือน</c>, <c>ตั้งเตือน…</c>, <c>วันหยุด</c>), and reminders now, which go
/// through the same wave as the scheduled ones. It runs in the chat event's scope, so its writes join that event's transaction.
/// </summary>
public sealed class ReminderChatCommands(TimeProvider time, ReminderChat reminderChat, ReminderWave wave) : IChatReminders
{
    public async Task<ChatAnswer?> TryCommandAsync(ChatAsker asker, string text, CancellationToken ct)
    {
        if (ReminderCommands.Parse(text, time.Today()) is not { } command) return null;
        var reply = await reminderChat.HandleAsync(command, new ReminderChatContext(asker.OrganizationId, asker.IsAdmin, asker.ChatUnitIds, asker.Name), ct);
        return new ChatAnswer(reply, asker.IsAdmin ? ["การแจ้งเตือน", "วันหยุด"] : []);
    }

    /// <summary>Every bound group (of the named units, when given) whose units still owe answers gets its reminder now; never twice a day.</summary>
    public async Task<string> RemindNowAsync(int organizationId, IReadOnlyCollection<int>? unitIds, CancellationToken ct)
    {
        var result = await wave.RemindNowAsync(organizationId, unitIds, ct);
        var pushed = result.Planned.Where(p => p.Kind == DeliveryKind.Unit).ToList();
        if (result.Planned.FirstOrDefault(p => p.Kind == DeliveryKind.Summary) is not null)
        {
            return result.Enqueued > 0
                ? "โควตาข้อความ LINE เดือนนี้ใกล้หมด จึงส่งสรุปรายชื่อหน่วยงานที่ยังรายงานไม่ครบไปที่กลุ่มผู้ดูแลแทนการเตือนทุกกลุ่ม"
                : "ส่งสรุปถึงกลุ่มผู้ดูแลไปแล้ววันนี้ (โควตาข้อความใกล้หมด)";
        }
        if (pushed.Count == 0)
            return unitIds is null
                ? "ไม่มีกลุ่มที่ต้องเตือนครับ: ทุกหน่วยงานที่ผูกกลุ่มไว้รายงานครบแล้ว หรือยังไม่ได้ผูกกลุ่มใด"
                : "ไม่มีกลุ่มที่ต้องเตือนครับ: หน่วยงานที่ระบุรายงานครบแล้ว หรือยังไม่ได้ผูกกลุ่ม";
        var units = pushed.SelectMany(p => p.UnitIds).Distinct().Count();
        var already = pushed.Count - result.Enqueued;
        var text = $"ส่งเตือนแล้ว {ThaiDigits.ToThai(result.Enqueued)} กลุ่ม ({ThaiDigits.ToThai(units)} หน่วยงานที่ยังรายงานไม่ครบ) ✅";
        if (already > 0) text += $"\nข้าม {ThaiDigits.ToThai(already)} กลุ่มที่เตือนเรื่องเดียวกันไปแล้ววันนี้";
        return text;
    }
}
