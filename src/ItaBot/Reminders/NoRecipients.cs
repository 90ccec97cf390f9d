namespace ItaBot.Reminders;

/// <summary>
/// Until the chat layer binds groups to units there is nobody to remind; planning still runs so the
/// rest of the pipeline is exercised. The chat layer replaces this registration.
/// </summary>
public sealed class NoRecipients : IReminderRecipients
{
    public Task<IReadOnlyList<UnitChat>> UnitChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UnitChat>>([]);

    public Task<IReadOnlyList<AdminChat>> AdminChatsAsync(IReadOnlyCollection<int> organizationIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AdminChat>>([]);
}
