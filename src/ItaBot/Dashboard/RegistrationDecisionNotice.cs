using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>
/// Tells a person in LINE what an administrator decided on the dashboard about their registration — the same words
/// chat's <c>อนุมัติ</c>/<c>ปฏิเสธ</c> uses — by one push through the outbox, saved with the decision (the caller's
/// SaveChangesAsync) and keyed on the decision, so a retried post does not tell them twice.
/// </summary>
public sealed class RegistrationDecisionNotice(ItaBotDb db, Outbox outbox)
{
    /// <summary>Queues the push; false when the person's LINE channel is not known (they never wrote from a chat of this organization).</summary>
    public async Task<bool> TellAsync(UnitPerson person, CancellationToken ct)
    {
        if (await ChannelOfAsync(person, ct) is not { } channel) return false;
        var unit = person.Unit!.Name;
        var message = person.State == RegistrationState.Approved
            ? LineMessages.Text($"ผู้ดูแลระบบอนุมัติให้คุณรายงานมาตรการของ{unit}แล้วครับ ✅ พิมพ์ \"สถานะ\" เพื่อเริ่ม",
                LineMessages.QuickReply(LineMessages.MessageAction("สถานะ", "สถานะ")))
            : LineMessages.Text($"ผู้ดูแลระบบไม่อนุมัติคำขอลงทะเบียนกับ{unit}ครับ หากคิดว่าผิดพลาด โปรดติดต่อผู้ดูแลระบบ");
        await outbox.EnqueuePushAsync(channel, person.UserId, [message],
            $"registration:{person.Id}:{person.State}:{person.DecidedAtUtc!.Value.Ticks}", ct: ct);
        return true;
    }

    /// <summary>The LINE channel the person asked through (the chat of the request, else a chat of theirs in the organization).</summary>
    async Task<string?> ChannelOfAsync(UnitPerson person, CancellationToken ct)
    {
        var orgId = person.Unit!.OrganizationId;
        if (person.RequestedInChatId is { } chatId
            && await db.LineChats.Where(c => c.ChatId == chatId && c.OrganizationId == orgId).Select(c => c.Channel).FirstOrDefaultAsync(ct) is { } channel)
            return channel;
        return await db.ChatMembers.Where(m => m.UserId == person.UserId && m.Chat!.OrganizationId == orgId && m.Chat.LeftAtUtc == null)
            .Select(m => m.Chat!.Channel).FirstOrDefaultAsync(ct);
    }
}
