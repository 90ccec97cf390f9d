namespace ItaBot.Chat;

/// <summary>
/// One LINE event as the chat engine sees it: which channel and chat, who (when LINE says), and what happened.
/// The LINE adapter builds it; tests of the engine can too.
/// </summary>
/// <param name="UserName">The person's LINE display name when the adapter could learn it quickly; optional.</param>
public sealed record ChatInput(string Channel, ChatKind Kind, string ChatId, string? UserId, ChatEvent Event, string? UserName = null);

public abstract record ChatEvent;

/// <summary>A text message. <paramref name="Timestamp"/> is LINE's (ms); an edit of the message carries a later one.</summary>
public sealed record TextReceived(string Text, string? MessageId = null, long Timestamp = 0, string? QuotedMessageId = null, IReadOnlyList<TextMention>? Mentions = null) : ChatEvent;

/// <summary>"@someone" in a text: characters [Index, Index + Length); <paramref name="IsBot"/> when it is this bot (LINE's isSelf).</summary>
public sealed record TextMention(int Index, int Length, bool IsBot);

/// <summary>A group member edited a text message (LINE sends the whole new text; the largest timestamp is the latest version).</summary>
public sealed record MessageEdited(string MessageId, string Text, long Timestamp) : ChatEvent;

/// <summary>A member withdrew ("unsent") a message.</summary>
public sealed record MessageUnsent(string MessageId) : ChatEvent;

/// <summary>A sticker: never an answer to anything.</summary>
public sealed record StickerReceived : ChatEvent;

public sealed record PostbackReceived(string Data) : ChatEvent;

/// <summary>
/// A file sent to the bot; <see cref="Download"/> fetches at most the given number of bytes (the declared
/// <see cref="Size"/> is the sender's word, not a limit).
/// </summary>
public sealed record FileReceived(string MessageId, string FileName, long Size, Func<long, CancellationToken, Task<FileDownload>> Download) : ChatEvent;

public enum MediaKind { Image, Video, File }

/// <summary>
/// A photo, video or file a person sent: maybe evidence for a measure (<see cref="ChatEvidence"/>), else, for a
/// file in an administrator's chat, maybe a plan (<see cref="PlanFile"/>). <see cref="Download"/> fetches at most
/// the given number of bytes; <see cref="DeclaredSize"/> is LINE's word for files (0 when it gave none).
/// </summary>
/// <param name="SetId">LINE's image-set id when several photos were sent at once (one event each, <paramref name="SetTotal"/> in all).</param>
public sealed record MediaReceived(
    string MessageId, MediaKind Kind, string FileName, long DeclaredSize, string? SetId, int SetTotal, string? QuotedMessageId,
    Func<long, CancellationToken, Task<FileDownload>> Download) : ChatEvent
{
    public FileReceived? PlanFile => Kind == MediaKind.File ? new FileReceived(MessageId, FileName, DeclaredSize, Download) : null;
}

/// <summary>The file's bytes; null with <see cref="TooLarge"/> when it passed the limit, null alone when LINE had none.</summary>
public sealed record FileDownload(byte[]? Content, bool TooLarge = false)
{
    /// <summary>A video streamed to a temporary file instead of <see cref="Content"/> (its owner deletes it when the event is done).</summary>
    public Stream? File { get; init; }

    /// <summary>LINE was still preparing the video after every try, or said preparing it failed.</summary>
    public bool NotReady { get; init; }
    public bool PreparationFailed { get; init; }

    public bool Received => Content is not null || File is not null;

    /// <summary>The content from its start, read once (disposing a temporary file deletes it).</summary>
    public Stream OpenRead()
    {
        if (File is not { } file) return new MemoryStream(Content ?? [], writable: false);
        file.Position = 0;
        return file;
    }
}

public sealed record BotJoined : ChatEvent;

public sealed record BotLeft : ChatEvent;

public sealed record Followed : ChatEvent;

public sealed record Unfollowed : ChatEvent;

public sealed record MembersJoined(IReadOnlyList<string> UserIds) : ChatEvent;

public sealed record MembersLeft(IReadOnlyList<string> UserIds) : ChatEvent;

/// <summary>Anything else (stickers, images, unsend …): learned from, not answered.</summary>
public sealed record OtherEvent(string Type) : ChatEvent;
