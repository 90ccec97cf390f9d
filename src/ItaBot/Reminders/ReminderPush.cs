namespace ItaBot.Reminders;

/// <summary>One message the wave decided to send, under its exactly-once key.</summary>
public sealed record ReminderPush(
    string Key,
    int OrganizationId,
    int? RoundId,
    string Slot,
    DeliveryKind Kind,
    string Channel,
    string To,
    IReadOnlyList<int> UnitIds,
    int MeasureCount,
    int BilledEstimate,
    string Text)
{
    /// <summary>Only a record that the units' reminder went into a summary; nothing is pushed for it.</summary>
    public bool IsPushed => Kind is not DeliveryKind.InSummary;
}

/// <summary>What one wave did: pushes it planned, and how many were new (the rest another wave or instance had sent already).</summary>
public sealed record WaveResult(int Organizations, IReadOnlyList<ReminderPush> Planned, int Enqueued)
{
    public static readonly WaveResult Empty = new(0, [], 0);
}
