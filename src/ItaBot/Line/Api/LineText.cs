namespace ItaBot.Line.Api;

/// <summary>Cutting text to what LINE accepts (message text, alt text, labels) without splitting a character.</summary>
public static class LineText
{
    /// <summary>The text, or its first <paramref name="max"/> − 1 characters and "…"; never half a surrogate pair.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        return text[..end] + "…";
    }
}
