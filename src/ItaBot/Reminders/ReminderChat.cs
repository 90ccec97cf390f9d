using System.Text;
using ItaBot.Data;
using ItaBot.Reminders.Holidays;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reminders;

/// <summary>
/// Who is asking, as the chat layer knows it: the organization, whether the person is an administrator,
/// and the units bound to the chat the command came from.
/// </summary>
public sealed record ReminderChatContext(int OrganizationId, bool IsAdmin, IReadOnlyList<int> ChatUnitIds, string? Actor);

/// <summary>Carries out reminder commands typed in chat and answers in Thai; expected refusals are answers, not exceptions.</summary>
public sealed class ReminderChat(ItaBotDb db, TimeProvider time, ReminderPolicies policies, UnitPauses pauses, ShippedHolidays shippedHolidays)
{
    /// <summary>Parses and carries out <paramref name="text"/>; null when it is not a reminder command.</summary>
    public async Task<string?> TryHandleAsync(string text, ReminderChatContext context, CancellationToken ct) =>
        ReminderCommands.Parse(text, time.Today()) is { } command ? await HandleAsync(command, context, ct) : null;

    public async Task<string> HandleAsync(ReminderCommand command, ReminderChatContext context, CancellationToken ct)
    {
        if (command.AdminOnly && !context.IsAdmin)
            return "คำสั่งนี้สำหรับผู้ดูแลระบบ พิมพ์ในกลุ่มผู้ดูแลหรือขอให้ผู้ดูแลตั้งค่าให้";
        return command switch
        {
            ReminderCommandError error => error.Message,
            PauseReminders pause => await PauseAsync(pause, context, ct),
            ResumeReminders resume => await ResumeAsync(resume, context, ct),
            ShowReminderSettings => await SettingsAsync(context, ct),
            ChangeReminderPolicy change => await ChangePolicyAsync(change, context, ct),
            ShowHolidays => await HolidaysAsync(context, ct),
            ChangeHoliday holiday => await ChangeHolidayAsync(holiday, context, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
        };
    }

    async Task<string> PauseAsync(PauseReminders pause, ReminderChatContext context, CancellationToken ct)
    {
        var (units, problem) = await UnitsAsync(pause.Unit, context, ct);
        if (problem is not null) return problem;
        await pauses.PauseAsync(context.OrganizationId, units.Select(u => u.Id).ToList(), pause.Until, context.Actor, ct);
        return $"พักการแจ้งเตือน {Names(units)} ถึง {ThaiCalendar.FormatShortDate(pause.Until)} แล้ว " +
               $"จะเริ่มเตือนอีกครั้งตั้งแต่ {ThaiCalendar.FormatShortDate(pause.Until.AddDays(1))} (ผู้ดูแลยังสั่ง \"เตือนตอนนี้\" ได้)";
    }

    async Task<string> ResumeAsync(ResumeReminders resume, ReminderChatContext context, CancellationToken ct)
    {
        var (units, problem) = await UnitsAsync(resume.Unit, context, ct);
        if (problem is not null) return problem;
        var resumed = await pauses.ResumeAsync(units.Select(u => u.Id).ToList(), ct);
        return resumed == 0 ? $"{Names(units)} ไม่ได้พักการแจ้งเตือนอยู่" : $"เปิดการแจ้งเตือน {Names(units)} แล้ว";
    }

    /// <summary>
    /// The units a pause is about: the one named (an administrator may name any; a unit's group only its
    /// own), or the units bound to this chat.
    /// </summary>
    async Task<(List<Unit> Units, string? Problem)> UnitsAsync(string? name, ReminderChatContext context, CancellationToken ct)
    {
        var all = await db.Units.AsNoTracking().Where(u => u.OrganizationId == context.OrganizationId).ToListAsync(ct);
        if (name is null)
        {
            var bound = all.Where(u => context.ChatUnitIds.Contains(u.Id)).OrderBy(u => u.Name, StringComparer.Ordinal).ToList();
            return bound.Count > 0 ? (bound, null) : ([], "กลุ่มนี้ยังไม่ได้ผูกกับหน่วยงาน บอกชื่อหน่วยงานด้วย เช่น \"พักการแจ้งเตือน กองคลัง ถึง 15 ม.ค.\"");
        }
        var unit = all.FirstOrDefault(u => u.IsCalled(name));
        if (unit is null) return ([], $"ไม่พบหน่วยงาน \"{name}\" ในรายชื่อหน่วยงาน");
        if (!context.IsAdmin && !context.ChatUnitIds.Contains(unit.Id))
            return ([], $"กลุ่มนี้พักการแจ้งเตือนได้เฉพาะหน่วยงานของกลุ่ม ไม่ใช่ {unit.Name}");
        return ([unit], null);
    }

    async Task<string> ChangePolicyAsync(ChangeReminderPolicy change, ReminderChatContext context, CancellationToken ct)
    {
        var result = await policies.ChangeAsync(context.OrganizationId, change.Apply, context.Actor, ct);
        if (result.Error is not null) return $"ยังไม่ได้เปลี่ยน: {result.Error}";
        var text = new StringBuilder($"ตั้งค่าแล้ว: {change.What}\n");
        AppendCost(text, result.Cost);
        if (result.Warned) text.Append("\nแจ้งกลุ่มผู้ดูแลเรื่องโควตาแล้ว");
        return text.ToString().TrimEnd();
    }

    async Task<string> SettingsAsync(ReminderChatContext context, CancellationToken ct)
    {
        var policy = await policies.GetAsync(context.OrganizationId, ct);
        var text = new StringBuilder("⚙️ การแจ้งเตือน\n");
        text.Append("• รายสัปดาห์: ").Append(policy.WeeklyDay is { } day ? $"ทุกวัน{ReminderCommands.ThaiDayNames[(int)day]}" : "ปิด").Append('\n');
        text.Append("• เวลาเตือน: ").Append(ReminderCommands.Format(policy.RemindAt)).Append('\n');
        text.Append("• ก่อนครบกำหนด: ").Append(policy.DaysBefore.Count == 0 ? "ปิด" : ThaiDigits.ToThai(string.Join(", ", policy.DaysBefore)) + " วัน").Append('\n');
        text.Append("• หลังครบกำหนด: ").Append(policy.OverdueDaily ? "เตือนหน่วยงานทุกวันทำการ" : "ไม่เตือน")
            .Append(policy.EscalateToAdmins ? " และแจ้งผู้ดูแล" : "").Append('\n');
        text.Append("• เวลาทำการ: ").Append(ReminderCommands.Format(policy.WorkStart)).Append('–').Append(ReminderCommands.Format(policy.WorkEnd))
            .Append(" (ไม่เตือนวันหยุดราชการและเสาร์–อาทิตย์)\n");
        text.Append("• ส่งสรุปถึงผู้ดูแลแทนเมื่อใช้โควตาถึง ").Append(ThaiDigits.ToThai(policy.QuotaFallbackPercent)).Append("%\n");
        var paused = await db.UnitPauses.AsNoTracking()
            .Where(p => p.OrganizationId == context.OrganizationId && p.Until >= time.Today())
            .Join(db.Units, p => p.UnitId, u => u.Id, (p, u) => new { u.Name, p.Until })
            .ToListAsync(ct);
        foreach (var pause in paused.OrderBy(p => p.Name, StringComparer.Ordinal))
            text.Append("• พักการแจ้งเตือน: ").Append(pause.Name).Append(" ถึง ").Append(ThaiCalendar.FormatShortDate(pause.Until)).Append('\n');
        AppendCost(text, await policies.CostAsync(context.OrganizationId, policy, ct));
        return text.ToString().TrimEnd();
    }

    static void AppendCost(StringBuilder text, PolicyCost? cost)
    {
        if (cost is null) return;
        text.Append("ประมาณการใช้ข้อความ LINE ๓๐ วันข้างหน้า: ").Append(ThaiDigits.ToThai(cost.Estimate.Messages)).Append(" ข้อความ");
        if (cost.Quota.Remaining is { } remaining)
            text.Append(" (โควตาเหลือ ").Append(ThaiDigits.ToThai((int)remaining)).Append(" จาก ").Append(ThaiDigits.ToThai((int)cost.Quota.Limit!.Value)).Append(')');
        if (cost.Estimate.ChatsOfUnknownSize > 0)
            text.Append("\n(ไม่ทราบจำนวนสมาชิก ").Append(ThaiDigits.ToThai(cost.Estimate.ChatsOfUnknownSize)).Append(" กลุ่ม นับกลุ่มละ ๑ คน)");
        if (cost.OverQuota) text.Append("\n⚠️ เกินโควตาที่เหลือ: ใกล้หมดเมื่อไรจะส่งสรุปถึงผู้ดูแลแทนการแจ้งทุกกลุ่ม");
        text.Append('\n');
    }

    async Task<string> HolidaysAsync(ReminderChatContext context, CancellationToken ct)
    {
        var today = time.Today();
        var until = today.AddDays(90);
        var changes = await db.OrganizationHolidays.AsNoTracking().Where(h => h.OrganizationId == context.OrganizationId).ToListAsync(ct);
        var set = HolidaySet.For(shippedHolidays, changes);
        var days = new List<string>();
        for (var d = today; d <= until; d = d.AddDays(1))
            if (set.HolidayName(d) is { } name) days.Add($"• {ThaiCalendar.FormatShortDate(d)} {name}");
        return days.Count == 0
            ? "ไม่มีวันหยุดราชการใน ๓ เดือนข้างหน้า (นอกจากเสาร์–อาทิตย์)"
            : "วันหยุดใน ๓ เดือนข้างหน้า (ไม่มีการเตือนในวันเหล่านี้):\n" + string.Join('\n', days);
    }

    async Task<string> ChangeHolidayAsync(ChangeHoliday change, ReminderChatContext context, CancellationToken ct)
    {
        var existing = await db.OrganizationHolidays.FirstOrDefaultAsync(h => h.OrganizationId == context.OrganizationId && h.Date == change.Date, ct);
        var date = ThaiCalendar.FormatShortDate(change.Date);
        if (!change.IsHoliday && existing is { IsHoliday: true })
        {
            // Removing a day the organization added: back to the shipped list.
            db.OrganizationHolidays.Remove(existing);
            await db.SaveChangesAsync(ct);
            return shippedHolidays.Days.ContainsKey(change.Date) ? $"{date} กลับเป็นวันหยุดตามประกาศ" : $"ลบวันหยุด {date} แล้ว";
        }
        if (!change.IsHoliday && !shippedHolidays.Days.ContainsKey(change.Date))
            return $"{date} ไม่ได้เป็นวันหยุดอยู่แล้ว";
        if (existing is null)
        {
            existing = new OrganizationHoliday { OrganizationId = context.OrganizationId, Date = change.Date, Name = "" };
            db.OrganizationHolidays.Add(existing);
        }
        existing.IsHoliday = change.IsHoliday;
        existing.Name = change.Name ?? "ทำงานตามปกติ";
        existing.CreatedAtUtc = time.GetUtcNow().UtcDateTime;
        existing.CreatedBy = context.Actor;
        await db.SaveChangesAsync(ct);
        return change.IsHoliday
            ? $"เพิ่มวันหยุด {date} {existing.Name} แล้ว จะไม่มีการเตือนในวันนั้น"
            : $"{date} เป็นวันทำงานของหน่วยงานแล้ว (ยกเว้นจากวันหยุดตามประกาศ)";
    }

    static string Names(IEnumerable<Unit> units) => string.Join(", ", units.Select(u => u.Name));
}
