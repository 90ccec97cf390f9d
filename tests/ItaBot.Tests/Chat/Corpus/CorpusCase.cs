using System.Text.Json;
using System.Text.Json.Serialization;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>
/// One message of the chat corpus (tests/fixtures/chat/corpus-*.jsonl) with the situation it is said in and what
/// should come of it. Lines sharing a <see cref="Thread"/> are one conversation, played in order without a reset.
/// </summary>
public sealed record CorpusCase
{
    public string? Id { get; init; }
    public string? Thread { get; init; }
    /// <summary>"reminder": a reminder is sent to <see cref="Where"/> at this point of the thread.</summary>
    public string? Event { get; init; }
    public string Who { get; init; } = "";
    /// <summary>A group key of the world, or "dm" for the person's one-to-one chat with the bot.</summary>
    public string Where { get; init; } = "";
    public string Text { get; init; } = "";
    /// <summary>A reminder went to the chat this many minutes before the message.</summary>
    public int? Reminder { get; init; }
    /// <summary>"reminder" (the reminder), "bot" (the bot's last message in the chat) or "prev" (the message before, by a person).</summary>
    public string? Quote { get; init; }
    public bool Sticker { get; init; }
    /// <summary>"image", "video" or "file" instead of text (its bytes from the content API; a file's type from <see cref="FileName"/>).</summary>
    public string? Media { get; init; }
    /// <summary>Photos sent at once (one LINE image set), default 1.</summary>
    public int? Count { get; init; }
    public string? FileName { get; init; }
    /// <summary>Minutes that pass before the message (default 1).</summary>
    public int? After { get; init; }
    /// <summary>Statuses already reported (by someone else, two days earlier): measure code → status.</summary>
    public Dictionary<string, string>? State { get; init; }
    /// <summary>Messages said first (unscored); <see cref="Earlier.Who"/> defaults to this case's speaker.</summary>
    public List<Earlier>? Before { get; init; }
    public Expectation Expect { get; init; } = new();
    public string Source { get; set; } = "";

    public sealed record Earlier(string? Who, string Text);

    public static IReadOnlyList<CorpusCase> Load()
    {
        var folder = TestFiles.Folder("fixtures", "chat");
        var cases = new List<CorpusCase>();
        foreach (var file in Directory.GetFiles(folder, "corpus-*.jsonl").Order(StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (line.Trim().Length == 0) continue;
                var item = JsonSerializer.Deserialize<CorpusCase>(line, Json)
                    ?? throw new InvalidDataException($"{Path.GetFileName(file)} line {number} is empty");
                item.Source = $"{Path.GetFileName(file)}:{number}";
                cases.Add(item);
            }
        }
        return cases;
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };
}

/// <summary>
/// What should happen. Kinds: record (these statuses are recorded), ask (a question back, nothing recorded), reply
/// (an answer such as a card or summary), refuse (an answer saying no, nothing recorded), silence (no answer, nothing
/// changes), saved (an answer to the bot's follow-up question is stored), unsaved (nothing of it is stored), either
/// (an answer or silence, both fine; only records are checked), attached (photos or files attached as evidence to
/// <see cref="Evidence"/>'s measure, with a confirmation).
/// </summary>
public sealed record Expectation
{
    public string Kind { get; init; } = "silence";
    public Dictionary<string, string>? Records { get; init; }
    /// <summary>Measures that may also be recorded with this status without it being wrong.</summary>
    public Dictionary<string, string>? Maybe { get; init; }
    /// <summary>"ask", "silence", "reply", or an object of records that is also acceptable.</summary>
    public JsonElement Alt { get; init; }
    public JsonElement Result { get; init; }
    public JsonElement Reason { get; init; }
    public string? Code { get; init; }
    public List<string>? Urls { get; init; }
    public string? Has { get; init; }
    public string? HasNot { get; init; }
    public bool Silent { get; init; }
    /// <summary>The measure whose latest entry the media must be attached to (kind <c>attached</c>); none elsewhere.</summary>
    public string? Evidence { get; init; }
    /// <summary>Standing status of measures after the message (null: awaiting a report).</summary>
    public Dictionary<string, string?>? Status { get; init; }

    [JsonIgnore] public bool MeantAsReport => Kind is "record" or "ask";
    [JsonIgnore] public string? AltKind => Alt.ValueKind == JsonValueKind.String ? Alt.GetString() : null;
    [JsonIgnore] public Dictionary<string, string>? AltRecords =>
        Alt.ValueKind == JsonValueKind.Object ? Alt.Deserialize<Dictionary<string, string>>() : null;

    /// <summary>Absent: not checked; null: must be empty; a string: must be exactly that.</summary>
    public static (bool Check, string? Value) Text(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null => (true, null),
        JsonValueKind.String => (true, element.GetString()),
        _ => (false, null),
    };
}
