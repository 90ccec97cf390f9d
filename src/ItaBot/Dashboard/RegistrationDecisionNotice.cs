using ItaBot.Chat;
using ItaBot.Data;
using ItaBot.Line;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>
/// Tells a person in LINE what an administrator decided on the dashboard about their registration, with chat's own
/// <see cref="Registrations.TellDecisionAsync"/>: here only the channel has to be found (chat knows it from the event).
/// </summary>
public sealed class RegistrationDecisionNotice(ItaBotDb db, Outbox outbox)
{
    /// <summary>Queues the push; false when the person's LINE channel is not known (they never wrote from a chat of this organization).</summary>
    public async Task<bool> TellAsync(UnitPerson person, CancellationToken ct)
    {
        if (await ChannelOfAsync(person, ct) is not { } channel) return false;
        await Registrations.TellDecisionAsync(outbox, channel, person, ct);
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
