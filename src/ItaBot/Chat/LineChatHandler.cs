using System.Text.Json;
using ItaBot.Data;
using ItaBot.Line;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>
/// The LINE side of the chat: turns a webhook event into a <see cref="ChatInput"/>, runs the
/// <see cref="ChatEngine"/>, and answers (reply while the token is fresh, push otherwise).
/// </summary>
public sealed class LineChatHandler(
    ChatEngine engine, ItaBotDb db, LineApiClient api, LineChannels channels, PostbackKey postbackKey, TimeProvider time,
    ILogger<LineChatHandler> log) : ILineEventHandler
{
    /// <summary>A display name is nice to have in the audit trail, never worth a slow answer.</summary>
    static readonly TimeSpan ProfileWait = TimeSpan.FromSeconds(1);

    static readonly TimeSpan KeepHandledFor = TimeSpan.FromDays(7);

    /// <summary>
    /// Everything the event changes is committed in one transaction with a "handled" mark, then the answer goes
    /// out: a failure half-way leaves nothing behind, and a repeated attempt after the commit changes nothing twice.
    /// </summary>
    public async Task HandleAsync(LineEventContext context, CancellationToken ct)
    {
        var input = ToInput(context);
        if (input is null) return;
        var eventId = context.Event.WebhookEventId;
        if (context.Attempt > 1 && await db.HandledChatEvents.AnyAsync(e => e.WebhookEventId == eventId, ct))
        {
            log.LogInformation("LINE event {Id} was already handled before a retry; not doing it twice", eventId);
            return;
        }
        if (input.UserId is not null && input.Event is TextReceived or PostbackReceived or FileReceived or Followed)
            input = input with { UserName = await NameAsync(context.Channel, input, ct) };
        // The key may be created on first use through a connection of its own: do that before taking the write lock.
        await postbackKey.GetAsync(ct);

        List<System.Text.Json.Nodes.JsonObject> messages;
        var now = time.GetUtcNow().UtcDateTime;
        // The plan importer commits in its own transaction; importing the same file twice changes nothing anyway.
        await using (var transaction = input.Event is FileReceived ? null : await db.Database.BeginTransactionAsync(ct))
        {
            messages = await engine.HandleAsync(input, ct);
            db.HandledChatEvents.Add(new HandledChatEvent { WebhookEventId = eventId, Channel = context.Channel, HandledAtUtc = now });
            await db.SaveChangesAsync(ct);
            await db.HandledChatEvents.Where(e => e.HandledAtUtc < now - KeepHandledFor).ExecuteDeleteAsync(ct);
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        if (messages.Count > 0) await context.ReplyAsync(messages, ct);
    }

    ChatInput? ToInput(LineEventContext context)
    {
        var e = context.Event;
        var source = e.Source;
        if (source.ChatId is not { } chatId) return null;
        var kind = source.Type switch { "group" => ChatKind.Group, "room" => ChatKind.Room, _ => ChatKind.User };
        ChatEvent? chatEvent = e.Type switch
        {
            "message" when e.Message is { Type: "text", Text: { } text } => new TextReceived(text),
            "message" when e.Message is { Type: "file" } file => new FileReceived(file.Id, FileName(e.Raw), FileSize(e.Raw), (max, ct) => DownloadAsync(context.Channel, file.Id, max, ct)),
            "message" => new OtherEvent("message:" + e.Message?.Type),
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

    /// <summary>The name we already know, else a quick look at LINE's profile (bounded; no name is fine).</summary>
    async Task<string?> NameAsync(string channelName, ChatInput input, CancellationToken ct)
    {
        var known = await db.ChatMembers.Where(m => m.UserId == input.UserId && m.DisplayName != null).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);
        if (known is not null || channels.Find(channelName) is not { CanSend: true } channel) return known;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(ProfileWait);
        try
        {
            if (input.Kind == ChatKind.Group)
            {
                var member = await api.GetGroupMemberProfileAsync(channel, input.ChatId, input.UserId!, wait.Token);
                if (member.Ok) return member.Value!.DisplayName;
            }
            var profile = await api.GetProfileAsync(channel, input.UserId!, wait.Token);
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

    static IReadOnlyList<string> Members(JsonElement raw, string property) =>
        raw.TryGetProperty(property, out var part) && part.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array
            ? members.EnumerateArray().Select(m => m.TryGetProperty("userId", out var id) ? id.GetString() : null).OfType<string>().ToList()
            : [];

    static string FileName(JsonElement raw) =>
        raw.TryGetProperty("message", out var m) && m.TryGetProperty("fileName", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "file";

    static long FileSize(JsonElement raw) =>
        raw.TryGetProperty("message", out var m) && m.TryGetProperty("fileSize", out var size) && size.TryGetInt64(out var bytes) ? bytes : 0;
}
