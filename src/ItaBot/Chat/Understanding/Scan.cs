namespace ItaBot.Chat.Understanding;

/// <summary>Finding words in the comparison form: every non-overlapping occurrence, longest words first.</summary>
public static class Scan
{
    public readonly record struct Hit<T>(int Index, int Length, T Value)
    {
        public int End => Index + Length;
    }

    public static List<Hit<T>> All<T>(string key, bool[] taken, IEnumerable<(string Phrase, T Value)> phrases, Func<int, T, bool>? reject = null, int from = 0, int to = -1)
    {
        if (to < 0) to = key.Length;
        var mask = (bool[])taken.Clone();
        var hits = new List<Hit<T>>();
        foreach (var (phrase, value) in phrases)
        {
            for (var at = key.IndexOf(phrase, from, StringComparison.Ordinal); at >= 0 && at + phrase.Length <= to; at = key.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (Overlaps(mask, at, phrase.Length) || !StandsAlone(key, at, phrase.Length) || reject?.Invoke(at, value) == true) continue;
                Mark(mask, at, phrase.Length);
                hits.Add(new Hit<T>(at, phrase.Length, value));
            }
        }
        return hits.OrderBy(h => h.Index).ToList();
    }

    /// <summary>Whether any of the words occurs in key[from, to).</summary>
    public static bool Any(string key, IEnumerable<string> words, int from = 0, int to = -1)
    {
        if (to < 0) to = key.Length;
        foreach (var word in words)
        {
            for (var at = key.IndexOf(word, from, StringComparison.Ordinal); at >= 0 && at + word.Length <= to; at = key.IndexOf(word, at + 1, StringComparison.Ordinal))
                if (StandsAlone(key, at, word.Length)) return true;
        }
        return false;
    }

    /// <summary>English words need word boundaries ("abandoned" is not "done"); Thai is written without spaces, so Thai words do not.</summary>
    public static bool StandsAlone(string key, int at, int length)
    {
        if (char.IsAsciiLetter(key[at]) && at > 0 && char.IsAsciiLetter(key[at - 1])) return false;
        var end = at + length;
        if (char.IsAsciiLetter(key[end - 1]) && end < key.Length && char.IsAsciiLetter(key[end])) return false;
        return true;
    }

    public static bool Overlaps(bool[] taken, int at, int length)
    {
        for (var i = at; i < at + length && i < taken.Length; i++) if (taken[i]) return true;
        return false;
    }

    public static void Mark(bool[] taken, int at, int length)
    {
        for (var i = Math.Max(0, at); i < at + length && i < taken.Length; i++) taken[i] = true;
    }

    public static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E5B';

    public static bool IsThaiLetter(char c) => c is >= '\u0E01' and <= '\u0E2E';

    /// <summary>Emoji, pictographs and other symbols (a surrogate half counts: they come in pairs).</summary>
    public static bool IsSymbol(char c) =>
        char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.OtherSymbol or System.Globalization.UnicodeCategory.ModifierSymbol
            or System.Globalization.UnicodeCategory.MathSymbol or System.Globalization.UnicodeCategory.EnclosingMark || c is '\u20E3';
}
