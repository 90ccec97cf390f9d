using ItaBot.Tracking;

namespace ItaBot.Chat.Understanding;

/// <summary>How sure a status word is: strong words are recorded; weak ones ("ส่งแล้ว", "ok", "✅") are confirmed with one tap first.</summary>
public enum Certainty { Strong, Weak }

/// <summary>
/// A way of saying a status, in the comparison form (<see cref="Folded"/>). <see cref="Status"/> is null for words that
/// sound like a status but do not say which ("ยังไม่เสร็จ", "not done"): those are asked back with <see cref="Offer"/>.
/// <see cref="Formal"/> marks the report's own wording (ดำเนินการแล้วเสร็จ …), which nobody uses for small talk.
/// </summary>
public sealed record StatusPhrase(string Text, MeasureStatus? Status, Certainty Certainty, bool Formal = false, MeasureStatus[]? Offer = null);

/// <summary>The words people use for a status, Thai and English, with the misspellings LINE groups are full of. Matched longest first.</summary>
public static class StatusPhrases
{
    static readonly string[] DoneSpellings = ["เสร็จ", "เสร็ด", "เสร้จ", "เสรจ", "เสร็ต", "เส็ด", "เสร็จจ", "เสร็ฐ"];

    public static readonly IReadOnlyList<StatusPhrase> All = Build();

    static List<StatusPhrase> Build()
    {
        var list = new List<StatusPhrase>();
        void Add(MeasureStatus? status, Certainty certainty, bool formal, params string[] texts)
        {
            foreach (var text in texts) list.Add(new StatusPhrase(text, status, certainty, formal));
        }
        void Unclear(MeasureStatus[] offer, params string[] texts)
        {
            foreach (var text in texts) list.Add(new StatusPhrase(text, null, Certainty.Weak, Offer: offer));
        }

        foreach (var done in DoneSpellings)
        {
            Add(MeasureStatus.Done, Certainty.Strong, true,
                $"ดำเนินการแล้ว{done}", $"ดำเนินการ{done}สิ้นแล้ว", $"ดำเนินการ{done}สิ้น", $"ดำเนินการ{done}เรียบร้อยแล้ว",
                $"ดำเนินการ{done}เรียบร้อย", $"ดำเนินการ{done}แล้ว", $"ดำเนินการ{done}", $"{done}สิ้นแล้ว", $"{done}สิ้น", $"แล้ว{done}");
            Add(MeasureStatus.Done, Certainty.Strong, false,
                $"{done}เรียบร้อยแล้ว", $"{done}เรียบร้อย", $"{done}หมดแล้ว", $"{done}หมด", $"{done}แล้ว", $"{done}ไปแล้ว", $"ทำ{done}แล้ว", $"ทำ{done}", done);
            Unclear([MeasureStatus.InProgress, MeasureStatus.NotStarted], $"ยังไม่{done}", $"ยังไม่ได้{done}", $"ไม่{done}");
        }
        Add(MeasureStatus.Done, Certainty.Strong, true, "ดำเนินการเรียบร้อยแล้ว", "ดำเนินการเรียบร้อย");
        Add(MeasureStatus.Done, Certainty.Weak, true, "ดำเนินการแล้ว");
        Add(MeasureStatus.Done, Certainty.Strong, false, "เรียบร้อยแล้ว", "done", "completed", "complete", "finished", "finish");
        Add(MeasureStatus.Done, Certainty.Weak, false,
            "เรียบร้อย", "ส่งไปแล้ว", "ส่งแล้ว", "ลงเว็บไซต์แล้ว", "ลงเว็บแล้ว", "ลงครบแล้ว", "เผยแพร่แล้ว", "ประกาศแล้ว", "ครบทุกข้อแล้ว",
            "ครบทุกข้อ", "ครบแล้ว", "ทำแล้ว", "จบแล้ว", "ปิดงานแล้ว", "✅", "✔", "☑", "💯");

        Add(MeasureStatus.InProgress, Certainty.Strong, true,
            "อยู่ระหว่างการดำเนินการ", "อยู่ในระหว่างการดำเนินการ", "อยู่ในระหว่างดำเนินการ", "อยู่ระหว่างดำเนินการ", "อยู่ระหว่างดำเนิการ",
            "อยู่ระหว่างดำเนินงาน", "อยู่ระหว่างการจัดทำ", "อยู่ระหว่างจัดทำ");
        Add(MeasureStatus.InProgress, Certainty.Strong, false,
            "อยู่ระหว่างทำ", "อยู่ระหว่าง", "กำลังดำเนินการ", "กำลังดำเนิการ", "กำลังจัดทำ", "กำลังทำ", "ยังคงดำเนินการ", "ดำเนินการอยู่", "ยังทำอยู่",
            "ทำอยู่", "in progress", "in-progress", "inprogress", "ongoing", "doing", "wip");
        // "กำลัง" + any verb: กำลังตรวจรับงานอยู่, กำลังรวบรวม — weaker, as "กำลังไป" is also how people say they are on their way.
        Add(MeasureStatus.InProgress, Certainty.Weak, false, "กำลัง");

        Add(MeasureStatus.NotStarted, Certainty.Strong, true, "ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "ยังไม่ได้เริ่มดำเนินการ");
        Add(MeasureStatus.NotStarted, Certainty.Strong, false,
            "ยังไม่ได้เริ่ม", "ยังไม่เริ่ม", "ยังไม่ได้ทำ", "ยังไม่ทำ", "ยังไม่ได้จัดทำ", "ยังไม่ได้จัด", "ไม่ได้เริ่ม", "not started", "not yet started", "notstarted");

        Add(MeasureStatus.CannotProceed, Certainty.Strong, true, "ไม่สามารถดำเนินการได้", "ไม่สามารถดำเนินการ", "ไม่สามารถทำได้");
        Add(MeasureStatus.CannotProceed, Certainty.Strong, false, "ดำเนินการไม่ได้", "ทำไม่ได้", "cannot proceed", "cannot", "can't", "can’t", "blocked");

        Unclear([MeasureStatus.InProgress, MeasureStatus.NotStarted], "ยังไม่ครบ", "not done", "not yet done", "not finished", "not complete", "not yet");
        Unclear([MeasureStatus.InProgress, MeasureStatus.CannotProceed], "ทำไม่ทัน", "ไม่ทัน");
        return list.DistinctBy(p => p.Text).OrderByDescending(p => p.Text.Length).ToList();
    }

    /// <summary>
    /// Words that only look like a status inside another word: ใบเสร็จ (a receipt), ได้เสร็จ… Checked on the text
    /// just before a match.
    /// </summary>
    public static bool IsPartOfAnotherWord(string key, int at, StatusPhrase phrase)
    {
        if (phrase.Text.StartsWith("เสร็จ", StringComparison.Ordinal) && at >= 2 && key.AsSpan(0, at).EndsWith("ใบ")) return true;
        if (phrase.Text.StartsWith("เสร็จ", StringComparison.Ordinal) && at >= 3 && key.AsSpan(0, at).EndsWith("ใบ ")) return true;
        if (phrase.Text == "กำลัง" && at + 5 < key.Length && key.AsSpan(at + 5).StartsWith("จะ")) return true; // กำลังจะ: not yet
        if (phrase.Text is "done" or "cannot" or "complete" or "finish" or "doing" or "wip")
        {
            var before = at > 0 ? key[at - 1] : ' ';
            var after = at + phrase.Text.Length < key.Length ? key[at + phrase.Text.Length] : ' ';
            if (char.IsAsciiLetter(before) || char.IsAsciiLetter(after)) return true;
        }
        return false;
    }
}
