using System.Globalization;
using System.Text;

namespace ItaBot.Tracking;

/// <summary>
/// What a person writes into a status entry (ผลการดำเนินการ, ผลลัพธ์, ปัญหาอุปสรรค, a reason) is published as they
/// wrote it. The only changes: outer whitespace trimmed, line ends made "\n", and characters removed that nobody
/// can see but that can corrupt a document or disguise text (control characters, bidi overrides and isolates,
/// broken UTF-16 halves). Chat, the report form and administrators all store text through here.
/// </summary>
public static class EntryText
{
    /// <summary>Longest text one field of one entry keeps; a longer one is refused, never cut.</summary>
    public const int MaxLength = 2000;

    public static KeptText Keep(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text)) return new KeptText(null, 0, maxLength);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n') continue;
                builder.Append('\n');
                continue;
            }
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { builder.Append(c).Append(text[++i]); }
                continue;
            }
            if (char.IsLowSurrogate(c) || IsHidden(c)) continue;
            builder.Append(c == '\t' ? ' ' : c);
        }
        var kept = builder.ToString().Trim();
        return kept.Length == 0 ? new KeptText(null, 0, maxLength) : new KeptText(kept, kept.Length, maxLength);
    }

    /// <summary>C0/C1 controls other than a line break, and the bidi embedding, override and isolate marks.</summary>
    static bool IsHidden(char c) =>
        (char.IsControl(c) && c is not '\n' and not '\t')
        || c is >= '\u202A' and <= '\u202E'
        || c is >= '\u2066' and <= '\u2069';
}

/// <summary>Text ready to store, or too long (<see cref="Text"/> is then still the cleaned text, for the message).</summary>
public sealed record KeptText(string? Text, int Length, int MaxLength)
{
    public bool TooLong => Length > MaxLength;

    /// <summary>The refusal people see when <see cref="TooLong"/>: says the limit and how long theirs was.</summary>
    public string TooLongMessage =>
        $"ข้อความยาวเกินที่บันทึกได้ ({Thai.ThaiDigits.ToThai(Length.ToString("N0", CultureInfo.InvariantCulture))} ตัวอักษร " +
        $"จากที่รับได้ไม่เกิน {Thai.ThaiDigits.ToThai(MaxLength.ToString("N0", CultureInfo.InvariantCulture))}) กรุณาย่อ หรือแบ่งส่งเป็นหลายข้อความ";
}
