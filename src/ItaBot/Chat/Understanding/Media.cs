namespace ItaBot.Chat.Understanding;

/// <summary>
/// What the bot knows when a photo, video or file arrives: nothing about its content, only what came just before.
/// </summary>
/// <param name="BatchMeasureId">Earlier photos of the same image set already went to this measure.</param>
/// <param name="BatchAsked">Earlier photos of the same set were unclear, and the bot already asked (once per set).</param>
/// <param name="QuotedMeasureIds">The measures of the bot's message the media quotes (a card, a confirmation).</param>
/// <param name="QuestionMeasureId">The bot's open question to this person (a follow-up on an entry) is about this measure.</param>
/// <param name="JustRecordedMeasureIds">The measures of the person's own status message in this chat a few minutes ago.</param>
/// <param name="MayReportHere">The person can report on some measure in this chat, and a round is open: what they send may be for their next status.</param>
public sealed record MediaSituation(
    bool InGroup,
    int? BatchMeasureId = null,
    bool BatchAsked = false,
    IReadOnlyList<int>? QuotedMeasureIds = null,
    int? QuestionMeasureId = null,
    IReadOnlyList<int>? JustRecordedMeasureIds = null,
    bool MayReportHere = false);

/// <summary>The media is evidence for this measure: downloaded, stored and attached to its latest entry.</summary>
public sealed record AttachEvidence(int MeasureId) : Intent
{
    public override bool ChangesState => true;
}

/// <summary>
/// The media follows nothing yet, from someone who reports here: held (attached to nothing, published nowhere) for
/// their own status in this chat a few minutes later, silently; dropped if none comes.
/// </summary>
public sealed record HoldEvidence : Intent
{
    public override bool ChangesState => true;
}

/// <summary>The media follows the person's report on several measures: ask which one (never guess).</summary>
public sealed record AskEvidenceMeasure(IReadOnlyList<int> Candidates) : Intent;

public static partial class Understand
{
    /// <summary>
    /// A photo, video or file is evidence only when it plainly follows the bot's business with this person: the rest
    /// of an image set that already went to a measure; a quote of the bot's message about one measure; the bot's open
    /// question on an entry; or the person's own status message a few minutes ago. Anything else (photos of lunch, a
    /// file for a colleague) is not the bot's, and in a group gets no answer: from someone who reports here it is only
    /// held for their own status that may follow, never attached to a measure nobody named.
    /// </summary>
    public static Intent Media(MediaSituation s)
    {
        if (s.BatchMeasureId is { } batch) return new AttachEvidence(batch);
        if (s.BatchAsked) return new Silence("the rest of an image set whose measure was asked");
        if (Distinct(s.QuotedMeasureIds) is { Count: > 0 } quoted) return One(quoted);
        if (s.QuestionMeasureId is { } asked) return new AttachEvidence(asked);
        if (Distinct(s.JustRecordedMeasureIds) is { Count: > 0 } recorded) return One(recorded);
        if (s.MayReportHere) return new HoldEvidence();
        return new Silence(s.InGroup ? "media not following anything the bot asked" : "media with no measure");
    }

    static Intent One(IReadOnlyList<int> ids) => ids.Count == 1 ? new AttachEvidence(ids[0]) : new AskEvidenceMeasure(ids);

    static List<int> Distinct(IReadOnlyList<int>? ids) => ids?.Distinct().ToList() ?? [];
}
