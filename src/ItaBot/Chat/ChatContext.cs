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

    /// <summary>The LINE message being handled (a text, or the one edited or unsent), when there is one.</summary>
    public string? MessageId { get; init; }

    /// <summary>LINE's timestamp (ms) of that message's version being handled.</summary>
    public long MessageTimestamp { get; init; }

    public string Channel => Input.Channel;
    public string ChatId => Input.ChatId;
    public string? UserId => Input.UserId;
    public bool IsGroup => Input.Kind != ChatKind.User;
}

/// <summary>What the bot answers to one event, and what its messages are (kept with their LINE ids, see <see cref="Tags"/>).</summary>
public sealed record ChatReply(List<System.Text.Json.Nodes.JsonObject> Messages, string? Tag = null)
{
    public static ChatReply None => new([]);

    public static implicit operator ChatReply(List<System.Text.Json.Nodes.JsonObject> messages) => new(messages);
}
