using System.Globalization;

namespace ItaBot.Line;

/// <summary>
/// Cutting text to a length limit (LINE's fields, a spreadsheet cell, a file name) without breaking what a
/// reader sees as one character: a Thai consonant keeps its vowel and tone marks, an emoji its surrogate pair.
/// </summary>
public static class TextCut
{
    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="max"/> UTF-16 units, else the longest whole-character
    /// start of it followed by <paramref name="suffix"/>, the two together within <paramref name="max"/>.
    /// </summary>
    public static string Fit(string text, int max, string suffix = "…")
    {
        if (text.Length <= max) return text;
        var budget = Math.Max(0, max - suffix.Length);
        var end = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var next = elements.ElementIndex + ((string)elements.Current).Length;
            if (next > budget) break;
            end = next;
        }
        return text[..end].TrimEnd() + suffix;
    }
}
