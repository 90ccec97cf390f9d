namespace ItaBot.Tracking;

/// <summary>One piece of text as one answer gave it, on the Bangkok date it was given.</summary>
public sealed record DatedText(DateOnly Date, string Text);

/// <summary>
/// The texts of a measure's answers, each listed once. Answers stored before each follow-up became an entry of
/// its own carry the text so far (a copy of the previous answer's text, or it with the new lines after it);
/// those repeats are told apart exactly — the same text again, or the previous text followed by a line break —
/// and only what each answer added is kept, as it was written. Anything else is a new text, kept whole.
/// </summary>
public static class EntryHistory
{
    /// <param name="texts">One field of the answers (result, outcome, problems), oldest first; blanks are skipped.</param>
    public static List<DatedText> OwnTexts(IEnumerable<(DateOnly Date, string? Text)> texts)
    {
        var own = new List<DatedText>();
        string? previous = null;
        foreach (var (date, raw) in texts)
        {
            var text = raw?.Trim();
            if (string.IsNullOrEmpty(text)) continue;
            if (previous is not null)
            {
                if (text == previous) continue;
                if (text.Length > previous.Length + 1 && text.StartsWith(previous, StringComparison.Ordinal) && text[previous.Length] == '\n')
                {
                    var added = text[(previous.Length + 1)..].Trim();
                    previous = text;
                    if (added.Length > 0) own.Add(new DatedText(date, added));
                    continue;
                }
            }
            previous = text;
            own.Add(new DatedText(date, text));
        }
        return own;
    }

    /// <summary>
    /// Why a measure cannot proceed: the latest reason code and the latest reason text given since its status
    /// last became "cannot proceed" (a later answer may add a result without repeating the reason).
    /// </summary>
    /// <param name="answers">Oldest first.</param>
    public static (CannotProceedReason? Reason, string? Text) CannotProceedReasonOf(IReadOnlyList<(MeasureStatus Status, CannotProceedReason? Reason, string? Text)> answers)
    {
        CannotProceedReason? reason = null;
        string? text = null;
        for (var i = answers.Count - 1; i >= 0 && answers[i].Status == MeasureStatus.CannotProceed; i--)
        {
            reason ??= answers[i].Reason;
            if (text is null && !string.IsNullOrWhiteSpace(answers[i].Text)) text = answers[i].Text!.Trim();
            if (reason is not null && text is not null) break;
        }
        return (reason, text);
    }
}
