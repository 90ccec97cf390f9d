namespace ItaBot.Chat;

/// <summary>
/// One LINE event as the chat engine sees it: which channel and chat, who (when LINE says), and what happened.
/// The LINE adapter builds it; tests of the engine can too.
/// </summary>
/// <param name="UserName">The person's LINE display name when the adapter could learn it quickly; optional.</param>
public sealed record ChatInput(string Channel, ChatKind Kind, string ChatId, string? UserId, ChatEvent Event, string? UserName = null);

public abstract record ChatEvent;

public sealed record TextReceived(string Text) : ChatEvent;

public sealed record PostbackReceived(string Data) : ChatEvent;

/// <summary>A file sent to the bot; <see cref="Download"/> fetches its bytes (null when LINE has none).</summary>
public sealed record FileReceived(string MessageId, string FileName, long Size, Func<CancellationToken, Task<byte[]?>> Download) : ChatEvent;

public sealed record BotJoined : ChatEvent;

public sealed record BotLeft : ChatEvent;

public sealed record Followed : ChatEvent;

public sealed record Unfollowed : ChatEvent;

public sealed record MembersJoined(IReadOnlyList<string> UserIds) : ChatEvent;

public sealed record MembersLeft(IReadOnlyList<string> UserIds) : ChatEvent;

/// <summary>Anything else (stickers, images, unsend …): learned from, not answered.</summary>
public sealed record OtherEvent(string Type) : ChatEvent;
