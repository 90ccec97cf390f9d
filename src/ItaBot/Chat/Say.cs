using System.Text.Json.Nodes;
using ItaBot.Line.Api;

namespace ItaBot.Chat;

/// <summary>Plain text answers with optional quick replies (each one sends its text, so what was chosen shows in the chat).</summary>
public static class Say
{
    public static JsonObject Text(string text, params IEnumerable<string> choices) => Text(text, choices.Select(c => (c, c)));

    /// <summary>Quick replies as (label, text sent); labels are cut to LINE's 20 characters, at most 13 items.</summary>
    public static JsonObject Text(string text, IEnumerable<(string Label, string Text)> choices)
    {
        if (text.Length > LineMessages.MaxTextLength) text = text[..(LineMessages.MaxTextLength - 1)] + "…";
        var items = choices.Where(c => c.Text.Length > 0).DistinctBy(c => c.Text).Take(LineMessages.MaxQuickReplyItems)
            .Select(c => LineMessages.MessageAction(Label(c.Label), c.Text.Length > 300 ? c.Text[..300] : c.Text)).ToList();
        return LineMessages.Text(text, items.Count > 0 ? LineMessages.QuickReply(items) : null);
    }

    public static List<JsonObject> One(string text, params IEnumerable<string> choices) => [Text(text, choices)];

    public static string Label(string text) =>
        text.Length <= LineMessages.MaxQuickReplyLabelLength ? text : text[..(LineMessages.MaxQuickReplyLabelLength - 1)] + "…";

    /// <summary>Cuts long text for cards and labels without splitting a surrogate pair.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }
}
