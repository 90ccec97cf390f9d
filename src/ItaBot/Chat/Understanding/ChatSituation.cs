namespace ItaBot.Chat.Understanding;

/// <summary>A measure the person may report on in this chat, in the open round.</summary>
/// <param name="Open">Not done (or done but still correctable): a code-less "เสร็จแล้ว" may be about it.</param>
/// <param name="Here">Of a unit bound to this chat (or, in a one-to-one chat, of the person's units).</param>
public sealed record KnownMeasure(int Id, string Code, string Title, bool Open = true, bool Here = true);

public enum QuoteKind { Reminder, Bot, Person }

/// <summary>The message a reply quotes: one of the bot's (a reminder, a confirmation naming measures) or a person's.</summary>
public sealed record Quote(QuoteKind Kind, IReadOnlyList<int> MeasureIds)
{
    public static readonly Quote Person = new(QuoteKind.Person, []);
}

/// <summary>
/// Everything besides the text that decides what a message means: where it is said, whether it is said to the
/// bot, what the bot asked this person and is waiting for, what was just sent, and which measures the person can
/// report on. Built from the database by the chat engine; plain data, so understanding is tested without one.
/// </summary>
public sealed record ChatSituation
{
    public bool InGroup { get; init; } = true;
    public bool IsAdmin { get; init; }

    /// <summary>LINE marked a mention of the bot (mention.mentionees[].isSelf).</summary>
    public bool MentionsBot { get; init; }

    /// <summary>Someone other than the bot is mentioned: the message is said to them.</summary>
    public bool MentionsOthers { get; init; }

    /// <summary>Spans of the text that are mentions ("@ItaBot", "@แนน"): never part of what is kept.</summary>
    public IReadOnlyList<(int Index, int Length)> MentionSpans { get; init; } = [];

    /// <summary>The bot's display name, also cut when typed as "@ItaBot" without a mention.</summary>
    public string BotName { get; init; } = "ItaBot";

    public Quote? Quoted { get; init; }

    /// <summary>The bot's open question to this person in this chat (still within its time).</summary>
    public Question? Question { get; init; }

    /// <summary>Someone else has written in this group since the bot asked its open question: the talk has moved on.</summary>
    public bool OthersSpokeSinceQuestion { get; init; }

    /// <summary>A reminder went to this chat a short while ago.</summary>
    public bool AfterReminder { get; init; }

    public IReadOnlyList<KnownMeasure> Measures { get; init; } = [];

    /// <summary>Codes of the organization's other measures this year: named explicitly, they get "not yours", not silence.</summary>
    public IReadOnlyList<string> OtherCodes { get; init; } = [];

    /// <summary>The person recorded something here within the correction time: "ยกเลิก" undoes it.</summary>
    public bool CanUndo { get; init; }

    /// <summary>The person has a record here in the round (maybe too old to undo: "ยกเลิก" is then told who can reopen it).</summary>
    public bool HasOwnRecord { get; init; }

    /// <summary>Spoken to the bot: in a one-to-one chat, with a mention, or quoting one of its messages.</summary>
    public bool Addressed => !InGroup || MentionsBot || Quoted?.Kind is QuoteKind.Bot or QuoteKind.Reminder;
}
