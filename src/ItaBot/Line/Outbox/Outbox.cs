using System.Text.Json;
using System.Text.Json.Nodes;
using ItaBot.Data;
using ItaBot.Line.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

/// <summary>
/// Every message the bot sends goes through here, replies included. Enqueueing only adds rows to the caller's
/// <see cref="ItaBotDb"/>: they are saved by the caller's own SaveChangesAsync (the inbox worker saves them with the
/// event's other changes and its done mark), so a message is queued exactly when the change that caused it is
/// committed. <see cref="OutboxSender"/> sends them, at once for an event's answers. What LINE would refuse is fitted
/// first (<see cref="LineMessageFit"/>), so a stored change never waits on a message LINE rejects.
/// </summary>
public sealed class Outbox(ItaBotDb db, TimeProvider time, OutboxSignal signal, IOptionsMonitor<LineOptions> options, ILogger<Outbox> log)
{
    bool _listening;
    readonly List<OutboxMessage> _added = [];

    /// <summary>The rows this scope queued (ids are set once saved), so the inbox worker can send an event's answers straight away.</summary>
    public IReadOnlyList<OutboxMessage> Added => _added;

    /// <summary>
    /// Set by a caller that sends what this scope queues itself, right after its commit (the inbox worker: an event's
    /// answers, <see cref="OutboxSender.SendNowAsync"/>): the sender's rounds are then not woken for these rows at every
    /// save, where they would only look for rows that are not committed yet or already being sent.
    /// </summary>
    public bool SentByCaller { get; set; }

    /// <summary>Rows this scope wrote in bulk (<see cref="EnqueuePushesAsync"/>): not in <see cref="Added"/>, so left to the sender's rounds.</summary>
    public bool QueuedInBulk { get; private set; }

    /// <summary>
    /// Queues messages to one user, group or room, five per request. With a <paramref name="dedupeKey"/> the
    /// push is queued once only, however often this is called with that key (false when it already was).
    /// <paramref name="tag"/> is remembered with the ids LINE gives the messages (see <see cref="SentMessages"/>).
    /// It is tried until sent, for at most <c>Line__Outbox__StaleAfter</c> (24 h) or until <paramref name="staleAfterUtc"/>
    /// if sooner (a reminder after its day), then dropped.
    /// </summary>
    public Task<bool> EnqueuePushAsync(string channel, string to, IReadOnlyList<JsonObject> messages, string? dedupeKey = null, string? tag = null,
        DateTime? staleAfterUtc = null, CancellationToken ct = default) =>
        EnqueueAsync(channel, OutboxKind.Push, [to], messages, dedupeKey, tag, staleAfterUtc, null, ct);

    /// <summary>
    /// <see cref="EnqueuePushAsync"/> for many keyed pushes at once (a reminder wave): the keys already queued are found in
    /// one query, and the new rows are written at once in multi-row statements (<see cref="BulkInsert"/>), in the caller's
    /// transaction, which must be open — not at its SaveChanges, and not tracked. Returns the keys queued now; the others
    /// were queued before.
    /// </summary>
    public async Task<IReadOnlySet<string>> EnqueuePushesAsync(IReadOnlyList<KeyedPush> pushes, CancellationToken ct = default)
    {
        var taken = db.LineOutbox.Local.Where(m => m.DedupeKey is not null).Select(m => m.DedupeKey!).ToHashSet(StringComparer.Ordinal);
        foreach (var keys in pushes.Select(p => p.DedupeKey).Distinct(StringComparer.Ordinal).Chunk(500))
            taken.UnionWith(await db.LineOutbox.Where(m => keys.Contains(m.DedupeKey)).Select(m => m.DedupeKey!).ToListAsync(ct));
        var queued = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<OutboxMessage>();
        foreach (var push in pushes)
        {
            if (!taken.Add(push.DedupeKey)) continue;
            rows.AddRange(Rows(push.Channel, OutboxKind.Push, [push.To], push.Messages, push.DedupeKey, push.Tag, push.StaleAfterUtc, null));
            queued.Add(push.DedupeKey);
        }
        await BulkInsert.RowsAsync(db, rows, ct);
        QueuedInBulk |= rows.Count > 0;
        Listen();
        return queued;
    }

    /// <summary>Queues the same messages to many users (not groups), 500 users and five messages per request.</summary>
    public Task<bool> EnqueueMulticastAsync(string channel, IReadOnlyList<string> userIds, IReadOnlyList<JsonObject> messages, string? dedupeKey = null, CancellationToken ct = default) =>
        EnqueueAsync(channel, OutboxKind.Multicast, userIds, messages, dedupeKey, null, null, null, ct);

    /// <summary>An event's answer by reply token: the first five messages by reply (retried with the same token while it lives), the rest pushed after it.</summary>
    internal Task EnqueueReplyAsync(string channel, string chat, string replyToken, DateTime replyUntilUtc, IReadOnlyList<JsonObject> messages, string? tag, CancellationToken ct) =>
        EnqueueAsync(channel, OutboxKind.Reply, [chat], messages, null, tag, time.GetUtcNow().UtcDateTime + options.CurrentValue.Outbox.ReplyStaleAfter, (replyToken, replyUntilUtc), ct);

    /// <summary>An event's answer that can only be pushed (no reply token, or too old).</summary>
    internal Task EnqueueReplyFallbackAsync(string channel, string chat, IReadOnlyList<JsonObject> messages, string? tag, CancellationToken ct) =>
        EnqueueAsync(channel, OutboxKind.ReplyFallback, [chat], messages, null, tag, time.GetUtcNow().UtcDateTime + options.CurrentValue.Outbox.ReplyStaleAfter, null, ct);

    async Task<bool> EnqueueAsync(string channel, OutboxKind kind, IReadOnlyList<string> to, IReadOnlyList<JsonObject> messages, string? dedupeKey,
        string? tag, DateTime? staleAfterUtc, (string Token, DateTime Until)? reply, CancellationToken ct)
    {
        if (dedupeKey is not null)
        {
            if (db.LineOutbox.Local.Any(m => m.DedupeKey == dedupeKey) || await db.LineOutbox.AnyAsync(m => m.DedupeKey == dedupeKey, ct))
                return false;
        }
        foreach (var row in Rows(channel, kind, to, messages, dedupeKey, tag, staleAfterUtc, reply))
        {
            db.LineOutbox.Add(row);
            _added.Add(row);
        }
        Listen();
        return true;
    }

    /// <summary>The sender is woken when the rows are saved.</summary>
    void Listen()
    {
        if (_listening) return;
        _listening = true;
        db.SavedChanges += (_, _) =>
        {
            if (!SentByCaller) signal.Notify();
        };
    }

    /// <summary>The rows of one enqueue: messages fitted to LINE's limits, five per request, 500 users per multicast.</summary>
    List<OutboxMessage> Rows(string channel, OutboxKind kind, IReadOnlyList<string> to, IReadOnlyList<JsonObject> messages, string? dedupeKey,
        string? tag, DateTime? staleAfterUtc, (string Token, DateTime Until)? reply)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        if (to.Count == 0 || to.Any(string.IsNullOrEmpty)) throw new ArgumentException("Every recipient needs an id.", nameof(to));
        if (messages.Count == 0) throw new ArgumentException("Nothing to send.", nameof(messages));

        var fitted = LineMessageFit.Fit(messages);
        if (fitted.Unsendable.Count > 0)
            log.LogError("A message for {To} breaks LINE's limits even after fitting and was replaced by a short notice: {Problems}",
                to[0], string.Join("; ", fitted.Unsendable.Take(5).Select(v => $"{v.Property}: {v.Message}")));
        else if (fitted.Changes.Count > 0)
            log.LogWarning("A message for {To} was fitted to LINE's limits: {Changes}", to[0], string.Join("; ", fitted.Changes.Take(5)));

        var now = time.GetUtcNow().UtcDateTime;
        // Never later than LINE remembers a retry key: a push retried after that could arrive twice.
        var latest = now + options.CurrentValue.Outbox.StaleAfter;
        var stale = staleAfterUtc is { } s && s < latest ? s : latest;
        var recipientGroups = kind == OutboxKind.Multicast ? to.Chunk(LineApiClient.MaxMulticastRecipients).ToList() : [to.ToArray()];
        var messageChunks = fitted.Messages.Chunk(LineApiClient.MaxMessagesPerCall).ToList();
        var rows = new List<OutboxMessage>();
        var part = 0;
        foreach (var recipients in recipientGroups)
        {
            foreach (var chunk in messageChunks)
            {
                part++;
                var isReply = reply is not null && part == 1;
                rows.Add(new OutboxMessage
                {
                    Channel = channel,
                    // Beyond the first five, an answer goes on as pushes queued behind its reply (so they arrive after it).
                    Kind = kind == OutboxKind.Reply && !isReply ? OutboxKind.ReplyFallback : kind,
                    To = string.Join(',', recipients),
                    RecipientCount = recipients.Length,
                    MessagesJson = Serialize(chunk),
                    MessageCount = chunk.Length,
                    RetryKey = Guid.NewGuid(),
                    // The first request carries the caller's key; the others hang off it, so a repeat is caught by the first.
                    DedupeKey = dedupeKey is null ? null : part == 1 ? dedupeKey : $"{dedupeKey}#{part}",
                    ReplyToken = isReply ? reply!.Value.Token : null,
                    ReplyUntilUtc = isReply ? reply!.Value.Until : null,
                    StaleAfterUtc = stale,
                    State = OutboxState.Pending,
                    NextAttemptAtUtc = now,
                    CreatedAtUtc = now,
                    Tag = tag,
                });
            }
        }
        return rows;
    }

    internal static string Serialize(IEnumerable<JsonObject> messages)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, LineJson.WriterOptions))
        {
            writer.WriteStartArray();
            foreach (var message in messages) message.WriteTo(writer, LineJson.Options);
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    internal static IReadOnlyList<JsonObject> Deserialize(string messagesJson) =>
        (JsonNode.Parse(messagesJson) as JsonArray ?? []).Select(n => n!.AsObject()).ToList();
}

/// <summary>A push queued once only under its key (see <see cref="Outbox.EnqueuePushesAsync"/>).</summary>
public sealed record KeyedPush(string Channel, string To, IReadOnlyList<JsonObject> Messages, string DedupeKey, string? Tag = null, DateTime? StaleAfterUtc = null);
