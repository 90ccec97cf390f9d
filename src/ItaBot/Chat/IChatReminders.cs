namespace ItaBot.Chat;

/// <summary>
/// The reminders feature's door into chat, the way <see cref="Line.ILineEventHandler"/> is the chat layer's door
/// into LINE: reminders implement it and register it; the chat engine calls it and knows nothing else of reminders.
/// </summary>
public interface IChatReminders
{
    /// <summary>The answer to a reminder setting or pause ("พักการแจ้งเตือน ถึง 15 ม.ค.", "การแจ้งเตือน", "ตั้งเตือน…"), or null when the text is not one.</summary>
    Task<ChatAnswer?> TryCommandAsync(ChatAsker asker, string text, CancellationToken ct);

    /// <summary>Reminders now, whatever the hour: to every bound group that owes answers, or only those of <paramref name="unitIds"/>.</summary>
    Task<string> RemindNowAsync(int organizationId, IReadOnlyCollection<int>? unitIds, CancellationToken ct);
}

/// <summary>Who is asking, as the chat layer knows it: the organization, whether they administer it, the units bound to the chat.</summary>
public sealed record ChatAsker(int OrganizationId, bool IsAdmin, IReadOnlyList<int> ChatUnitIds, string? Name);

/// <summary>A plain answer another feature gives in chat: text and one-tap choices (each sends its own text).</summary>
public sealed record ChatAnswer(string Text, IReadOnlyList<string> Choices);
