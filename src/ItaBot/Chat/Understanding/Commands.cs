using System.Text.RegularExpressions;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Chat.Understanding;

/// <summary>
/// Commands, in the words the bot documents and the words people use instead ("สรุปหน่อย", "ใครยังไม่ส่งบ้าง",
/// "เตือนกองช่างด้วย", "ปิดรอบ 6 เดือน"). A Thai command word that is also an ordinary word ("สรุป", "ยกเลิก",
/// "สถานะ") is a command only as the whole message, so chatter starting with it ("สรุปว่าพรุ่งนี้ไม่ประชุม") is not.
/// Administrators' own wording is read only for administrators: the same words from anyone else are chatter.
/// </summary>
public static partial class Commands
{
    /// <param name="text">The message as written, mentions taken out.</param>
    public static ChatCommand? Read(string text, bool isAdmin, bool addressed)
    {
        var written = Spaces().Replace(text, " ").Trim();
        var bare = StripPolite(written);
        var lower = Key(bare);
        if (lower.Length == 0) return null;

        if (Exactly(lower, "ช่วยเหลือ", "help", "วิธีใช้", "คำสั่ง", "เมนู", "menu", "?", "？", "คู่มือการใช้")) return new HelpCommand();
        if (addressed && Exactly(Trimmed(lower), "ช่วยด้วย", "ใช้ยังไง", "ใช้งานยังไง", "ทำอะไรได้บ้าง", "ทำอะไรได้", "พิมพ์อะไรได้บ้าง", "ช่วยด้วยใช้ยังไง"))
            return new HelpCommand();
        if (Exactly(lower, "ของฉัน", "mine", "งานของฉัน", "มาตรการของฉัน", "my measures") || Mine().IsMatch(lower)) return new MineCommand();
        if (Exactly(lower, "แก้ไข", "edit", "แก้")) return new EditCommand();
        if (Exactly(lower, "สรุป", "summary", "สรุปผล", "สรุปรอบ")) return new SummaryCommand();
        if (Exactly(lower, "เตือนตอนนี้", "remind now", "เตือน", "remind")) return new RemindNowCommand();
        if (Exactly(lower, "ผูกกลุ่มผู้ดูแล", "bind admin", "ผูกกลุ่มแอดมิน")) return new BindAdminGroupCommand();
        if (Exactly(lower, "ยกเลิกผูกกลุ่ม", "unbind", "เลิกผูกกลุ่ม")) return new UnbindGroupCommand();

        if (RoundSummary().Match(lower) is { Success: true } summary) return RoundSummaryOf(summary);
        if (After(bare, lower, out var rest, "ส่งสรุปไปที่กลุ่ม", "ส่งสรุปไปกลุ่ม", "ส่งสรุปให้กลุ่ม", "send summary to group", "send summary to"))
            return new SendSummaryCommand(rest.Length > 0 ? rest : null);
        if (After(bare, lower, out rest, "ตั้งชื่อกลุ่มว่า", "ตั้งชื่อกลุ่ม", "name group", "name this group"))
            return new NameGroupCommand(rest.Length > 0 ? rest : null);
        if (After(bare, lower, out rest, "ปิดรอบ", "close round"))
            return Kind(rest, out var closeKind) ? new CloseRoundCommand(closeKind) : null;
        if (After(bare, lower, out rest, "เปิดรอบ", "open round"))
            return Kind(rest, out var openKind) ? new OpenRoundCommand(openKind) : null;
        if (After(bare, lower, out rest, "เปิดมาตรการ", "reopen"))
            return new ReopenMeasureCommand(rest.Length > 0 ? rest : null);
        if (After(bare, lower, out rest, "ผูกกลุ่ม", "bind"))
            return new BindGroupCommand(SplitNames(rest));
        if (After(bare, lower, out rest, "ลงทะเบียน", "register"))
            return Register(rest);
        if (After(bare, lower, out rest, "อนุมัติ", "approve"))
            return Approval(rest, approve: true);
        if (After(bare, lower, out rest, "ปฏิเสธ", "reject"))
            return Approval(rest, approve: false);

        return isAdmin ? AdminWords(bare, lower) : null;
    }

    /// <summary>
    /// Asking to see statuses; read after status reports, since "สถานะ M1 เสร็จแล้ว" reports and does not ask.
    /// </summary>
    public static ShowStatusCommand? Status(string text)
    {
        var bare = StripPolite(Spaces().Replace(text, " ").Trim());
        return ShowStatus(bare, Key(bare));
    }

    /// <summary>"สถานะ", "สถานะ กองคลัง", "ขอดูสถานะหน่อย", "กองเรามีมาตรการอะไรบ้าง".</summary>
    static ShowStatusCommand? ShowStatus(string bare, string lower)
    {
        foreach (var word in new[] { "สถานะ", "status" })
        {
            if (lower == word) return new ShowStatusCommand(null);
            if (lower.StartsWith(word + " ", StringComparison.Ordinal)) return new ShowStatusCommand(bare[(word.Length + 1)..].Trim());
        }
        var trimmed = Trimmed(lower);
        if (LookAtStatus().Match(trimmed) is { Success: true } look)
            return new ShowStatusCommand(look.Groups["t"].Value is { Length: > 0 } target && target is not ("ล่าสุด" or "ทั้งหมด" or "ของกองเรา" or "ของเรา" or "กองเรา") ? target : null);
        if (WhatMeasures().IsMatch(trimmed)) return new ShowStatusCommand(null);
        return null;
    }

    /// <summary>What administrators say instead of the commands.</summary>
    static ChatCommand? AdminWords(string bare, string lower)
    {
        var t = Trimmed(lower);
        if (Owing().IsMatch(t)) return new OwingCommand();
        if (AdminRoundSummary().Match(t) is { Success: true } round) return RoundSummaryOf(round);
        if (AdminSummary().IsMatch(t)) return new SummaryCommand();
        if (AdminRemind().Match(t) is { Success: true } remind)
        {
            var who = remind.Groups["who"].Value.Trim();
            return new RemindNowCommand(who.Length == 0 || AllUnits().IsMatch(who) ? null : who);
        }
        return null;
    }

    static RoundSummaryCommand RoundSummaryOf(Match match)
    {
        var kind = match.Groups["n"].Value is "6" or "หก" ? RoundKind.SixMonth : RoundKind.TwelveMonth;
        if (!int.TryParse(match.Groups["y"].Value, out var year)) return new RoundSummaryCommand(kind, null);
        // Fiscal years are Buddhist Era; someone typing 2025 means พ.ศ. 2568.
        return new RoundSummaryCommand(kind, year < 2400 ? year + 543 : year);
    }

    /// <summary>"", "6", "12 เดือน", "หกเดือน": the round kind after เปิดรอบ/ปิดรอบ; false when the rest is something else.</summary>
    static bool Kind(string rest, out RoundKind? kind)
    {
        var r = Key(rest).Replace(" ", "");
        kind = null;
        if (r.Length == 0) return true;
        if (KindWords().Match(r) is not { Success: true } m) return false;
        kind = m.Groups["n"].Value is "6" or "หก" ? RoundKind.SixMonth : RoundKind.TwelveMonth;
        return true;
    }

    /// <summary>Politeness and softeners at the end that do not change a request: ครับ, ค่ะ, หน่อย, ให้ด้วย …</summary>
    static string Trimmed(string lower)
    {
        var t = lower.Replace(" ", "");
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var ending in Softeners)
            {
                if (t.Length > ending.Length && t.EndsWith(ending, StringComparison.Ordinal) && !Leftover.IsEndOfAWord(t, t.Length - ending.Length, ending))
                { t = t[..^ending.Length]; changed = true; }
            }
        }
        return t;
    }

    static readonly string[] Softeners =
        ["หน่อยนะคะ", "หน่อยครับ", "หน่อยค่ะ", "หน่อย", "ให้หน่อย", "ให้ด้วย", "ให้ที", "ด้วยนะคะ", "ด้วยครับ", "ด้วยค่ะ", "ด้วย", "ทีนะ", "ที", "นะคะ", "นะครับ", "นะ", "ครับ", "ค่ะ", "คะ", "จ้า", "ให้ดู", "ให้"];

    static bool Exactly(string lower, params string[] words) => words.Contains(lower);

    /// <summary>The message starts with one of the words; <paramref name="rest"/> is what follows, from the text as written.</summary>
    static bool After(string text, string lower, out string rest, params string[] words)
    {
        foreach (var word in words)
        {
            if (!lower.StartsWith(word, StringComparison.Ordinal)) continue;
            if (lower.Length > word.Length && char.IsAsciiLetter(word[^1]) && char.IsAsciiLetter(lower[word.Length])) continue;
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

    /// <summary>Lower case with Arabic digits, character for character (positions match the text).</summary>
    public static string Key(string text) => ThaiDigits.ToArabic(text).ToLowerInvariant();

    // Shortest first: "สถานะครับ" must lose "ครับ", not "นะครับ".
    static readonly string[] PoliteEndings =
        ["ครับ", "ค่ะ", "คะ", "จ้า", "จ้ะ", "ครับผม", "ขอบคุณ", "thank you", "thanks", "krub", "krab", "ka", "please", "pls"];

    /// <summary>Drops closing politeness ("…ครับ", "ขอบคุณค่ะ") that carries no meaning for the bot.</summary>
    static string StripPolite(string text)
    {
        var trimmed = text.TrimEnd(' ', '.', '!', '~', '^', ':', ')');
        for (var changed = true; changed && trimmed.Length > 0;)
        {
            changed = false;
            foreach (var ending in PoliteEndings)
            {
                if (!trimmed.EndsWith(ending, StringComparison.OrdinalIgnoreCase)) continue;
                var before = trimmed[..^ending.Length];
                if (char.IsAsciiLetter(ending[0]) && before.Length > 0 && !char.IsWhiteSpace(before[^1])) continue;
                trimmed = before.TrimEnd(' ', '.', '!', ',');
                changed = true;
                break;
            }
        }
        return trimmed;
    }

    [GeneratedRegex(@"[ \t\r\n]+")]
    private static partial Regex Spaces();

    /// <summary>"รายงาน 6 เดือน", "สรุปรอบ 12 เดือน ปีงบประมาณ 2568", "report 12m 2568" (digits Arabic, lower case).</summary>
    [GeneratedRegex(@"^(?:(?:รายงาน|สรุป)(?:ผล)?\s?(?:รอบ\s?)?(?<n>6|12)\s?เดือน|(?:report|summary)\s(?:round\s)?(?<n>6|12)\s?(?:m|months?))(?:\s?(?:ปีงบประมาณ|ปีงบ|ปี|fy|พ\.ศ\.)?\s?(?<y>\d{4}))?$")]
    private static partial Regex RoundSummary();

    [GeneratedRegex(@"^(?:รอบ)?(?<n>6|12|หก|สิบสอง)(?:เดือน|m|months?)?$")]
    private static partial Regex KindWords();

    [GeneratedRegex(@"^(?:ขอ)?(?:ดู)?(?:ไฟล์)?(?:รายงาน|สรุป)(?:ผล)?(?:การดำเนินการ|การดำเนินงาน|ความคืบหน้า|สถานะ|ภาพรวม)?(?:ตาม)?(?:มาตรการ)?(?:ita)?(?:ของ)?(?:รอบ)?(?<n>6|12|หก|สิบสอง)เดือน(?:(?:ปีงบประมาณ|ปีงบ|ปี|พ\.ศ\.)?(?<y>\d{4}))?$")]
    private static partial Regex AdminRoundSummary();

    [GeneratedRegex(@"^(?:ขอ)?(?:ดู)?(?:สรุป(?:ผล)?(?:รอบนี้|ภาพรวม|ความคืบหน้า)?|ภาพรวม(?:ทั้งหมด)?|ความคืบหน้า(?:มาตรการ)?(?:ita)?(?:เป็นยังไงบ้าง|เป็นไงบ้าง|ถึงไหนแล้ว|ยังไงบ้าง)?|รายงานสถานะ(?:ทุกกอง|ทุกหน่วย|ทั้งหมด)|สถานะทุกกอง|สถานะทุกหน่วย(?:งาน)?)$")]
    private static partial Regex AdminSummary();

    [GeneratedRegex(@"^(?:ขอ)?(?:ดู)?(?:หน่อย)?(?:ว่า)?(?:ตอนนี้)?(?:ใคร|หน่วยงานไหน|หน่วยไหน|กองไหน|ที่)(?:ยัง)?(?:ไม่(?:ได้)?(?:ส่ง|รายงาน)|ค้าง)(?:รายงาน|ส่ง)?(?:อยู่)?(?:บ้าง)?$|^(?:ส่งครบ|รายงานครบ|ครบ)(?:แล้ว)?(?:หรือ)?ยัง$")]
    private static partial Regex Owing();

    [GeneratedRegex(@"^(?:ช่วย)?เตือน(?<who>.*?)(?:อีกที|อีกครั้ง|ตอนนี้|ตอนนี้เลย)?$")]
    private static partial Regex AdminRemind();

    [GeneratedRegex(@"^(?:ทุกกอง|ทุกหน่วย(?:งาน)?|ทั้งหมด|ทุกคน|ทุกกลุ่ม|หน่วยงานที่ยังไม่ส่ง|กองที่ยังไม่ส่ง|ที่ยังไม่ส่ง)$")]
    private static partial Regex AllUnits();

    [GeneratedRegex(@"^(?:ขอดู|ดู|ขอ|เช็ค|เช็ก)สถานะ(?<t>.*)$|^สถานะ(?<t>ล่าสุด|ทั้งหมด)$")]
    private static partial Regex LookAtStatus();

    [GeneratedRegex(@"^(?:ขอดู)?(?:กองเรา|กอง\S*|เรา|หน่วยงานเรา|ของเรา)?(?:มี)?มาตรการ(?:ของ)?(?:เรา|กองเรา|กอง\S*)?(?:มี)?(?:อะไรบ้าง|อะไร|กี่ข้อ)$")]
    private static partial Regex WhatMeasures();

    [GeneratedRegex(@"^(?:มาตรการ|งาน)ของ(?:ฉัน|หนู|ผม|ดิฉัน)(?:มี)?(?:อะไรบ้าง|อะไร)?(?:ครับ|ค่ะ|คะ)?$")]
    private static partial Regex Mine();
}
