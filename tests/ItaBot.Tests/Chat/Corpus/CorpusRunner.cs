using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Tests.Support.FakeLine;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>What one corpus message led to, as the people in the chat and the report would see it.</summary>
sealed record CorpusOutcome(
    CorpusCase Case,
    IReadOnlyDictionary<string, MeasureStatus> Records,
    IReadOnlyList<StatusReport> NewEntries,
    IReadOnlyList<string> Replies,
    IReadOnlyDictionary<string, MeasureStatus?> Standing,
    IReadOnlyList<string> AttachedTo)
{
    public bool Replied => Replies.Count > 0;
    public bool Recorded => Records.Count > 0;
    public bool Silent => !Replied && !Recorded;
    public List<string> Problems { get; } = [];
}

/// <summary>Plays the corpus through the signed webhook, one case (or one thread) at a time from a fresh state.</summary>
sealed class CorpusRunner(CorpusWorld world)
{
    readonly ChatHarness h = world.H;

    public System.Diagnostics.Stopwatch Resetting { get; } = new();
    public System.Diagnostics.Stopwatch Sending { get; } = new();
    public System.Diagnostics.Stopwatch Observing { get; } = new();

    public async Task<List<CorpusOutcome>> RunAsync(IReadOnlyList<CorpusCase> cases)
    {
        var outcomes = new List<CorpusOutcome>();
        string? thread = null;
        string? reminderId = null;
        string? previousHuman = null;
        foreach (var c in cases)
        {
            if (c.Thread is null || c.Thread != thread)
            {
                Resetting.Start();
                await world.ResetAsync();
                Resetting.Stop();
                reminderId = null;
                previousHuman = null;
            }
            thread = c.Thread;
            if (c.Event == "reminder")
            {
                reminderId = await RemindAsync(c.Where);
                continue;
            }

            if (c.State is { } state) await SetStateAsync(state);
            foreach (var before in c.Before ?? [])
            {
                h.Time.Advance(TimeSpan.FromMinutes(1));
                var said = world.H.Signer.TextWithMentions(world.Source(before.Who ?? c.Who, c.Where), before.Text, CorpusWorld.BotName, world.Nicknames);
                await world.SendAsync(said);
                previousHuman = said.MessageId();
            }
            if (c.Reminder is { } minutesAgo)
            {
                reminderId = await RemindAsync(c.Where);
                h.Time.Advance(TimeSpan.FromMinutes(minutesAgo));
            }
            else
            {
                h.Time.Advance(TimeSpan.FromMinutes(c.After ?? 1));
            }

            var quoted = c.Quote switch
            {
                "reminder" => reminderId ?? throw new InvalidDataException($"{c.Source}: quotes a reminder, but none was sent"),
                "bot" => h.Line.LastSentMessageId(world.Source(c.Who, c.Where).ChatId) ?? throw new InvalidDataException($"{c.Source}: quotes the bot, which said nothing"),
                "prev" => previousHuman ?? throw new InvalidDataException($"{c.Source}: quotes the message before, and there is none"),
                _ => null,
            };
            var source = world.Source(c.Who, c.Where);
            if (c.Media is not null)
            {
                outcomes.Add(await ObserveAsync(c, source.ChatId, MediaMessages(c, source)));
                continue;
            }
            var message = c.Sticker
                ? h.Signer.StickerMessage(source)
                : h.Signer.TextWithMentions(source, c.Text, CorpusWorld.BotName, world.Nicknames, quoted);
            outcomes.Add(await ObserveAsync(c, source.ChatId, [message]));
            if (!c.Sticker) previousHuman = message.MessageId();
        }
        return outcomes;
    }

    /// <summary>An administrator's "เตือนตอนนี้": the real reminder goes to every unit group that owes answers. Returns its LINE id in the chat.</summary>
    async Task<string?> RemindAsync(string where)
    {
        var admin = world.File.People.First(p => p.ConfiguredAdmin).Key;
        var adminGroup = world.File.Groups.First(g => g.Admin).Key;
        var chat = world.GroupId(where);
        var before = h.Line.Pushes.Count(p => p.To == chat);
        await world.SendAsync(h.Signer.TextMessage(world.Source(admin, adminGroup), "เตือนตอนนี้"));
        var pushes = h.Line.Pushes.Where(p => p.To == chat).Skip(before).ToList();
        return pushes.Count == 0 ? null : pushes[^1].SentMessageIds.LastOrDefault();
    }

    /// <summary>Statuses reported two days ago by someone else in the unit's group.</summary>
    async Task SetStateAsync(Dictionary<string, string> state) => await h.InDbAsync(async db =>
    {
        var round = await Rounds.CurrentAsync(db, world.OrganizationId, default);
        foreach (var (code, status) in state)
        {
            var measure = await db.Measures.SingleAsync(m => m.OrganizationId == world.OrganizationId && m.Code == code);
            db.StatusReports.Add(new StatusReport
            {
                MeasureId = measure.Id, RoundId = round!.Id, Status = Enum.Parse<MeasureStatus>(status),
                ReporterName = "ผู้รายงานคนก่อน", ReporterLineUserId = LineIds.User("corpus:earlier"),
                ReportedAtUtc = h.Time.GetUtcNow().UtcDateTime.AddDays(-2), Source = ReportSource.Chat,
            });
        }
        await db.SaveChangesAsync();
    });

    /// <summary>The photo(s), video or file of a media case, its bytes served by the fake content API.</summary>
    List<JsonObject> MediaMessages(CorpusCase c, WebhookSource source)
    {
        var count = Math.Max(1, c.Count ?? 1);
        var setId = count > 1 ? "set-" + Guid.NewGuid().ToString("N")[..12] : null;
        var messages = new List<JsonObject>();
        for (var i = 1; i <= count; i++)
        {
            var (message, bytes, type) = c.Media switch
            {
                "image" => (setId is null ? h.Signer.ImageMessage(source) : h.Signer.ImageSetMessage(source, setId, i, count), Photo(i), "image/jpeg"),
                "video" => (h.Signer.VideoMessage(source), CorpusFiles.Video, "video/mp4"),
                "file" => (h.Signer.FileMessage(source, c.FileName ?? "ไฟล์.pdf", CorpusFiles.For(c.FileName).Length), CorpusFiles.For(c.FileName), "application/octet-stream"),
                _ => throw new InvalidDataException($"{c.Source}: media \"{c.Media}\" is not image, video or file"),
            };
            h.Line.AddMessageContent(message.MessageId(), bytes, type);
            messages.Add(message);
        }
        return messages;
    }

    static byte[] Photo(int i) => (i % 3) switch
    {
        1 => ItaBot.Tests.Tracking.EvidenceSamples.Jpeg,
        2 => ItaBot.Tests.Tracking.EvidenceSamples.Png,
        _ => ItaBot.Tests.Tracking.EvidenceSamples.PhoneJpeg(),
    };

    async Task<CorpusOutcome> ObserveAsync(CorpusCase c, string chatId, IReadOnlyList<JsonObject> messages)
    {
        Observing.Start();
        var lastId = await h.InDbAsync(db => db.StatusReports.Select(r => (long?)r.Id).MaxAsync()) ?? 0;
        var lastFile = await h.InDbAsync(db => db.EvidenceFiles.Select(f => (long?)f.Id).MaxAsync()) ?? 0;
        var repliesBefore = h.Line.MessagesTo(chatId).Count;
        Observing.Stop();

        Sending.Start();
        foreach (var message in messages) await world.SendAsync(message);
        Sending.Stop();
        Observing.Start();

        var entries = await h.InDbAsync(db => db.StatusReports.AsNoTracking().Include(r => r.Measure).Where(r => r.Id > lastId).OrderBy(r => r.Id).ToListAsync());
        var replies = h.Line.MessagesTo(chatId).Skip(repliesBefore).Select(Readable).ToList();
        var records = new Dictionary<string, MeasureStatus>();
        // An answer to the bot's follow-up question is an entry added to a status entry; only a status entry is a record.
        foreach (var entry in entries.Where(e => e.AnswersReportId is null && !e.IsWithdrawn()))
            records[entry.Measure!.Code] = entry.Status;
        var attached = await h.InDbAsync(db => db.EvidenceFiles.AsNoTracking().Where(f => f.Id > lastFile)
            .Select(f => f.StatusReport!.Measure!.Code).ToListAsync());
        var outcome = new CorpusOutcome(c, records, entries, replies, await StandingAsync(), attached);
        Observing.Stop();
        return outcome;
    }

    async Task<Dictionary<string, MeasureStatus?>> StandingAsync() => await h.InDbAsync(async db =>
    {
        var round = await Rounds.CurrentAsync(db, world.OrganizationId, default)
            ?? await db.Rounds.Where(r => r.OrganizationId == world.OrganizationId).OrderBy(r => r.DueDate).FirstAsync();
        var latest = await MeasureStatuses.LatestInRoundAsync(db, round, default);
        var measures = await db.Measures.Where(m => m.OrganizationId == world.OrganizationId).ToListAsync();
        return measures.ToDictionary(m => m.Code, m => latest.TryGetValue(m.Id, out var r) ? r.Status : (MeasureStatus?)null);
    });

    /// <summary>What a person reads: the text, a Flex message's alt text plus its visible words.</summary>
    static string Readable(JsonObject message)
    {
        var text = new StringBuilder(FakeLineServer.Readable(message));
        if (message["contents"] is JsonNode contents) Collect(contents, text);
        return text.ToString();
    }

    static void Collect(JsonNode node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.GetValue<string>() == "text" && o["text"] is JsonValue t) text.Append(' ').Append(t.GetValue<string>());
                if (o["action"]?["label"] is JsonValue label) text.Append(" [").Append(label.GetValue<string>()).Append(']');
                foreach (var (_, child) in o) if (child is not null) Collect(child, text);
                break;
            case JsonArray a:
                foreach (var child in a) if (child is not null) Collect(child, text);
                break;
        }
    }
}
