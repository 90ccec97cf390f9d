using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Chat;

/// <summary>
/// Plain text answers with optional quick replies (each one sends its text, so what was chosen shows in the chat).
/// LINE's limits (5,000 characters, 13 quick replies, 20-character labels) are applied by <see cref="LineMessages"/>.
/// </summary>
public static class Say
{
    public static JsonObject Text(string text, params IEnumerable<string> choices) => Text(text, choices.Select(c => (c, c)));

    /// <summary>Quick replies as (label, text sent).</summary>
    public static JsonObject Text(string text, IEnumerable<(string Label, string Text)> choices) =>
        Text(text, choices.Where(c => c.Text.Length > 0).DistinctBy(c => c.Text).Select(c => LineMessages.MessageAction(c.Label, c.Text)));

    /// <summary>Quick replies as LINE actions (message or postback).</summary>
    public static JsonObject Text(string text, IEnumerable<JsonObject> actions)
    {
        var items = actions.ToList();
        return LineMessages.Text(text, items.Count > 0 ? LineMessages.QuickReply(items) : null);
    }

    public static List<JsonObject> One(string text, params IEnumerable<string> choices) => [Text(text, choices)];
}
