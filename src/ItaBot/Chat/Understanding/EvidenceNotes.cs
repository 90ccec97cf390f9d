namespace ItaBot.Chat.Understanding;

/// <summary>The bot should expect photos or files for this measure next (the person said they are sending them, to the bot).</summary>
public sealed record ExpectEvidence(int MeasureId) : Intent;

public static partial class Understand
{
    /// <summary>Words naming evidence itself: without one of them a message is not about sending evidence.</summary>
    static readonly string[] EvidenceNouns = ["รูป", "ภาพ", "ไฟล์", "หลักฐาน", "เอกสาร", "สแกน", "pdf", "ไฟล", "photo", "file"];

    /// <summary>
    /// Everything a message that only announces evidence is made of ("ส่งรูปตามนี้นะคะ", "แนบไฟล์หลักฐานเพิ่มเติมค่ะ",
    /// "รูปกิจกรรมค่ะ 📷"): evidence nouns, sending words, pointing words and particles. A message with anything else
    /// ("ส่งไฟล์แผนขึ้นเว็บไซต์แล้ว": what was done) is not a mere announcement.
    /// </summary>
    static readonly string[] EvidenceNoteWords =
    [
        "รูปภาพ", "รูป", "ภาพถ่าย", "ภาพ", "ไฟล์", "ไฟล", "หลักฐาน", "เอกสาร", "สแกน", "pdf", "photo", "file", "กิจกรรม", "ประกอบ",
        "ส่ง", "แนบ", "ถ่าย", "ลง", "ตามนี้", "ดังนี้", "ตาม", "นี้", "นี่", "ด้านล่าง", "ข้างล่าง", "ให้", "ดู", "แล้ว", "ไว้", "ไป", "มา", "เลย",
        "เพิ่มเติม", "เพิ่ม", "อีก", "ชุด", "ทั้งหมด", "ครบ", "ที่", "ของ", "งาน", "ด้วย", "หน่อย", "พี่", "น้อง", "ทีม", "เรา", "นะ", "คะ", "ค่ะ", "ครับ",
        "คับ", "ค่า", "คร้า", "จ้า", "จ้ะ", "ฮะ", "จ๊ะ", "ค่ะพี่", "และ", "กับ",
    ];

    /// <summary>What the file is, as people name it in a note ("แนบไฟล์คู่มือให้ด้านล่าง"): kinds of documents, not what was done with them.</summary>
    static readonly string[] DocumentKinds =
        ["คู่มือ", "ประกาศ", "แผน", "รายงาน", "คำสั่ง", "หนังสือ", "สรุป", "บันทึก", "ใบ", "ตาราง", "สไลด์", "word", "excel", "docx", "xlsx", "jpg", "png"];

    /// <summary>The whole message, apart from measure references, mentions and symbols, is evidence-announcement words.</summary>
    static bool IsEvidenceNote(Folded f, bool[] cut, List<RefGroup> groups)
    {
        var key = f.Key;
        var rest = (bool[])cut.Clone();
        foreach (var g in groups) Scan.Mark(rest, g.Index, g.End - g.Index);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < key.Length; i++)
            text.Append(rest[i] || Scan.IsSymbol(key[i]) || char.IsPunctuation(key[i]) || char.IsDigit(key[i]) ? ' ' : key[i]);
        var words = text.ToString();
        if (!Scan.Any(words, EvidenceNouns)) return false;
        foreach (var chunk in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var left = chunk;
            while (left.Length > 0)
            {
                var word = EvidenceNoteWords.Concat(DocumentKinds).Where(w => left.StartsWith(w, StringComparison.Ordinal)).MaxBy(w => w.Length);
                if (word is null) return false;
                left = left[word.Length..];
            }
        }
        return true;
    }

    /// <summary>
    /// "ส่งรูปตามนี้นะคะ": photos or files are coming. Said to the bot about one measure (quoting its card, or naming it),
    /// the bot expects them for that measure; to the open question it is no answer (never saved as the result); in a
    /// group, otherwise, people telling each other.
    /// </summary>
    static Intent? EvidenceNote(Folded f, bool[] cut, IReadOnlyList<Links.Found> links, List<RefGroup> groups, ChatSituation s)
    {
        if (links.Count > 0 || !IsEvidenceNote(f, cut, groups)) return null;
        var named = groups.SelectMany(g => g.Refs)
            .Select(r => s.Measures.FirstOrDefault(m => MeasureKeys.Of(m.Code) == MeasureKeys.Of(r.Number))?.Id)
            .Distinct().ToList();
        var quoted = s.Quoted is { Kind: QuoteKind.Bot, MeasureIds.Count: 1 } q && s.Measures.Any(m => m.Id == q.MeasureIds[0]) ? q.MeasureIds[0] : (int?)null;
        int? measure = named.Count == 1 ? named[0] : named.Count == 0 ? quoted : null;
        if (measure is { } id && s.Addressed && s.Question?.MeasureId != id) return new ExpectEvidence(id);
        if (s.Question is not null) return new NotAnAnswer();
        return s.Addressed && !s.InGroup ? new Hint() : new Silence("a note that evidence is being sent");
    }
}
