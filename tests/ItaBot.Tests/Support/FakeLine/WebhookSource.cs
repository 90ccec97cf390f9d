using System.Text.Json.Nodes;

namespace ItaBot.Tests.Support.FakeLine;

/// <summary>Where a webhook event came from: a one-to-one chat, a group or a room, and who in it.</summary>
public sealed record WebhookSource(string Type, string? UserId, string? GroupId = null, string? RoomId = null)
{
    public static WebhookSource User(string userId) => new("user", userId);
    public static WebhookSource Group(string groupId, string? userId = null) => new("group", userId, groupId);
    public static WebhookSource Room(string roomId, string? userId = null) => new("room", userId, RoomId: roomId);

    /// <summary>The chat a reply lands in: the group or room, else the user.</summary>
    public string ChatId => GroupId ?? RoomId ?? UserId ?? throw new InvalidOperationException("A user source needs a user ID");

    /// <summary>
    /// The <c>source</c> object. In groups and rooms LINE names the user only on events a user caused
    /// (messages, postbacks); join/leave/member events carry just the chat.
    /// </summary>
    public JsonObject ToJson(bool withUser = true)
    {
        var json = new JsonObject { ["type"] = Type };
        if (GroupId is not null) json["groupId"] = GroupId;
        if (RoomId is not null) json["roomId"] = RoomId;
        if (UserId is not null && (withUser || Type == "user")) json["userId"] = UserId;
        return json;
    }
}
