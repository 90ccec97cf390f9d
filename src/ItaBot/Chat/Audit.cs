using ItaBot.Data;

namespace ItaBot.Chat;

/// <summary>Records who changed what, where and when (saved with the change it describes).</summary>
public static class Audit
{
    public static void Record(ItaBotDb db, ChatContext ctx, string action, string? detail = null) =>
        db.ChatAudit.Add(new ChatAuditEntry
        {
            AtUtc = ctx.NowUtc,
            OrganizationId = ctx.Organization?.Id,
            Channel = ctx.Channel,
            ChatId = ctx.ChatId,
            UserId = ctx.UserId,
            UserName = ctx.UserName,
            Action = action,
            Detail = detail,
        });
}
