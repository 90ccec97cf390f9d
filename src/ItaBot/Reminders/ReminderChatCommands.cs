using System.Text.Json.Nodes;
using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Thai;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reminders;

/// <summary>
/// The chat layer's door to reminder commands (on the chat's own context and transaction, like its other commands) (<c>พักการแจ้งเตือน ถึง 15 ม.ค.</c>, <c>การแจ้งเตือน</c>,
/// <c>ตั้งเตือน…</c>, <c>วันหยุด</c>) and to <c>เตือนตอนนี้</c>, which goes through the same wave as the
/// scheduled reminders.
/// </summary>
public sealed class ReminderChatCommands(ItaBotDb db, TimeProvider time, ReminderChat reminderChat, ReminderWave wave)
{
    /// <summary>The answer to a reminder command, or null when the text is not one.</summary>
    public async Task<List<JsonObject>?> TryAsync(ChatContext ctx, string text, CancellationToken ct)
    {
        if (ReminderCommands.Parse(text, time.Today()) is not { } command) return null;
        if (ctx.Organization is null) return Replies.NoOrganization();
        var units = ctx.Chat.Id == 0 || ctx.Chat.LeftAtUtc is not null
            ? []
            : await db.ChatUnits.AsNoTracking().Where(cu => cu.LineChatId == ctx.Chat.Id).Select(cu => cu.UnitId).ToListAsync(ct);
        var reply = await reminderChat.HandleAsync(command, new ReminderChatContext(ctx.Organization.Id, ctx.IsAdmin, units, ctx.UserName), ct);
        return Say.One(reply, ctx.IsAdmin ? ["การแจ้งเตือน", "วันหยุด"] : []);
    }

    /// <summary>
    /// <c>เตือนตอนนี้</c>: every bound group whose units still owe answers gets its reminder now, whatever the
    /// hour; the same reminder is not sent to a group twice in one day.
    /// </summary>
    public async Task<string> RemindNowAsync(int organizationId, CancellationToken ct)
    {
        var result = await wave.RemindNowAsync(organizationId, ct);
        var pushed = result.Planned.Where(p => p.Kind == DeliveryKind.Unit).ToList();
        if (result.Planned.FirstOrDefault(p => p.Kind == DeliveryKind.Summary) is { } summary)
        {
            return result.Enqueued > 0
                ? "โควตาข้อความ LINE เดือนนี้ใกล้หมด จึงส่งสรุปรายชื่อหน่วยงานที่ยังรายงานไม่ครบไปที่กลุ่มผู้ดูแลแทนการเตือนทุกกลุ่ม"
                : "ส่งสรุปถึงกลุ่มผู้ดูแลไปแล้ววันนี้ (โควตาข้อความใกล้หมด)";
        }
        if (pushed.Count == 0)
            return "ไม่มีกลุ่มที่ต้องเตือนครับ: ทุกหน่วยงานที่ผูกกลุ่มไว้รายงานครบแล้ว หรือยังไม่ได้ผูกกลุ่มใด";
        var units = pushed.SelectMany(p => p.UnitIds).Distinct().Count();
        var already = pushed.Count - result.Enqueued;
        var text = $"ส่งเตือนแล้ว {ThaiDigits.ToThai(result.Enqueued)} กลุ่ม ({ThaiDigits.ToThai(units)} หน่วยงานที่ยังรายงานไม่ครบ) ✅";
        if (already > 0) text += $"\nข้าม {ThaiDigits.ToThai(already)} กลุ่มที่เตือนเรื่องเดียวกันไปแล้ววันนี้";
        return text;
    }
}
