namespace ItaBot.Reminders;

/// <summary>
/// What a policy would cost in the coming days: LINE bills a push once per recipient, so each unit
/// reminder costs the members of every chat it goes to, and each escalation the members of the admin chat.
/// </summary>
public sealed record QuotaEstimate(int Messages, int UnitSlots, int EscalationSlots, int Chats, int ChatsOfUnknownSize)
{
    public const int Days = 30;

    /// <param name="lastReminderDay">The last day the round can be reminded about (due date + grace), so overdue nudges stop there.</param>
    public static QuotaEstimate For(
        ReminderPolicy policy, RoundDates round, WorkingHours hours, DateOnly from, DateOnly lastReminderDay,
        IReadOnlyCollection<UnitChat> unitChats, AdminChat? adminChat)
    {
        var until = from.AddDays(Days - 1);
        if (lastReminderDay < until) until = lastReminderDay;
        var unitSlots = SlotPlanner.UnitSlots(policy, round, until, hours).Count(s => s.Day >= from && s.Day <= until);
        var escalations = adminChat is null ? 0 : SlotPlanner.EscalationSlots(policy, round, until, hours).Count(s => s.Day >= from && s.Day <= until);
        // A chat whose size nobody knows is counted as one person; the warning says so.
        var perUnitSlot = unitChats.Sum(c => Math.Max(1, c.MemberCount ?? 1));
        var perEscalation = adminChat is null ? 0 : Math.Max(1, adminChat.MemberCount ?? 1);
        var unknown = unitChats.Count(c => c.MemberCount is null) + (adminChat is { MemberCount: null } ? 1 : 0);
        return new QuotaEstimate(unitSlots * perUnitSlot + escalations * perEscalation, unitSlots, escalations, unitChats.Count, unknown);
    }
}
