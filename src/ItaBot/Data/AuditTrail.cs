using ItaBot.Chat;

namespace ItaBot.Data;

/// <summary>
/// Who changed what, where and when, saved with the change it describes. Chat records its changes with the chat
/// they were made in; the dashboard with channel <see cref="DashboardChannel"/> and the signed-in account.
/// </summary>
public static class AuditTrail
{
    public const string DashboardChannel = "dashboard";

    public static void Record(ItaBotDb db, DateTime atUtc, int? organizationId, string channel, string chatId, string? userId, string? userName, string action, string? detail) =>
        db.ChatAudit.Add(new ChatAuditEntry
        {
            AtUtc = atUtc,
            OrganizationId = organizationId,
            Channel = channel,
            ChatId = chatId,
            UserId = userId,
            UserName = userName,
            Action = action,
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        });
}
