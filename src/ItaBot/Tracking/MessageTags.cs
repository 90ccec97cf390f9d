using System.Globalization;

namespace ItaBot.Tracking;

/// <summary>
/// What the bot's messages were, kept by LINE's layer with the ids LINE gives them (≤ 200 characters): a reminder
/// names its units, a confirmation, question or card its measures. A quoted reply to one of them is read against
/// these. Chat reads them; the reminders feature writes <see cref="Reminder"/> tags. Both use this one contract, neither the other.
/// </summary>
public static class Tags
{
    public const string ReminderPrefix = "reminder:";
    const int MaxIds = 30;

    public static string Reminder(IEnumerable<int> unitIds) => ReminderPrefix + string.Join('+', unitIds.Order().Take(MaxIds));

    public static IReadOnlyList<int> ReminderUnits(string tag) =>
        tag.StartsWith(ReminderPrefix, StringComparison.Ordinal) ? Ids(tag[ReminderPrefix.Length..], '+') : [];

    public static string Report(IEnumerable<int> measureIds) => "report:m=" + Join(measureIds);

    public static string Ask(IEnumerable<int> measureIds) => "ask:m=" + Join(measureIds);

    public static string Evidence(IEnumerable<int> measureIds) => "evidence:m=" + Join(measureIds);

    public static string Card(IEnumerable<int> measureIds) => "card:m=" + Join(measureIds);

    /// <summary>The measures a chat tag names ("report:m=3,4"), or none.</summary>
    public static IReadOnlyList<int> MeasureIds(string tag)
    {
        var at = tag.IndexOf(":m=", StringComparison.Ordinal);
        return at < 0 ? [] : Ids(tag[(at + 3)..], ',');
    }

    static string Join(IEnumerable<int> ids) => string.Join(',', ids.Distinct().Take(MaxIds).Select(i => i.ToString(CultureInfo.InvariantCulture)));

    static List<int> Ids(string text, char separator) =>
        text.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).ToList();
}
