using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Chat;

/// <summary>
/// Turns a chat message into a <see cref="ChatCommand"/>. Pure and total: any string gives a command,
/// never an exception. Words are matched on a lower-cased copy with Arabic digits (the same length as
/// the cleaned text), and notes are cut from the cleaned text so people's own digits and case survive.
/// </summary>
public static partial class ChatText
{
    public static ChatCommand Parse(string? text)
    {
        var clean = Clean(text);
        if (clean.Length == 0) return new OtherText("");

        var bare = StripPoliteEnding(CollapseSpaces(clean));
        var keyword = Keyword(bare);
        if (keyword is not null) return keyword;

        var update = StatusUpdate(clean);
        if (update is not null) return update;

        return (ChatCommand?)ShowStatus(bare) ?? new OtherText(clean);
    }

    /// <summary>The parts of a free answer to a follow-up question: links, a reason word, and the rest.</summary>
    public static Pieces Split(string? text, bool lookForReason)
    {
        var clean = Clean(text);
        var key = Key(clean);
        var cut = new bool[clean.Length];
        var urls = Urls(clean, key, cut);
        CannotProceedReason? reason = null;
        if (lookForReason)
        {
            var match = FirstMatch(key, cut, StatusWords.Reasons);
            if (match is { } m) { reason = m.Value; Mark(cut, m.Index, m.Length); }
        }
        return new Pieces(urls, reason, Rest(clean, cut));
    }

    public sealed record Pieces(IReadOnlyList<string> Urls, CannotProceedReason? Reason, string? Rest);

    /// <summary>Comparable form of a measure code or reference: "M1", "ม.๑", "มาตรการ 1" and "1" all give "1".</summary>
    public static string MeasureKey(string codeOrRef)
    {
        var key = ThaiDigits.ToArabic(codeOrRef.Trim()).ToLowerInvariant();
        var number = NumberPart().Match(key);
        if (!number.Success) return key.Replace(" ", "");
        return string.Join('.', number.Value.Split('.').Select(part => part.TrimStart('0') is { Length: > 0 } p ? p : "0"));
    }

    // ---- cleaning ----

    /// <summary>Removes invisible characters some keyboards insert, unifies Thai "ำ", folds full-width ASCII.</summary>
    static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var builder = new StringBuilder(text.Length);
        foreach (var c in WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormC))
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD') continue;
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t') continue;
            if (c is >= '\uFF01' and <= '\uFF5E') { builder.Append((char)(c - 0xFEE0)); continue; }
            if (c is '\u3000' or '\u00A0') { builder.Append(' '); continue; }
            builder.Append(c);
        }
        // Nikhahit + sara aa look exactly like sara am; people cannot tell which one they typed.
        return builder.Replace("\u0E4D\u0E32", "\u0E33").ToString().Trim();
    }

    /// <summary>A broken UTF-16 pair (possible in JSON "\ud800") would make normalisation throw.</summary>
    static string WithoutLoneSurrogates(string text)
    {
        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                : !char.IsLowSurrogate(c) || (i > 0 && char.IsHighSurrogate(text[i - 1]));
            if (paired) continue;
            copy ??= text.ToCharArray();
            copy[i] = '\uFFFD';
        }
        return copy is null ? text : new string(copy);
    }

    static string Key(string clean) => ThaiDigits.ToArabic(clean).ToLowerInvariant();

    static string CollapseSpaces(string text) => Spaces().Replace(text, " ").Trim();

    // Shortest particles first: "สถานะครับ" must lose "ครับ", not "นะครับ".
    static readonly string[] PoliteEndings =
        ["ครับ", "ค่ะ", "คะ", "จ้า", "จ้ะ", "ครับผม", "ขอบคุณ", "thank you", "thanks", "krub", "krab", "ka", "please", "pls"];

    /// <summary>Drops closing politeness ("…ครับ", "ขอบคุณค่ะ") that carries no meaning for the bot.</summary>
    static string StripPoliteEnding(string text)
    {
        var trimmed = text.TrimEnd(' ', '.', '!', '~', '^', ':', ')');
        for (var changed = true; changed && trimmed.Length > 0;)
        {
            changed = false;
            foreach (var ending in PoliteEndings)
            {
                if (!trimmed.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) continue;
                var before = trimmed[..^ending.Length];
                // English particles must stand alone ("ka" in "nakhon ka" yes, in "baka" no).
                if (IsAsciiLetter(ending[0]) && before.Length > 0 && !char.IsWhiteSpace(before[^1])) continue;
                trimmed = before.TrimEnd(' ', '.', '!', ',');
                changed = true;
                break;
            }
        }
        return trimmed;
    }

    // ---- keyword commands ----

    /// <summary>Commands named by a leading word. Thai ones that stand alone must be the whole message, so chatter in a group ("สรุปว่า…") is not a command.</summary>
    static ChatCommand? Keyword(string text)
    {
        var lower = ThaiDigits.ToArabic(text).ToLowerInvariant();

        if (Exactly(lower, "ช่วยเหลือ", "help", "วิธีใช้", "คำสั่ง", "เมนู", "menu", "?", "？")) return new HelpCommand();
        if (Exactly(lower, "ของฉัน", "mine", "งานของฉัน", "มาตรการของฉัน", "my measures")) return new MineCommand();
        if (Exactly(lower, "ยกเลิก", "cancel")) return new CancelCommand();
        if (Exactly(lower, "ข้าม", "skip", "ไม่มี", "none")) return new SkipCommand();
        if (Exactly(lower, "แก้ไข", "edit", "แก้")) return new EditCommand();
        if (Exactly(lower, "สรุป", "summary", "สรุปผล", "สรุปรอบ")) return new SummaryCommand();
        if (Exactly(lower, "เตือนตอนนี้", "remind now", "เตือน", "remind")) return new RemindNowCommand();
        if (Exactly(lower, "ผูกกลุ่มผู้ดูแล", "bind admin", "ผูกกลุ่มแอดมิน")) return new BindAdminGroupCommand();
        if (Exactly(lower, "ยกเลิกผูกกลุ่ม", "unbind", "เลิกผูกกลุ่ม")) return new UnbindGroupCommand();
        if (Exactly(lower, "ปิดรอบ", "close round")) return new CloseRoundCommand();

        if (RoundSummary().Match(lower) is { Success: true } summary) return RoundSummaryOf(summary);
        if (After(text, lower, out var rest, "ส่งสรุปไปที่กลุ่ม", "ส่งสรุปไปกลุ่ม", "ส่งสรุปให้กลุ่ม", "send summary to group", "send summary to"))
            return new SendSummaryCommand(rest.Length > 0 ? rest : null);
        if (After(text, lower, out rest, "ตั้งชื่อกลุ่ม", "ตั้งชื่อกลุ่มว่า", "name group", "name this group"))
            return new NameGroupCommand(rest.Length > 0 ? rest : null);
        if (After(text, lower, out rest, "เปิดรอบ", "open round"))
        {
            var digits = NumberPart().Match(ThaiDigits.ToArabic(rest)).Value;
            RoundKind? kind = digits switch { "6" => RoundKind.SixMonth, "12" => RoundKind.TwelveMonth, _ => null };
            return rest.Length == 0 || kind is not null ? new OpenRoundCommand(kind) : null;
        }
        if (After(text, lower, out rest, "เปิดมาตรการ", "reopen"))
            return new ReopenMeasureCommand(rest.Length > 0 ? rest : null);
        if (After(text, lower, out rest, "ผูกกลุ่ม", "bind"))
            return new BindGroupCommand(SplitNames(rest));
        if (After(text, lower, out rest, "ลงทะเบียน", "register"))
            return Register(rest);
        if (After(text, lower, out rest, "อนุมัติ", "approve"))
            return Approval(rest, approve: true);
        if (After(text, lower, out rest, "ปฏิเสธ", "reject"))
            return Approval(rest, approve: false);
        return null;
    }

    static RoundSummaryCommand RoundSummaryOf(Match match)
    {
        var kind = match.Groups["n"].Value == "6" ? RoundKind.SixMonth : RoundKind.TwelveMonth;
        if (!int.TryParse(match.Groups["y"].Value, out var year)) return new RoundSummaryCommand(kind, null);
        // Fiscal years are Buddhist Era; someone typing 2025 means พ.ศ. 2568.
        return new RoundSummaryCommand(kind, year < 2400 ? year + 543 : year);
    }

    static bool Exactly(string lower, params string[] words) => words.Contains(lower);

    /// <summary>The message starts with one of the words; <paramref name="rest"/> is what follows, from the original text.</summary>
    static bool After(string text, string lower, out string rest, params string[] words)
    {
        foreach (var word in words)
        {
            if (!lower.StartsWith(word, StringComparison.Ordinal)) continue;
            if (lower.Length > word.Length && IsAsciiLetter(word[^1]) && IsAsciiLetter(lower[word.Length])) continue;
            rest = text[word.Length..].Trim(' ', ':', '：', '-');
            return true;
        }
        rest = "";
        return false;
    }

    static IReadOnlyList<string> SplitNames(string text) =>
        text.Split([',', '，', '、', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    static RegisterCommand Register(string rest)
    {
        var role = UnitRole.Delegate;
        foreach (var (word, wordRole) in RoleWords)
        {
            if (rest.EndsWith(word, StringComparison.OrdinalIgnoreCase) && rest.Length > word.Length)
            {
                role = wordRole;
                rest = rest[..^word.Length].Trim(' ', ',');
                break;
            }
        }
        return new RegisterCommand(rest.Length > 0 ? rest : null, role);
    }

    static readonly (string, UnitRole)[] RoleWords =
    [
        ("หัวหน้าหน่วยงาน", UnitRole.Head), ("หัวหน้า", UnitRole.Head), ("ผู้อำนวยการ", UnitRole.Head), ("head", UnitRole.Head),
        ("ผู้แทน", UnitRole.Delegate), ("ตัวแทน", UnitRole.Delegate), ("ผู้ประสานงาน", UnitRole.Delegate), ("delegate", UnitRole.Delegate),
    ];

    static ApproveCommand? Approval(string rest, bool approve)
    {
        if (rest.Length == 0) return approve ? new ApproveCommand(null, true) : null;
        var digits = rest.TrimStart('#', ' ');
        if (digits.StartsWith("ที่", StringComparison.Ordinal)) digits = digits[3..];
        return ThaiDigits.TryParseInt(digits, out var id) && id > 0 ? new ApproveCommand(id, approve) : null;
    }

    static ShowStatusCommand? ShowStatus(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var word in new[] { "สถานะ", "status" })
        {
            if (lower == word) return new ShowStatusCommand(null);
            if (lower.StartsWith(word + " ", StringComparison.Ordinal)) return new ShowStatusCommand(text[(word.Length + 1)..].Trim());
        }
        return null;
    }

    // ---- status updates ----

    static StatusUpdateCommand? StatusUpdate(string clean)
    {
        var key = Key(clean);
        var cut = new bool[clean.Length];
        var urls = Urls(clean, key, cut);

        var refs = new List<(int Index, int Length, string Key)>();
        foreach (Match m in MeasureRef().Matches(key))
        {
            if (cut[m.Index]) continue;
            refs.Add((m.Index, m.Length, MeasureKey(m.Groups["n"].Value)));
        }
        var statuses = AllMatches(key, cut, StatusWords.Statuses);
        var start = FirstNonSpace(key);

        var startsWithRef = refs.Count > 0 && refs[0].Index == start;
        var startsWithStatus = statuses.Count > 0 && statuses[0].Index == start;
        var bare = BareNumber().Match(key);
        var startsWithNumber = bare.Success && statuses.Count > 0 && !startsWithRef;
        if (startsWithNumber) refs.Insert(0, (bare.Groups["n"].Index, bare.Groups["n"].Length, MeasureKey(bare.Groups["n"].Value)));

        var addressed = startsWithRef || startsWithStatus || startsWithNumber || (refs.Count > 0 && statuses.Count > 0);
        if (!addressed) return null;

        if (refs.Count > 0) Mark(cut, refs[0].Index, refs[0].Length);
        if (statuses.Count > 0) Mark(cut, statuses[0].Index, statuses[0].Length);

        var known = statuses.Where(s => s.Value is not null).Select(s => s.Value!.Value).Distinct().ToList();
        var unclear = statuses.Any(s => s.Value is null);

        CannotProceedReason? reason = null;
        if (known is [MeasureStatus.CannotProceed] && !unclear)
        {
            var r = FirstMatch(key, cut, StatusWords.Reasons);
            if (r is { } found) { reason = found.Value; Mark(cut, found.Index, found.Length); }
        }

        var measures = refs.Select(r => r.Key).Distinct().ToList();
        var note = Rest(clean, cut);
        if (note is not null && Fillers.Contains(note.ToLowerInvariant())) note = null;
        return new StatusUpdateCommand(measures, known, unclear, reason, note, urls);
    }

    /// <summary>Lead-in words that are not a result on their own ("สถานะ M1 เสร็จแล้ว", "ได้ดำเนินการ M4 เสร็จแล้ว").</summary>
    static readonly HashSet<string> Fillers = ["สถานะ", "status", "รายงาน", "แจ้ง", "ได้", "ได้ดำเนินการ", "ดำเนินการ", "มาตรการ", "measure", "update", "นะ"];

    static List<string> Urls(string clean, string key, bool[] cut)
    {
        var urls = new List<string>();
        foreach (Match m in Url().Matches(clean))
        {
            var url = m.Value.TrimEnd('.', ',', ')', ']', '>', '"', '\'', '”', '’', '」', ';', ':', '!', '?');
            if (url.Length < 10 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0) continue;
            Mark(cut, m.Index, url.Length);
            if (!urls.Contains(url)) urls.Add(url);
        }
        return urls;
    }

    readonly record struct Found<T>(int Index, int Length, T Value);

    static Found<T>? FirstMatch<T>(string key, bool[] cut, IReadOnlyList<(string Phrase, T Value)> words) =>
        AllMatches(key, cut, words) is [var first, ..] ? first : null;

    /// <summary>Every non-overlapping occurrence of the words, longest words claiming their spans first, in text order.</summary>
    static List<Found<T>> AllMatches<T>(string key, bool[] cut, IReadOnlyList<(string Phrase, T Value)> words)
    {
        var taken = (bool[])cut.Clone();
        var found = new List<Found<T>>();
        foreach (var (phrase, value) in words)
        {
            for (var at = key.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = key.IndexOf(phrase, at + 1, StringComparison.Ordinal))
            {
                if (Overlaps(taken, at, phrase.Length) || !StandsAlone(key, at, phrase.Length)) continue;
                Mark(taken, at, phrase.Length);
                found.Add(new Found<T>(at, phrase.Length, value));
            }
        }
        return found.OrderBy(f => f.Index).ToList();
    }

    /// <summary>English words need word boundaries ("abandoned" is not "done"); Thai is written without spaces, so Thai words do not.</summary>
    static bool StandsAlone(string key, int at, int length)
    {
        if (IsAsciiLetter(key[at]) && at > 0 && IsAsciiLetter(key[at - 1])) return false;
        var end = at + length;
        if (IsAsciiLetter(key[end - 1]) && end < key.Length && IsAsciiLetter(key[end])) return false;
        return true;
    }

    static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    static bool Overlaps(bool[] taken, int at, int length)
    {
        for (var i = at; i < at + length; i++) if (taken[i]) return true;
        return false;
    }

    static void Mark(bool[] taken, int at, int length)
    {
        for (var i = at; i < at + length && i < taken.Length; i++) taken[i] = true;
    }

    static int FirstNonSpace(string key)
    {
        var i = 0;
        while (i < key.Length && char.IsWhiteSpace(key[i])) i++;
        return i;
    }

    /// <summary>What is left after the recognised parts are cut out, tidied; null when nothing meaningful is left.</summary>
    static string? Rest(string clean, bool[] cut)
    {
        var builder = new StringBuilder(clean.Length);
        for (var i = 0; i < clean.Length; i++) builder.Append(cut[i] ? ' ' : clean[i]);
        var rest = CollapseSpacesKeepLines(builder.ToString()).Trim(' ', '\n', '-', ':', ',', ';', '.', '/', '|', '–');
        rest = StripPoliteEnding(rest).Trim(' ', '\n', '-', ':', ',', ';', '/', '|', '–');
        return rest.Any(char.IsLetterOrDigit) ? rest : null;
    }

    static string CollapseSpacesKeepLines(string text) =>
        string.Join('\n', text.Split('\n').Select(line => Spaces().Replace(line, " ").Trim()).Where(line => line.Length > 0));

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();

    /// <summary>"รายงาน 6 เดือน", "สรุปรอบ 12 เดือน ปีงบประมาณ 2568", "report 12m 2568", "summary 6 months" (digits already Arabic, lower case).</summary>
    [GeneratedRegex(@"^(?:(?:รายงาน|สรุป)(?:ผล)?\s?(?:รอบ\s?)?(?<n>6|12)\s?เดือน|(?:report|summary)\s(?:round\s)?(?<n>6|12)\s?(?:m|months?))(?:\s?(?:ปีงบประมาณ|ปีงบ|ปี|fy|พ\.ศ\.)?\s?(?<y>\d{4}))?$")]
    private static partial Regex RoundSummary();

    [GeneratedRegex(@"\d+(?:\.\d+)*")]
    private static partial Regex NumberPart();

    [GeneratedRegex(@"https?://[^\s<>""“”]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    /// <summary>M1, m 1, ม.๑, ม1, มาตรการ 3, มาตรการที่ 3, ข้อ 2, measure 4, #5 — not inside a word ("ทีม 2").</summary>
    [GeneratedRegex(@"(?<![a-z0-9\u0E00-\u0E7F])(?:มาตรการ\s?(?:ที่)?|ข้อ\s?(?:ที่)?|measure|m|ม|\#)\s?\.?\s?(?<n>\d{1,3}(?:\.\d{1,2})?)(?![0-9])")]
    private static partial Regex MeasureRef();

    /// <summary>A bare number at the very start ("1 done"); counts only when a status word follows.</summary>
    [GeneratedRegex(@"^\s*(?<n>\d{1,3}(?:\.\d{1,2})?)(?=[\s.)]|$)")]
    private static partial Regex BareNumber();
}
