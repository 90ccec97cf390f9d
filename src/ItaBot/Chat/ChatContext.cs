using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>Everything a command handler needs to know about the event it answers.</summary>
public sealed class ChatContext
{
    public required ChatInput Input { get; init; }
    public required LineChat Chat { get; init; }
    public Organization? Organization { get; init; }

    /// <summary>The person's LINE display name when known (learned from the profile API, never waited for).</summary>
    public string? UserName { get; init; }

    public bool IsAdmin { get; init; }
    public DateTime NowUtc { get; init; }

    public string Channel => Input.Channel;
    public string ChatId => Input.ChatId;
    public string? UserId => Input.UserId;
    public bool IsGroup => Input.Kind != ChatKind.User;
}
