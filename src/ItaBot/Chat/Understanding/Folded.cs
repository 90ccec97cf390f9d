namespace ItaBot.Chat.Understanding;

/// <summary>
/// The form a message is compared in: lower case, Arabic digits, look-alike spellings made one ("เเ" → "แ", "ํา" →
/// "ำ"), stretched letters shrunk ("ค่าาา" → "ค่า", "แล้ววว" → "แล้ว"), invisible characters gone. Each character
/// remembers where it came from in the text as written, so whatever is kept is cut from the original, verbatim.
/// </summary>
public sealed class Folded
{
    readonly int[] _from;

    Folded(string written, string key, int[] from)
    {
        Written = written;
        Key = key;
        _from = from;
    }

    /// <summary>The text as written (what would be stored).</summary>
    public string Written { get; }

    /// <summary>The comparison form.</summary>
    public string Key { get; }

    public int Length => Key.Length;

    /// <summary>The written text behind key characters [start, end).</summary>
    public string Original(int start, int end)
    {
        if (start >= end) return "";
        var from = _from[start];
        var to = end < Key.Length ? _from[end] : Written.Length;
        return Written[from..to];
    }

    /// <summary>Where key character <paramref name="index"/> starts in the written text.</summary>
    public int WrittenIndex(int index) => index < Key.Length ? _from[index] : Written.Length;

    public static Folded Of(string written)
    {
        var key = new System.Text.StringBuilder(written.Length);
        var from = new List<int>(written.Length);
        for (var i = 0; i < written.Length; i++)
        {
            var c = written[i];
            if (IsInvisible(c)) continue;
            // Two sara e typed for sara ae, and nikhahit + sara aa typed for sara am, look the same on screen.
            if (c == 'เ' && i + 1 < written.Length && written[i + 1] == 'เ') { Append('แ', i); i++; continue; }
            if (c == '\u0E4D' && i + 1 < written.Length && written[i + 1] == '\u0E32') { Append('ำ', i); i++; continue; }
            c = c switch
            {
                >= '\uFF01' and <= '\uFF5E' => char.ToLowerInvariant((char)(c - 0xFEE0)),
                '\u3000' or '\u00A0' or '\t' or '\r' => ' ',
                >= '๐' and <= '๙' => (char)('0' + (c - '๐')),
                _ => char.ToLowerInvariant(c),
            };
            Append(c, i);
            // A letter held down ("แล้ววว", "ค่าาา", "จ้าาา") is typed once: a run of three, or a doubled vowel or tone mark.
            var run = 1;
            while (i + run < written.Length && written[i + run] == written[i]) run++;
            if (run > 1 && Scan.IsThai(written[i]) && (run >= 3 || IsVowelOrMark(written[i]))) i += run - 1;
        }
        return new Folded(written, key.ToString(), [.. from]);

        void Append(char c, int at)
        {
            key.Append(c);
            from.Add(at);
        }
    }

    static bool IsVowelOrMark(char c) => c is >= '\u0E30' and <= '\u0E3A' or >= '\u0E40' and <= '\u0E44' or >= '\u0E47' and <= '\u0E4E';

    static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\uFE0E' or '\uFE0F';
}
