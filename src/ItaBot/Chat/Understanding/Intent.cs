using ItaBot.Tracking;

namespace ItaBot.Chat.Understanding;

/// <summary>What a message means; the chat engine then carries it out (or, for <see cref="Silence"/>, does nothing).</summary>
public abstract record Intent
{
    /// <summary>True when carrying it out records or changes something (the fuzz tests rely on it).</summary>
    public virtual bool ChangesState => false;
}

/// <summary>A status for one measure, with the person's own words and links.</summary>
/// <param name="Text">The result (ผลการดำเนินการ), or for <see cref="MeasureStatus.CannotProceed"/> the reason's text, as written.</param>
public sealed record StatusItem(int MeasureId, MeasureStatus? Status, CannotProceedReason? Reason, string? Text, IReadOnlyList<string> Urls);

/// <summary>Not for the bot (people talking to each other), or nothing to do: no answer, no change.</summary>
public sealed record Silence(string Why) : Intent;

/// <summary>Said to the bot but not understood: a short list of what can be said.</summary>
public sealed record Hint : Intent;

/// <summary>A command (สถานะ, สรุป, ผูกกลุ่ม …).</summary>
public sealed record RunCommand(ChatCommand Command) : Intent
{
    public override bool ChangesState => Command.ChangesState;
}

/// <summary>Statuses stated plainly: recorded. <see cref="ThenAsk"/> is a measure of the same message that needs asking.</summary>
public sealed record RecordStatuses(IReadOnlyList<StatusItem> Items, StatusItem? ThenAsk = null, IReadOnlyList<MeasureStatus>? ThenOffer = null) : Intent
{
    public override bool ChangesState => true;
}

/// <summary>Probably this status, but said loosely or with the measure named by its title: one tap to confirm.</summary>
public sealed record ConfirmStatus(StatusItem Item) : Intent;

/// <summary>A status without a clear measure: asked with quick replies of the candidates.</summary>
public sealed record AskWhichMeasure(IReadOnlyList<int> Candidates, StatusItem Template) : Intent;

/// <summary>A measure without a clear status (unsure, conflicting, "ยังไม่เสร็จ"): asked with these choices.</summary>
public sealed record AskWhichStatus(StatusItem Item, IReadOnlyList<MeasureStatus> Offer) : Intent;

/// <summary>A measure named explicitly that the person cannot report on (<see cref="Exists"/>) or that does not exist.</summary>
public sealed record NotReportable(string Reference, bool Exists) : Intent;

/// <summary>A question to the bot about one measure ("@ItaBot M6 เสร็จหรือยัง").</summary>
public sealed record ShowMeasure(int MeasureId) : Intent;

/// <summary>A plausible answer to the bot's follow-up question: stored as a new entry holding only it.</summary>
public sealed record AnswerQuestion(string? Text, CannotProceedReason? Reason, IReadOnlyList<string> Urls) : Intent
{
    public override bool ChangesState => true;
}

/// <summary>The person's message while a question is open that does not answer it (chatter, thanks, a question of their own).</summary>
public sealed record NotAnAnswer : Intent;

/// <summary>"ยกเลิก" after the person's own record within the correction time: the record is withdrawn.</summary>
public sealed record Undo : Intent
{
    public override bool ChangesState => true;
}

public sealed record CancelQuestion : Intent;

public sealed record SkipQuestion : Intent;
