using System.Text;
using System.Text.Json.Nodes;
using ItaBot.Line.Api;
using ItaBot.Thai;
using ItaBot.Tracking;

namespace ItaBot.Reminders;

/// <summary>The Thai wording of reminders: short, one message per chat, what is owed and how to answer.</summary>
public static class ReminderMessages
{
    /// <summary>LINE allows 5,000 characters in a text message; stop well before, and say how many more there are.</summary>
    const int MaxLength = 4000;
    const int MaxTitle = 60;

    /// <summary>
    /// The LINE message for a push: its text, with a quick reply that does the next thing in one tap —
    /// a unit checks its measures, an administrator asks for the summary.
    /// </summary>
    public static JsonObject ToLine(ReminderPush push) => push.Kind switch
    {
        DeliveryKind.Unit => LineMessages.Text(push.Text, LineMessages.QuickReply(LineMessages.MessageAction("สถานะ", "สถานะ"))),
        DeliveryKind.Escalation or DeliveryKind.Summary => LineMessages.Text(push.Text, LineMessages.QuickReply(
            LineMessages.MessageAction("สรุป", "สรุป"), LineMessages.MessageAction("เตือนตอนนี้", "เตือนตอนนี้"))),
        _ => LineMessages.Text(push.Text),
    };

    public static string RoundName(RoundInfo round) => RoundNames.WithYear(round.Kind, round.FiscalYear, round.WindowStart, round.WindowEnd);

    /// <summary>"ภายใน ๑๕ เม.ย. ๖๘ (อีก ๗ วัน)", "ภายในวันนี้", or "เลยกำหนด ๑๕ เม.ย. ๖๘ มาแล้ว ๒ วัน".</summary>
    public static string Deadline(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        var date = ThaiCalendar.FormatShortDate(due);
        return days switch
        {
            > 0 => $"ภายใน {date} (อีก {ThaiDigits.ToThai(days)} วัน)",
            0 => $"ภายในวันนี้ ({date})",
            _ => $"เลยกำหนด {date} มาแล้ว {ThaiDigits.ToThai(-days)} วัน",
        };
    }

    /// <summary>To a unit chat: each unit's unanswered measures and how to answer.</summary>
    public static string UnitReminder(RoundInfo round, DateOnly today, IReadOnlyList<OwingUnit> units)
    {
        var text = new StringBuilder();
        text.Append(today > round.DueDate ? "⏰ ยังรอรายงานผลมาตรการ ITA\n" : "🔔 แจ้งเตือนรายงานผลมาตรการ ITA\n");
        text.Append(RoundName(round)).Append('\n');
        text.Append("ส่ง").Append(Deadline(round.DueDate, today)).Append('\n');
        var budget = MaxLength - 200;
        foreach (var unit in units)
        {
            text.Append('\n').Append(unit.Name).Append(" ยังไม่รายงาน ").Append(ThaiDigits.ToThai(unit.Measures.Count)).Append(" มาตรการ:\n");
            for (var i = 0; i < unit.Measures.Count; i++)
            {
                var line = $"• {unit.Measures[i].Code} {Short(unit.Measures[i].Title)}\n";
                if (text.Length + line.Length > budget)
                {
                    text.Append("• …และอีก ").Append(ThaiDigits.ToThai(unit.Measures.Count - i)).Append(" มาตรการ\n");
                    break;
                }
                text.Append(line);
            }
        }
        var example = units.SelectMany(u => u.Measures).FirstOrDefault()?.Code ?? "M1";
        text.Append("\nตอบในกลุ่มนี้ได้เลย เช่น \"").Append(example).Append(" เสร็จแล้ว\" หรือแตะ \"สถานะ\"");
        return text.ToString();
    }

    /// <summary>To the administrators after the due date: who still owes what.</summary>
    public static string Escalation(RoundInfo round, DateOnly today, IReadOnlyList<OwingUnit> units)
    {
        var text = new StringBuilder();
        text.Append("⚠️ ").Append(RoundName(round)).Append('\n');
        text.Append(Deadline(round.DueDate, today)).Append('\n');
        AppendOwing(text, units);
        text.Append("\nพิมพ์ \"เตือนตอนนี้\" เพื่อเตือนทุกกลุ่มอีกครั้ง");
        return text.ToString();
    }

    /// <summary>Near the quota: one message to the administrators instead of a push to every unit chat, saying so.</summary>
    public static string QuotaSummary(RoundInfo round, DateOnly today, IReadOnlyList<OwingUnit> units, ChannelQuota quota)
    {
        var text = new StringBuilder();
        text.Append("📋 สรุปการแจ้งเตือน ").Append(RoundName(round)).Append('\n');
        text.Append("ส่ง").Append(Deadline(round.DueDate, today)).Append('\n');
        text.Append("โควตาข้อความ LINE เดือนนี้ใกล้หมด");
        if (quota.Limit is { } limit)
            text.Append(" (ใช้ไป ").Append(ThaiDigits.ToThai(quota.Used.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)))
                .Append(" จาก ").Append(ThaiDigits.ToThai(limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))).Append(')');
        text.Append(" จึงส่งสรุปนี้ถึงผู้ดูแลแทนการแจ้งเตือนแต่ละกลุ่ม กรุณาแจ้งหน่วยงานต่อ\n");
        AppendOwing(text, units);
        return text.ToString();
    }

    /// <summary>A policy change would cost more messages than the channel has left this month.</summary>
    public static string QuotaWarning(QuotaEstimate estimate, ChannelQuota quota)
    {
        var text = new StringBuilder();
        text.Append("⚠️ การแจ้งเตือนตามที่ตั้งไว้จะใช้ข้อความ LINE ประมาณ ")
            .Append(ThaiDigits.ToThai(estimate.Messages)).Append(" ข้อความใน ๓๐ วันข้างหน้า");
        if (quota.Limit is { } limit)
            text.Append(" แต่โควตาเดือนนี้เหลือ ").Append(ThaiDigits.ToThai((int)(quota.Remaining ?? 0)))
                .Append(" จาก ").Append(ThaiDigits.ToThai((int)limit));
        text.Append('\n');
        if (estimate.ChatsOfUnknownSize > 0)
            text.Append("(ไม่ทราบจำนวนสมาชิกของ ").Append(ThaiDigits.ToThai(estimate.ChatsOfUnknownSize)).Append(" กลุ่ม จึงนับกลุ่มละ ๑ คน)\n");
        text.Append("เมื่อใช้โควตาถึงเกณฑ์ ระบบจะส่งสรุปถึงผู้ดูแลแทนการแจ้งทุกกลุ่ม\n");
        text.Append("ลดความถี่ได้ เช่น \"ตั้งเตือนก่อนครบกำหนด 7 1 วัน\" หรือ \"ปิดเตือนรายสัปดาห์\"");
        return text.ToString();
    }

    static void AppendOwing(StringBuilder text, IReadOnlyList<OwingUnit> units)
    {
        var measures = units.Sum(u => u.Measures.Count);
        text.Append("ยังไม่รายงาน ").Append(ThaiDigits.ToThai(units.Count)).Append(" หน่วย ")
            .Append(ThaiDigits.ToThai(measures)).Append(" มาตรการ:\n");
        for (var i = 0; i < units.Count; i++)
        {
            var line = $"• {units[i].Name}: {string.Join(", ", units[i].Measures.Select(m => m.Code))}\n";
            if (text.Length + line.Length > MaxLength - 200)
            {
                text.Append("• …และอีก ").Append(ThaiDigits.ToThai(units.Count - i)).Append(" หน่วย\n");
                break;
            }
            text.Append(line);
        }
    }

    static string Short(string title)
    {
        var oneLine = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxTitle ? oneLine : oneLine[..(MaxTitle - 1)].TrimEnd() + "…";
    }
}
