namespace ItaBot.Reminders;

/// <summary>A LINE chat bound to one or more units of an organization (one group per unit, or one shared group).</summary>
public sealed record UnitChat(int OrganizationId, string Channel, string ChatId, IReadOnlyList<int> UnitIds, int? MemberCount);

/// <summary>Where an organization's administrators read escalations and summaries: its admin chat, or an administrator's own chat.</summary>
public sealed record AdminChat(int OrganizationId, string Channel, string To, int? MemberCount);

/// <summary>
/// Who reminders go to. The chat layer knows which groups are bound to which units and where the
/// administrators are; reminders only ask.
/// </summary>
public interface IReminderRecipients
{
    Task<IReadOnlyList<UnitChat>> UnitChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct);

    Task<IReadOnlyList<AdminChat>> AdminChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct);
}
