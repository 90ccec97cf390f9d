using System.Text.RegularExpressions;

namespace ItaBot.Chat.Understanding;

/// <summary>How a number was written: "M6", "ม.๖", "มาตรการที่ 6" (explicit), "ข้อ 6" (an item), or a bare "6 เสร็จแล้ว".</summary>
public enum RefKind { Explicit, Item, Bare }

/// <summary>A number in the text that may name a measure, with the span it takes.</summary>
public sealed record MeasureRef(int Index, int Length, string Number, RefKind Kind, string? RangeTo = null)
{
    public int End => Index + Length;
}

/// <summary>Refs written together ("M1, M2", "ข้อ 1 2 3", "M6 กับ M7") share one status.</summary>
public sealed record RefGroup(IReadOnlyList<MeasureRef> Refs)
{
    public int Index => Refs[0].Index;
    public int End => Refs[^1].End;
}

/// <summary>
/// Finds the numbers that may be measures. A number only counts as one when it is written as a measure ("M6",
/// "ม.6", "มาตรการที่ 6"), as an item ("ข้อ 6", not of some letter or form), or bare at the start of a line and
/// right before a status ("6 เสร็จแล้ว"); never when it counts something (2 คน, 10 โมง, ห้อง 3, 1 ก.พ.).
/// Whether an item or bare number is one of the person's measures is decided by the caller.
/// </summary>
public static partial class MeasureRefs
{
    public static List<MeasureRef> Find(string key, bool[] taken)
    {
        var refs = new List<MeasureRef>();
        foreach (Match m in ExplicitRef().Matches(key)) Add(m, RefKind.Explicit);
        var otherDocument = Scan.Any(key, Words.OtherDocuments);
        if (!otherDocument)
            foreach (Match m in ItemRef().Matches(key)) Add(m, RefKind.Item);
        foreach (Match m in BareRef().Matches(key)) Add(m, RefKind.Bare);

        // "M1, M2 และ 4", "ข้อ 1 2 3": numbers that continue a list of refs.
        for (var i = 0; i < refs.Count; i++)
        {
            var r = refs.OrderBy(x => x.Index).ElementAt(i);
            var rest = key[r.End..];
            var more = Continuation().Match(rest);
            if (!more.Success || more.Index != 0) continue;
            foreach (Capture c in more.Groups["n"].Captures)
            {
                var at = r.End + c.Index;
                if (refs.Any(x => x.Index <= at && at < x.End) || Counts(key, at + c.Length) || Scan.Overlaps(taken, at, c.Length)) continue;
                refs.Add(new MeasureRef(at, c.Length, c.Value, r.Kind == RefKind.Bare ? RefKind.Bare : r.Kind));
            }
        }
        return refs.OrderBy(r => r.Index).DistinctBy(r => r.Index).ToList();

        void Add(Match m, RefKind kind)
        {
            var n = m.Groups["n"];
            if (Scan.Overlaps(taken, m.Index, m.Length) || refs.Any(r => r.Index < m.Index + m.Length && m.Index < r.End)) return;
            var to = m.Groups["to"];
            if (!to.Success && Counts(key, n.Index + n.Length)) return;
            refs.Add(new MeasureRef(m.Index, m.Length, n.Value, kind, to.Success ? to.Value : null));
        }
    }

    /// <summary>Refs next to each other with only separators between them.</summary>
    public static List<RefGroup> Group(string key, IReadOnlyList<MeasureRef> refs)
    {
        var groups = new List<RefGroup>();
        var current = new List<MeasureRef>();
        foreach (var r in refs)
        {
            if (current.Count > 0 && !OnlySeparators(key, current[^1].End, r.Index))
            {
                groups.Add(new RefGroup(current));
                current = [];
            }
            current.Add(r);
        }
        if (current.Count > 0) groups.Add(new RefGroup(current));
        return groups;
    }

    static bool OnlySeparators(string key, int from, int to)
    {
        var between = key[from..to];
        return Separators().IsMatch(between);
    }

    /// <summary>A number followed by a counting word or a time, date or decimal is a quantity, not a measure.</summary>
    static bool Counts(string key, int after)
    {
        var rest = key.AsSpan(after);
        if (rest.Length > 1 && rest[0] is '.' or ':' or '/' && char.IsAsciiDigit(rest[1])) return true;
        if (rest.Length > 3 && rest[0] == ',' && char.IsAsciiDigit(rest[1]) && char.IsAsciiDigit(rest[2]) && char.IsAsciiDigit(rest[3])) return true; // 1,500
        rest = rest.TrimStart(' ');
        foreach (var counter in Words.Counters)
            if (rest.StartsWith(counter, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>M6, m.6, M-6, ม.๖, ม6, มาตรการ 6, มาตรการที่ 6, measure 6, #6 — not inside a word ("ประชุม 3", "ทีม 2"); "ม.1-3" is a range.</summary>
    [GeneratedRegex(@"(?<![a-z0-9\u0E00-\u0E7F])(?:มาตรการ\s?(?:ที่)?|measure|m|ม|\#)\s?\.?\s?-?\s?(?<n>\d{1,3}(?:\.\d{1,2})?)(?![0-9])(?:\s?-\s?(?<to>\d{1,3})(?![0-9.]))?")]
    private static partial Regex ExplicitRef();

    /// <summary>ข้อ 6, ข้อที่ 6, ข้อ6 — not "คำถามข้อ 5".</summary>
    [GeneratedRegex(@"(?<![a-z0-9\u0E00-\u0E7F])ข้อ\s?(?:ที่\s?)?(?<n>\d{1,3}(?:\.\d{1,2})?)(?![0-9])(?:\s?-\s?(?<to>\d{1,3})(?![0-9.]))?")]
    private static partial Regex ItemRef();

    /// <summary>A number at the start of a line (after a bullet or an opener: "งั้น 9 กำลังดำเนินการ", "ส่วน 4 เสร็จแล้ว"), or a list item inside one ("1.เสร็จ 2.เสร็จ"), right before a status.</summary>
    [GeneratedRegex(@"(?:(?:^|\n)[ \t]*(?:[-•*]\s*)?(?:(?:งั้น|ถ้างั้น|ส่วน|แล้วก็|โอเค|ok)\s*)?(?<n>\d{1,3}(?:\.\d{1,2})?)(?=\s*[.):\-]?\s*" + StatusStart + @")|(?<=\S\s)(?<n>\d{1,3})(?=[.)]\s*" + StatusStart + "))")]
    private static partial Regex BareRef();

    const string StatusStart = "(?:ดำเนินการ|อยู่ระหว่าง|กำลัง|ยัง|เสร|เส็|แล้วเสร็จ|เรียบร้อย|ทำ|ไม่|done|in progress|not|cannot|ok|ส่ง|ลง|✅)";

    [GeneratedRegex(@"^(?:\s*(?:,|、|และ|กับ|&|/|\+|\s)\s*(?:ข้อ\s?(?:ที่)?|m\.?|ม\.?)?\s*(?<n>\d{1,3})(?![0-9]))+")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^(?:\s|,|、|และ|กับ|&|/|\+|ข้อ(?:ที่)?|มาตรการ(?:ที่)?|m\.?|ม\.)*$")]
    private static partial Regex Separators();
}
