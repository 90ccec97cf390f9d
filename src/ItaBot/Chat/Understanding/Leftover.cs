namespace ItaBot.Chat.Understanding;

/// <summary>
/// What is left of a message once the recognised parts (the measure, the status, links, mentions) are cut out: the
/// person's own words, cut verbatim from the text as written, without the fragments around them (particles,
/// emoji, thanks, "ลิงก์", "เพราะ", a lone pronoun). Null when nothing meaningful is left. Nothing inside a kept
/// piece is changed: a closing bracket or an inner particle stays where it was typed.
/// </summary>
public static class Leftover
{
    public static string? Of(Folded text, bool[] cut, int from = 0, int to = -1)
    {
        if (to < 0) to = text.Length;
        var kept = new List<(int Start, int End)>();
        var i = from;
        while (i < to)
        {
            while (i < to && (cut[i] || text.Key[i] == '\n')) i++;
            var start = i;
            // A line is a piece of its own: "ลิงก์" on its own line before a link is a lead-in, not the result's end.
            while (i < to && !cut[i] && text.Key[i] != '\n') i++;
            if (Trim(text.Key, start, i) is { } piece) kept.Add(piece);
        }
        if (kept.Count == 0) return null;
        var result = new System.Text.StringBuilder();
        for (var p = 0; p < kept.Count; p++)
        {
            if (p > 0)
            {
                var between = text.Original(kept[p - 1].End, kept[p].Start);
                result.Append(between.Contains('\n') ? '\n' : ' ');
            }
            result.Append(text.Original(kept[p].Start, kept[p].End));
        }
        var joined = result.ToString().Trim();
        return joined.Any(char.IsLetterOrDigit) ? joined : null;
    }

    /// <summary>The piece [start, end) without its fragments at either end, or null when nothing meaningful is left.</summary>
    public static (int Start, int End)? Trim(string key, int start, int end)
    {
        for (var changed = true; changed && start < end;)
        {
            changed = false;
            while (start < end && IsNoise(key[start], key, start, end, leading: true)) { start++; changed = true; }
            while (end > start && IsNoise(key[end - 1], key, start, end, leading: false)) { end--; changed = true; }
            if (StripWord(key, ref start, ref end, Words.Particles, atStart: false)) changed = true;
            if (StripWord(key, ref start, ref end, Words.Particles, atStart: true)) changed = true;
            if (StripWord(key, ref start, ref end, Words.LeadIns, atStart: true)) changed = true;
            if (Salutation(key, ref start, end)) changed = true;
        }
        if (start >= end) return null;
        var piece = key[start..end];
        if (Words.Fragments.Contains(piece) || !piece.Any(c => char.IsLetter(c) || char.IsAsciiDigit(c)) || OnlyGlue(piece)) return null;
        if (piece.All(c => char.IsAsciiDigit(c) || c is '.' or ' ')) return null;
        return (start, end);
    }

    static readonly string[] GlueLongestFirst = [.. Words.Glue.OrderByDescending(g => g.Length)];

    /// <summary>A piece made only of spoken glue ("เป็น", "ไปก่อน", "งั้น"): nothing to publish.</summary>
    static bool OnlyGlue(string piece)
    {
        var rest = new string(piece.Where(c => !char.IsWhiteSpace(c)).ToArray());
        for (var changed = true; changed && rest.Length > 0;)
        {
            changed = false;
            foreach (var glue in GlueLongestFirst)
            {
                if (rest.StartsWith(glue, StringComparison.Ordinal)) { rest = rest[glue.Length..]; changed = true; }
                else if (rest.EndsWith(glue, StringComparison.Ordinal)) { rest = rest[..^glue.Length]; changed = true; }
            }
        }
        return rest.Length == 0;
    }

    /// <summary>Spaces, punctuation and emoji at a piece's ends; brackets only when unmatched inside it and not typed against a word.</summary>
    static bool IsNoise(char c, string key, int start, int end, bool leading)
    {
        if (char.IsWhiteSpace(c) || Scan.IsSymbol(c)) return true;
        // A bracket typed against a word is the person's ("…80 คน)", "(ร่าง"); one left over next to a cut part, or an
        // emoticon's (":)"), is not.
        if (c is '(' or '[') return leading && key.IndexOf(c == '(' ? ')' : ']', start, end - start) < 0 && !(start + 1 < end && IsWordChar(key[start + 1]));
        if (c is ')' or ']') return !leading && key.LastIndexOf(c == ')' ? '(' : '[', end - 1, end - start) < 0 && !(end - 2 >= start && IsWordChar(key[end - 2]));
        if (c is '"' or '\'' or '“' or '”' or '‘' or '’') return true;
        return char.IsPunctuation(c) && c is not '%' and not '#' and not '&' and not '@' && !(c == '.' && !leading && end - start > 1 && char.IsLetter(key[end - 2]) && Abbreviation(key, start, end));
    }

    static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || Scan.IsThai(c);

    /// <summary>A Thai abbreviation keeps its final dot ("ต.ค.", "สขร.", "คสล.", "ฯลฯ").</summary>
    static bool Abbreviation(string key, int start, int end)
    {
        var word = key.AsSpan(start, end - start);
        var space = word.LastIndexOf(' ');
        var last = space < 0 ? word : word[(space + 1)..];
        return last.Length <= 6 && last.Count('.') >= 1 && last.Length > 1 && Scan.IsThai(last[0]);
    }

    static bool StripWord(string key, ref int start, ref int end, IEnumerable<string> words, bool atStart)
    {
        foreach (var word in words)
        {
            if (word.Length == 0 || word.Length > end - start) continue;
            var at = atStart ? start : end - word.Length;
            if (string.CompareOrdinal(key, at, word, 0, word.Length) != 0) continue;
            if (!atStart && IsEndOfAWord(key, at, word)) continue;
            // English words stand alone ("ka" not in "baka"); a Thai particle is not the tail of a longer Thai word we
            // cannot tell apart, so it must be the whole piece's edge, which it is by construction.
            if (char.IsAsciiLetter(word[0]))
            {
                var before = at > start ? key[at - 1] : ' ';
                var after = at + word.Length < end ? key[at + word.Length] : ' ';
                if (char.IsAsciiLetter(before) || char.IsAsciiLetter(after)) continue;
            }
            if (atStart) start += word.Length; else end -= word.Length;
            return true;
        }
        return false;
    }

    /// <summary>Thai words that end like a particle: "ปีหน้า" is not "ปีห" + "น้า", "มูลค่า" not "มูล" + "ค่า".</summary>
    public static bool IsEndOfAWord(string key, int at, string particle) => particle switch
    {
        "น้า" => at > 0 && key[at - 1] == 'ห',
        "ค่า" => at >= 3 && key.AsSpan(at - 3, 3).SequenceEqual("มูล"),
        "นะ" => (at > 0 && key[at - 1] is 'ช' or 'ธ' or 'ว') || (at >= 3 && key.AsSpan(at - 3, 3).SequenceEqual("สถา")),
        "อะ" => at > 0 && key[at - 1] is 'ร' or 'ล',
        _ => false,
    };

    /// <summary>"เรียน ผอ.", "เรียนท่านปลัด" before a report: a greeting, not a result.</summary>
    static bool Salutation(string key, ref int start, int end)
    {
        if (!key.AsSpan(start, end - start).StartsWith("เรียน")) return false;
        var rest = key.AsSpan(start, end - start);
        var space = rest[5..].TrimStart(' ').IndexOfAny(' ', '\n');
        var salutationEnd = space < 0 ? end : start + 5 + (rest[5..].Length - rest[5..].TrimStart(' ').Length) + space;
        if (salutationEnd - start > 30) return false;
        start = salutationEnd;
        return true;
    }
}
