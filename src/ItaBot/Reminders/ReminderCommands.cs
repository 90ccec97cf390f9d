using System.Globalization;
using System.Text.RegularExpressions;
using ItaBot.Thai;

namespace ItaBot.Reminders;

/// <summary>What a reminder command in chat asks for. Parsing is pure; <see cref="ReminderChat"/> carries it out.</summary>
public abstract record ReminderCommand
{
    /// <summary>Changing the organization's policy or holidays is for administrators; pausing is for a unit's own group too.</summary>
    public virtual bool AdminOnly => true;
}

/// <summary><c>พักการแจ้งเตือน [หน่วย] ถึง 15 ม.ค.</c> / <c>pause reminders [unit] until 15 Jan</c>.</summary>
public sealed record PauseReminders(string? Unit, DateOnly Until) : ReminderCommand { public override bool AdminOnly => false; }

/// <summary><c>เปิดการแจ้งเตือน [หน่วย]</c> / <c>resume reminders [unit]</c>.</summary>
public sealed record ResumeReminders(string? Unit) : ReminderCommand { public override bool AdminOnly => false; }

/// <summary><c>การแจ้งเตือน</c> / <c>reminder settings</c>: the policy, its cost and the paused units.</summary>
public sealed record ShowReminderSettings : ReminderCommand { public override bool AdminOnly => false; }

/// <summary>A change to the organization's reminder policy.</summary>
public sealed record ChangeReminderPolicy(string What, Action<ReminderPolicy> Apply) : ReminderCommand;

/// <summary><c>วันหยุด</c> / <c>holidays</c>: the coming days off.</summary>
public sealed record ShowHolidays : ReminderCommand { public override bool AdminOnly => false; }

/// <summary><c>เพิ่มวันหยุด 13 พ.ค. วันพืชมงคล</c> / <c>ยกเลิกวันหยุด 2 ม.ค.</c>.</summary>
public sealed record ChangeHoliday(DateOnly Date, string? Name, bool IsHoliday) : ReminderCommand;

/// <summary>Recognized as a reminder command but not understood; the message says what to type instead.</summary>
public sealed record ReminderCommandError(string Message) : ReminderCommand { public override bool AdminOnly => false; }

public static partial class ReminderCommands
{
    static readonly (string Word, DayOfWeek Day)[] Days =
    [
        ("จันทร์", DayOfWeek.Monday), ("อังคาร", DayOfWeek.Tuesday), ("พุธ", DayOfWeek.Wednesday), ("พฤหัสบดี", DayOfWeek.Thursday),
        ("พฤหัส", DayOfWeek.Thursday), ("ศุกร์", DayOfWeek.Friday), ("เสาร์", DayOfWeek.Saturday), ("อาทิตย์", DayOfWeek.Sunday),
        ("monday", DayOfWeek.Monday), ("tuesday", DayOfWeek.Tuesday), ("wednesday", DayOfWeek.Wednesday), ("thursday", DayOfWeek.Thursday),
        ("friday", DayOfWeek.Friday), ("saturday", DayOfWeek.Saturday), ("sunday", DayOfWeek.Sunday),
        ("mon", DayOfWeek.Monday), ("tue", DayOfWeek.Tuesday), ("wed", DayOfWeek.Wednesday), ("thu", DayOfWeek.Thursday),
        ("fri", DayOfWeek.Friday), ("sat", DayOfWeek.Saturday), ("sun", DayOfWeek.Sunday),
    ];

    public static readonly string[] ThaiDayNames = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];

    [GeneratedRegex(@"(?<h>\d{1,2})(?:[:.](?<m>\d{2}))?\s*(?:น\.?|นาฬิกา)?")]
    private static partial Regex Clock();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();

    /// <summary>
    /// A reminder command, or null when the text is not one (so the chat layer goes on with its own parsing).
    /// <paramref name="today"/> (Bangkok) resolves dates written without a year.
    /// </summary>
    public static ReminderCommand? Parse(string text, DateOnly today)
    {
        var clean = string.Join(' ', ThaiDigits.ToArabic(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var lower = clean.ToLowerInvariant();

        if (After(lower, clean, out var rest, "พักการแจ้งเตือน", "หยุดการแจ้งเตือน", "pause reminders", "pause reminder"))
            return Pause(rest, today);
        if (After(lower, clean, out rest, "เปิดการแจ้งเตือน", "ยกเลิกพักการแจ้งเตือน", "resume reminders", "resume reminder"))
            return new ResumeReminders(rest.Length > 0 ? rest : null);
        if (lower is "การแจ้งเตือน" or "ตั้งค่าการแจ้งเตือน" or "ตั้งค่าเตือน" or "reminder settings" or "reminders")
            return new ShowReminderSettings();
        if (lower is "วันหยุด" or "holidays")
            return new ShowHolidays();
        if (After(lower, clean, out rest, "เพิ่มวันหยุด", "add holiday"))
            return AddHoliday(rest, today);
        if (After(lower, clean, out rest, "ยกเลิกวันหยุด", "ลบวันหยุด", "remove holiday"))
            return DayText.TryParse(rest, today, out var day)
                ? new ChangeHoliday(day, null, IsHoliday: false)
                : new ReminderCommandError($"ไม่เข้าใจวันที่ \"{rest}\" ลองพิมพ์ เช่น \"ยกเลิกวันหยุด 2 ม.ค.\"");

        if (lower is "ปิดเตือนรายสัปดาห์" or "weekly reminders off")
            return new ChangeReminderPolicy("ปิดการเตือนรายสัปดาห์", p => p.WeeklyDay = null);
        if (After(lower, clean, out rest, "ตั้งเตือนทุกวัน", "ตั้งเตือนรายสัปดาห์", "เตือนทุกวัน", "remind weekly", "remind every"))
            return Weekly(rest);
        if (After(lower, clean, out rest, "ตั้งเตือนก่อนครบกำหนด", "เตือนก่อนครบกำหนด", "remind before due"))
            return DaysBefore(rest);
        if (After(lower, clean, out rest, "ตั้งเตือนหลังครบกำหนด", "เตือนหลังครบกำหนด", "remind after due", "overdue reminders"))
            return OnOff(rest, "เตือนหน่วยงานทุกวันหลังครบกำหนด", (p, on) => p.OverdueDaily = on);
        if (After(lower, clean, out rest, "ตั้งแจ้งผู้ดูแลเมื่อเลยกำหนด", "แจ้งผู้ดูแลเมื่อเลยกำหนด", "escalation", "escalate"))
            return OnOff(rest, "แจ้งผู้ดูแลทุกวันเมื่อเลยกำหนด", (p, on) => p.EscalateToAdmins = on);
        if (After(lower, clean, out rest, "ตั้งเวลาเตือน", "remind at"))
            return TryClock(rest, out var at)
                ? new ChangeReminderPolicy($"เตือนเวลา {Format(at)}", p => p.RemindAt = at)
                : new ReminderCommandError("บอกเวลาเป็นชั่วโมงและนาที เช่น \"ตั้งเวลาเตือน 09:00\"");
        if (After(lower, clean, out rest, "ตั้งเวลาทำการ", "เวลาทำการ", "working hours"))
            return WorkingHours(rest);
        if (After(lower, clean, out rest, "ตั้งเกณฑ์โควตา", "quota threshold"))
            return int.TryParse(Numbers().Match(rest).Value, NumberStyles.None, CultureInfo.InvariantCulture, out var percent) && percent is >= 1 and <= 100
                ? new ChangeReminderPolicy($"ส่งสรุปถึงผู้ดูแลแทนเมื่อใช้โควตาถึง {ThaiDigits.ToThai(percent)}%", p => p.QuotaFallbackPercent = percent)
                : new ReminderCommandError("บอกเป็นเปอร์เซ็นต์ ๑–๑๐๐ เช่น \"ตั้งเกณฑ์โควตา 80\"");
        return null;
    }

    static ReminderCommand Pause(string rest, DateOnly today)
    {
        var at = IndexOfAny(rest, " ถึง ", "ถึง", " until ", "until ");
        if (at.Index < 0)
            return new ReminderCommandError("บอกวันที่จะให้เริ่มเตือนอีกครั้ง เช่น \"พักการแจ้งเตือน ถึง 15 ม.ค.\"");
        var unit = rest[..at.Index].Trim();
        var dateText = rest[(at.Index + at.Length)..].Trim();
        if (!DayText.TryParse(dateText, today, out var until))
            return new ReminderCommandError($"ไม่เข้าใจวันที่ \"{dateText}\" ลองพิมพ์ เช่น \"พักการแจ้งเตือน ถึง 15 ม.ค.\"");
        if (until < today)
            return new ReminderCommandError($"วันที่ {ThaiCalendar.FormatShortDate(until)} ผ่านไปแล้ว");
        if (until > today.AddDays(366))
            return new ReminderCommandError("พักการแจ้งเตือนได้ไม่เกินหนึ่งปี");
        return new PauseReminders(unit.Length > 0 ? unit : null, until);
    }

    static ReminderCommand AddHoliday(string rest, DateOnly today)
    {
        // The date is the first few words; whatever follows is the holiday's name.
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var take = Math.Min(4, words.Length); take >= 1; take--)
        {
            if (!DayText.TryParse(string.Join(' ', words[..take]), today, out var day)) continue;
            var name = string.Join(' ', words[take..]);
            return new ChangeHoliday(day, name.Length > 0 ? name : "วันหยุดของหน่วยงาน", IsHoliday: true);
        }
        return new ReminderCommandError("บอกวันที่และชื่อวันหยุด เช่น \"เพิ่มวันหยุด 13 พ.ค. วันพืชมงคล\"");
    }

    static ReminderCommand Weekly(string rest)
    {
        var lower = rest.ToLowerInvariant().Replace("วัน", "", StringComparison.Ordinal).Trim();
        var match = Days.FirstOrDefault(d => lower.StartsWith(d.Word, StringComparison.Ordinal));
        if (match.Word is null)
            return new ReminderCommandError("บอกวันในสัปดาห์ เช่น \"ตั้งเตือนทุกวันจันทร์ 09:00\"");
        var timeText = lower[match.Word.Length..];
        TimeOnly? at = TryClock(timeText, out var parsed) ? parsed : null;
        var what = $"เตือนทุกวัน{ThaiDayNames[(int)match.Day]}" + (at is { } t ? $" เวลา {Format(t)}" : "");
        return new ChangeReminderPolicy(what, p =>
        {
            p.WeeklyDay = match.Day;
            if (at is { } time) p.RemindAt = time;
        });
    }

    static ReminderCommand DaysBefore(string rest)
    {
        if (rest is "ปิด" or "off" or "ไม่เตือน")
            return new ChangeReminderPolicy("ไม่เตือนก่อนครบกำหนด", p => p.DaysBefore = []);
        var days = Numbers().Matches(rest).Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).Distinct().OrderDescending().ToList();
        if (days.Count == 0)
            return new ReminderCommandError("บอกจำนวนวันก่อนครบกำหนด เช่น \"ตั้งเตือนก่อนครบกำหนด 14 7 3 1 วัน\"");
        return new ChangeReminderPolicy($"เตือนก่อนครบกำหนด {ThaiDigits.ToThai(string.Join(", ", days))} วัน", p => p.DaysBefore = days);
    }

    static ReminderCommand OnOff(string rest, string what, Action<ReminderPolicy, bool> apply)
    {
        bool? on = rest.ToLowerInvariant() switch { "เปิด" or "on" or "ใช่" => true, "ปิด" or "off" or "ไม่" => false, _ => null };
        return on is { } value
            ? new ChangeReminderPolicy($"{(value ? "" : "ไม่")}{what}", p => apply(p, value))
            : new ReminderCommandError("ตามด้วย \"เปิด\" หรือ \"ปิด\"");
    }

    static ReminderCommand WorkingHours(string rest)
    {
        var clocks = Clock().Matches(rest);
        if (clocks.Count == 2 && TryClock(clocks[0].Value, out var start) && TryClock(clocks[1].Value, out var end))
        {
            return end > start
                ? new ChangeReminderPolicy($"เวลาทำการ {Format(start)}–{Format(end)}", p => (p.WorkStart, p.WorkEnd) = (start, end))
                : new ReminderCommandError($"เวลาเลิกงาน ({Format(end)}) ต้องหลังเวลาเริ่มงาน ({Format(start)})");
        }
        return new ReminderCommandError("บอกเวลาเริ่มและเลิกงาน เช่น \"ตั้งเวลาทำการ 08:30-16:30\"");
    }

    static bool TryClock(string text, out TimeOnly time)
    {
        time = default;
        var match = Clock().Match(text);
        if (!match.Success) return false;
        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    public static string Format(TimeOnly time) => ThaiDigits.ToThai(time.ToString("HH:mm", CultureInfo.InvariantCulture)) + " น.";

    static bool After(string lower, string text, out string rest, params string[] words)
    {
        foreach (var word in words)
        {
            if (!lower.StartsWith(word, StringComparison.Ordinal)) continue;
            if (lower.Length > word.Length && char.IsAsciiLetter(word[^1]) && char.IsAsciiLetter(lower[word.Length])) continue;
            rest = text[word.Length..].Trim(' ', ':', '-');
            return true;
        }
        rest = "";
        return false;
    }

    static (int Index, int Length) IndexOfAny(string text, params string[] words)
    {
        foreach (var word in words)
        {
            var index = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (index >= 0) return (index, word.Length);
        }
        return (-1, 0);
    }
}
