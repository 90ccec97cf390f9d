namespace ItaBot.Chat.Understanding;

/// <summary>
/// A measure named by the words of its title ("แผนจัดซื้อจัดจ้างเผยแพร่แล้ว" for "เผยแพร่แผนการจัดซื้อจัดจ้างประจำปี…").
/// Thai has no spaces to split words on, so a match is the longest run of characters the message shares with a
/// title, long enough (8+) and not a word every plan uses (ดำเนินการ, เว็บไซต์ …). Found this way, a measure is only
/// ever confirmed with one tap before anything is recorded.
/// </summary>
public static class TitleMatch
{
    public const int MinimumRun = 8;

    /// <summary>Words that appear in many measures' titles and name none of them.</summary>
    static readonly string[] Common =
    [
        "การดำเนินการ", "ดำเนินการ", "มาตรการ", "หน่วยงาน", "เจ้าหน้าที่", "บุคลากร", "ประชาชน", "เว็บไซต์", "การปฏิบัติงาน", "ปฏิบัติงาน", "ประจำปี",
        "ข้อมูล", "ให้บริการ", "ส่งเสริม", "การจัดทำ", "รายงานผล", "ผู้บริหาร", "การประชาสัมพันธ์", "ประชาสัมพันธ์", "เผยแพร่", "โครงการ", "กิจกรรม",
        "คุณธรรม", "ความโปร่งใส", "โปร่งใส", "การทุจริต", "ทุจริต", "ตรวจสอบ",
    ];

    public sealed record Match(int MeasureId, int Index, int Length);

    /// <summary>The measures whose titles share the longest run with the message, when that run is long and telling enough.</summary>
    public static List<Match> Best(string key, bool[] cut, IReadOnlyList<KnownMeasure> measures)
    {
        var message = Masked(key, cut);
        var found = new List<Match>();
        foreach (var measure in measures)
        {
            var title = Compact(measure.Title.ToLowerInvariant());
            var (index, length) = LongestCommon(message, title);
            if (length < MinimumRun) continue;
            var run = message.Substring(index, length);
            if (Common.Any(c => c.Contains(run, StringComparison.Ordinal) || (run.Contains(c, StringComparison.Ordinal) && run.Length - c.Length < 4))) continue;
            found.Add(new Match(measure.Id, index, length));
        }
        if (found.Count == 0) return found;
        var longest = found.Max(f => f.Length);
        return found.Where(f => f.Length >= longest - 1).ToList();
    }

    /// <summary>How much of the message [from, to) overlaps a title in runs of 4+ characters: what the person said about the measure.</summary>
    public static void MarkOverlap(string key, bool[] cut, string titleText, int minimum = 4)
    {
        var title = Compact(titleText.ToLowerInvariant());
        var message = Masked(key, cut);
        for (var i = 0; i < message.Length; i++)
        {
            var best = 0;
            for (var len = minimum; i + len <= message.Length; len++)
            {
                if (message[i + len - 1] == '\u0001' || message[i + len - 1] == ' ' || !title.Contains(message.AsSpan(i, len), StringComparison.Ordinal)) break;
                best = len;
            }
            if (best >= minimum) { Scan.Mark(cut, i, best); i += best - 1; }
        }
    }

    static string Masked(string key, bool[] cut)
    {
        var chars = key.ToCharArray();
        for (var i = 0; i < chars.Length; i++) if (cut[i]) chars[i] = '\u0001';
        return new string(chars);
    }

    static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>Longest common substring (index in <paramref name="a"/>, length); spaces and masked characters never match.</summary>
    static (int Index, int Length) LongestCommon(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return (0, 0);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        var best = 0;
        var bestEnd = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            var c = a[i - 1];
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = c == b[j - 1] && c != '\u0001' && c != ' ' ? previous[j - 1] + 1 : 0;
                if (current[j] > best) { best = current[j]; bestEnd = i; }
            }
            (previous, current) = (current, previous);
            Array.Clear(current);
        }
        return (bestEnd - best, best);
    }
}
