using System.Text.Json;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// The LINE side of the chat: turns a webhook event into a <see cref="ChatInput"/>, runs the <see cref="ChatEngine"/>
/// and queues the answer. It owns no transaction: the inbox worker's one transaction per event holds the engine's
/// changes, the queued reply and the done mark together, and the reply is sent after that commit.
/// </summary>
public sealed class LineChatHandler(
    ChatEngine engine, ItaBotDb db, LineApiClient api, LineChannels channels, PostbackKey postbackKey, Authorization auth,
    Import.PlanImporter importer, ChatEvidence evidence, Tracking.EntryLinks entryLinks, TimeProvider time,
    Microsoft.Extensions.Options.IOptions<LineOptions> lineOptions, ILogger<LineChatHandler> log) : ILineEventHandler, IAsyncDisposable
{
    /// <summary>
    /// Tries of an event whose video LINE is still preparing (the inbox tries again after 10 s, 20 s, 40 s …); after
    /// them the sender is told to send it again. Never more than the inbox's own limit.
    /// </summary>
    public const int VideoTries = 4;

    /// <summary>A display name is nice to have in the audit trail, never worth a slow answer.</summary>
    static readonly TimeSpan ProfileWait = TimeSpan.FromSeconds(1);

    string? _userName;

    FileDownload? _file;
    long _fileMax;

    /// <summary>
    /// Network work before the write lock: the person's display name, the postback key made on first use, and a plan
    /// file an administrator sent (downloaded here, so the event's transaction does not wait on LINE's content API).
    /// </summary>
    public async Task PrepareAsync(LineEventContext context, CancellationToken ct)
    {
        var e = context.Event;
        if (e.Source.UserId is { } userId && e.Type is "message" or "postback" or "follow")
            _userName = await NameAsync(context.Channel, e.Source, userId, ct);
        await postbackKey.GetAsync(ct);
        if (e.Type == "postback") await entryLinks.WarmAsync(ct);
        // Evidence first: LINE keeps sent content only for a while, so a photo or video that follows the bot's business is fetched now.
        if (ToInput(context) is { Event: MediaReceived media } input && media.DeclaredSize <= ChatEvidence.Limit(media)
            && await evidence.WantsContentAsync(input, time.GetUtcNow().UtcDateTime, ct))
        {
            _fileMax = ChatEvidence.Limit(media);
            _file = await FetchAsync(context, media, _fileMax, ct);
        }
        else if (e is { Type: "message", Message: { Type: "file" } file } && e.Source.ChatId is { } chatId
            && await MayBeAPlanFileAsync(context.Channel, chatId, e.Source, ct) && FileSize(e.Raw) <= importer.Limits.MaxFileBytes)
        {
            _fileMax = importer.Limits.MaxFileBytes;
            _file = await DownloadAsync(context.Channel, file.Id, _fileMax, ct);
        }
    }

    /// <summary>Only an administrator's chat imports files (<see cref="PlanFiles"/> decides again inside the transaction).</summary>
    async Task<bool> MayBeAPlanFileAsync(string channel, string chatId, LineSource source, CancellationToken ct)
    {
        var chat = await db.LineChats.AsNoTracking().FirstOrDefaultAsync(c => c.Channel == channel && c.ChatId == chatId, ct)
            ?? new LineChat { Channel = channel, ChatId = chatId };
        return await auth.IsAdminAsync(chat, source.UserId, ct) && (source.Type == "user" || chat.IsAdminChat);
    }

    public async Task HandleAsync(LineEventContext context, CancellationToken ct)
    {
        if (ToInput(context) is not { } input) return;
        var reply = await engine.HandleAsync(input with { UserName = _userName }, ct);
        if (reply.Messages.Count > 0) await context.ReplyAsync(reply.Messages, reply.Tag, ct);
    }

    ChatInput? ToInput(LineEventContext context)
    {
        var e = context.Event;
        var source = e.Source;
        if (source.ChatId is not { } chatId) return null;
        var kind = source.Type switch { "group" => ChatKind.Group, "room" => ChatKind.Room, _ => ChatKind.User };
        var timestamp = e.Timestamp.ToUnixTimeMilliseconds();
        ChatEvent chatEvent = e.Type switch
        {
            "message" when e.Message is { Type: "text", Text: { } text } m => new TextReceived(text, m.Id, timestamp, m.QuotedMessageId,
                m.Mentions.Select(x => new TextMention(x.Index, x.Length, x.IsSelf)).ToList()),
            "message" when e.Message is { Type: "file" or "image" or "video", Id.Length: > 0 } media => Media(context, e, media),
            "message" when e.Message is { Type: "sticker" } => new StickerReceived(),
            "message" => new OtherEvent("message:" + e.Message?.Type),
            "messageEdited" when e.Message is { Id.Length: > 0, Text: { } text } m => new MessageEdited(m.Id, text, timestamp),
            "unsend" when e.UnsentMessageId is { } unsent => new MessageUnsent(unsent),
            "postback" when e.Postback is { } postback => new PostbackReceived(postback.Data),
            "join" => new BotJoined(),
            "leave" => new BotLeft(),
            "follow" => new Followed(),
            "unfollow" => new Unfollowed(),
            "memberJoined" => new MembersJoined(Members(e.Raw, "joined")),
            "memberLeft" => new MembersLeft(Members(e.Raw, "left")),
            _ => new OtherEvent(e.Type),
        };
        return new ChatInput(context.Channel, kind, chatId, source.UserId, chatEvent);
    }

    /// <summary>A photo, video or file; the download is the one made before the write lock when it covers the limit asked for.</summary>
    MediaReceived Media(LineEventContext context, LineEvent e, LineEventMessage media)
    {
        var kind = media.Type switch { "image" => MediaKind.Image, "video" => MediaKind.Video, _ => MediaKind.File };
        var message = e.Raw.TryGetProperty("message", out var m) ? m : default;
        var set = message.ValueKind == JsonValueKind.Object && message.TryGetProperty("imageSet", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var setId = set.ValueKind == JsonValueKind.Object ? LineEvent.Str(set, "id") : null;
        var total = set.ValueKind == JsonValueKind.Object && set.TryGetProperty("total", out var t) && t.TryGetInt32(out var n) ? Math.Clamp(n, 1, 100) : 1;
        var name = kind switch { MediaKind.Image => "รูปภาพ.jpg", MediaKind.Video => "วิดีโอ.mp4", _ => FileName(e.Raw) };
        return new MediaReceived(media.Id, kind, name, kind == MediaKind.File ? FileSize(e.Raw) : 0, setId is { Length: > 0 and <= 64 } ? setId : null, total,
            media.QuotedMessageId ?? (message.ValueKind == JsonValueKind.Object ? LineEvent.Str(message, "quotedMessageId") : null),
            (max, ct) => _file is { } fetched && max <= _fileMax ? Task.FromResult(fetched) : DownloadAsync(context.Channel, media.Id, max, ct));
    }

    /// <summary>Photos and documents in memory (10 MB at most); videos streamed to a temporary file once LINE has them ready.</summary>
    async Task<FileDownload> FetchAsync(LineEventContext context, MediaReceived media, long max, CancellationToken ct)
    {
        if (max <= Tracking.Evidence.EvidenceLimits.MaxFileBytes) return await DownloadAsync(context.Channel, media.MessageId, max, ct);
        if (channels.Find(context.Channel) is not { CanSend: true } channel) return new FileDownload(null);
        if (media.Kind == MediaKind.Video)
        {
            var preparing = await api.GetContentTranscodingAsync(channel, media.MessageId, ct);
            if (preparing is { Ok: true, Value.IsFailed: true }) return new FileDownload(null) { PreparationFailed = true };
            if (preparing is { Ok: true, Value.IsProcessing: true }) return NotReady(context, media);
        }
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"itabot-video-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 128 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var download = await api.DownloadMessageContentAsync(channel, media.MessageId, file, max, ct);
            if (download is { Ok: true, Value.NotReady: true })
            {
                await file.DisposeAsync();
                return NotReady(context, media);
            }
            if (!download.Ok)
            {
                await file.DisposeAsync();
                log.LogWarning("Downloading a video sent to the bot failed: {Result}", download);
                return new FileDownload(null, download.IsTooLarge);
            }
            await file.FlushAsync(ct);
            return new FileDownload(null) { File = file };
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>LINE is still preparing the video: the inbox tries the event again later, a few times, then the sender is told.</summary>
    FileDownload NotReady(LineEventContext context, MediaReceived media)
    {
        if (context.Attempt < Math.Min(VideoTries, lineOptions.Value.Inbox.MaxAttempts))
            throw new VideoNotReadyException($"LINE is still preparing video {media.MessageId} (try {context.Attempt}); the event is tried again later");
        return new FileDownload(null) { NotReady = true };
    }

    public async ValueTask DisposeAsync()
    {
        if (_file?.File is { } file) await file.DisposeAsync();
    }

    /// <summary>The name we already know, else a quick look at LINE's profile (bounded; no name is fine).</summary>
    async Task<string?> NameAsync(string channelName, LineSource source, string userId, CancellationToken ct)
    {
        var known = await db.ChatMembers.AsNoTracking().Where(m => m.UserId == userId && m.DisplayName != null).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        if (known is not null || channels.Find(channelName) is not { CanSend: true } channel) return known;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(ProfileWait);
        try
        {
            if (source.GroupId is { } groupId)
            {
                var member = await api.GetGroupMemberProfileAsync(channel, groupId, userId, wait.Token);
                if (member.Ok) return member.Value!.DisplayName;
            }
            var profile = await api.GetProfileAsync(channel, userId, wait.Token);
            return profile.Ok ? profile.Value!.DisplayName : null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            log.LogDebug("LINE profile of a user took longer than {Wait}; going on without the name", ProfileWait);
            return null;
        }
    }

    async Task<FileDownload> DownloadAsync(string channelName, string messageId, long maxBytes, CancellationToken ct)
    {
        if (channels.Find(channelName) is not { CanSend: true } channel) return new FileDownload(null);
        var content = await api.GetMessageContentAsync(channel, messageId, maxBytes, ct);
        if (!content.Ok) log.LogWarning("Downloading a file sent to the bot failed: {Result}", content);
        return new FileDownload(content.Ok ? content.Value!.Content : null, content.IsTooLarge);
    }

    /// <summary>Thrown before the event's transaction, so the inbox tries the event again after its backoff.</summary>
    public sealed class VideoNotReadyException(string message) : Exception(message);

    static IReadOnlyList<string> Members(JsonElement raw, string property) =>
        raw.TryGetProperty(property, out var part) && part.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array
            ? members.EnumerateArray().Select(m => m.TryGetProperty("userId", out var id) ? id.GetString() : null).OfType<string>().ToList()
            : [];

    static string FileName(JsonElement raw) =>
        raw.TryGetProperty("message", out var m) && m.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "file";

    static long FileSize(JsonElement raw) =>
        raw.TryGetProperty("message", out var m) && m.TryGetProperty("fileSize", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0;
}
