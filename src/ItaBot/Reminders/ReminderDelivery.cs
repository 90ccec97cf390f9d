namespace ItaBot.Reminders;

public enum DeliveryKind
{
    /// <summary>A reminder pushed to a unit chat.</summary>
    Unit,
    /// <summary>Units that still owe answers after the due date, to the administrators.</summary>
    Escalation,
    /// <summary>Near the quota: one message to the administrators instead of the unit pushes of a slot.</summary>
    Summary,
    /// <summary>Units whose reminder went into a <see cref="Summary"/> rather than to their own chat.</summary>
    InSummary,
    /// <summary>A policy's estimated cost would exceed the channel's quota.</summary>
    QuotaWarning,
}

/// <summary>
/// What the reminder wave sent (or folded into a summary), one row per message, under the same key the
/// outbox deduplicates on: <c>remind:{org}:{chat}:{round}:{slot}</c> for a unit chat (<c>admin</c>, <c>summary</c>
/// or <c>quota</c> in place of the chat for the administrators' messages). The unique key is what makes a reminder
/// go out once to each chat whatever restarts, misfires or second instances happen; the row also outlives the
/// outbox's own housekeeping. A reminder LINE could not take before its day ended is dropped by the outbox and its
/// row deleted (<see cref="ReminderDrops"/>), so the next slot or <c>เตือนตอนนี้</c> sends it.
/// </summary>
public sealed class ReminderDelivery
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public int OrganizationId { get; set; }
    public int? RoundId { get; set; }
    public required string Slot { get; set; }
    public DeliveryKind Kind { get; set; }
    public required string Channel { get; set; }
    /// <summary>Group, room or user id the message went to.</summary>
    public required string To { get; set; }
    /// <summary>Units the message was about, as "3+5".</summary>
    public required string Units { get; set; }
    public int MeasureCount { get; set; }
    /// <summary>Messages LINE bills for it: one per member of the chat (1 when the size is unknown).</summary>
    public int BilledEstimate { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public const string KeyPrefix = "remind:";

    /// <param name="target">The chat's id, or a role for the administrators' messages ("admin", "summary", "quota").</param>
    public static string KeyFor(int organizationId, string target, int? roundId, string slot) =>
        $"{KeyPrefix}{organizationId}:{target}:{roundId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{slot}";

    public static string UnitsText(IEnumerable<int> unitIds) => string.Join('+', unitIds.Order());
}
