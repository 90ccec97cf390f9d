using System.Text.RegularExpressions;

namespace ItaBot.Chat.Understanding;

/// <summary>
/// Evidence links in a message: with https:// or without ("drive.google.com/…", "www.example.go.th/…"), stored
/// with https:// so they open from the report. Trailing punctuation is not part of a link.
/// </summary>
public static partial class Links
{
    public sealed record Found(int Index, int Length, string Url);

    public static List<Found> In(string key, string written, Folded folded)
    {
        var found = new List<Found>();
        foreach (Match m in Pattern().Matches(key))
        {
            var text = folded.Original(m.Index, m.Index + m.Length);
            // Thai typed straight after a link ("…/plan68ค่ะ") is not part of it.
            var thai = text.IndexOfAny(ThaiLetters);
            if (thai > 0) text = text[..thai];
            var trimmed = text.TrimEnd('.', ',', ')', ']', '>', '"', '\'', '”', '’', '」', ';', ':', '!', '?', '、');
            if (trimmed.Count(c => c == '(') > trimmed.Count(c => c == ')') && text.Length > trimmed.Length && text[trimmed.Length] == ')')
                trimmed = text[..(trimmed.Length + 1)]; // a link that itself ends in ")"
            var url = trimmed.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? trimmed : "https://" + trimmed;
            if (url.Length < 12 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0 || !uri.Host.Contains('.')) continue;
            var keyLength = KeyLength(folded, m.Index, trimmed.Length);
            if (!found.Any(f => f.Url == url)) found.Add(new Found(m.Index, keyLength, url));
        }
        return found;
    }

    static readonly char[] ThaiLetters = Enumerable.Range(0x0E01, 0x0E4F - 0x0E01 + 1).Select(c => (char)c).ToArray();

    static int KeyLength(Folded folded, int start, int writtenLength)
    {
        var end = folded.WrittenIndex(start) + writtenLength;
        var i = start;
        while (i < folded.Length && folded.WrittenIndex(i) < end) i++;
        return i - start;
    }

    /// <summary>http(s) links, and bare host names ending in a known suffix (go.th, ac.th, .com …) or known hosts.</summary>
    [GeneratedRegex(@"https?://[^\s<>""“”]+|(?<![a-z0-9@.\-/_])(?:www\.)?(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+(?:go\.th|ac\.th|or\.th|co\.th|in\.th|mi\.th|net\.th|com|net|org|info|th|gle|ly|be|me|io|app|gl|link)(?::\d+)?(?:/[^\s<>""“”]*)?(?![a-z0-9.\-_])", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
