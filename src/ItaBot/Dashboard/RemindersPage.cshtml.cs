using System.Globalization;
using ItaBot.Data;
using ItaBot.Reminders;
using ItaBot.Reminders.Holidays;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>
/// <c>/admin/reminders</c>: the reminder policy, working hours and holidays, changed through the same reminder
/// commands chat uses (<see cref="ReminderChat"/>), so the answer — and its cost against the LINE quota — reads
/// exactly as it does in chat. Every change is audited.
/// </summary>
public sealed class RemindersPageModel(DashboardData data, ItaBotDb db, ReminderChat reminders, ReminderPolicies policies, ShippedHolidays shipped, TimeProvider time) : DashboardPage(data)
{
    public sealed record Holiday(DateOnly Date, string Name, bool Own);

    public string Settings { get; private set; } = "";
    public ReminderPolicy? Policy { get; private set; }
    public PolicyCost? Cost { get; private set; }
    public List<Holiday> Holidays { get; } = [];

    [BindProperty] public string? WeeklyDay { get; set; }
    [BindProperty] public string? RemindAt { get; set; }
    [BindProperty] public string? DaysBefore { get; set; }
    [BindProperty] public bool OverdueDaily { get; set; }
    [BindProperty] public bool EscalateToAdmins { get; set; }
    [BindProperty] public string? WorkStart { get; set; }
    [BindProperty] public string? WorkEnd { get; set; }
    [BindProperty] public int QuotaFallbackPercent { get; set; }
    [BindProperty] public DateOnly? HolidayDate { get; set; }
    [BindProperty] public string? HolidayName { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return NotFound();
        if (!TimeOnly.TryParse(RemindAt, CultureInfo.InvariantCulture, out var remindAt) || !TimeOnly.TryParse(WorkStart, CultureInfo.InvariantCulture, out var start)
            || !TimeOnly.TryParse(WorkEnd, CultureInfo.InvariantCulture, out var end))
            return Back("เวลาไม่ถูกต้อง: ใช้รูปแบบ 09:00");
        var days = new List<int>();
        foreach (var part in Thai.ThaiDigits.ToArabic(DaysBefore ?? "").Split([' ', ',', '，'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return Back($"\"{part}\" ไม่ใช่จำนวนวัน: ใส่ตัวเลขคั่นด้วยเว้นวรรค เช่น 14 7 3 1");
            days.Add(day);
        }
        DayOfWeek? weekly = Enum.TryParse<DayOfWeek>(WeeklyDay, out var d) ? d : null;
        var what = $"เตือน{(weekly is { } w ? "ทุกวัน" + ReminderCommands.ThaiDayNames[(int)w] : "รายสัปดาห์ปิด")} {ReminderCommands.Format(remindAt)}, " +
                   $"ก่อนครบกำหนด {(days.Count == 0 ? "ปิด" : string.Join(" ", days) + " วัน")}, เวลาทำการ {ReminderCommands.Format(start)}–{ReminderCommands.Format(end)}";
        var fallback = QuotaFallbackPercent;
        var reply = await reminders.HandleAsync(new ChangeReminderPolicy(what, p =>
        {
            p.WeeklyDay = weekly;
            p.RemindAt = remindAt;
            p.DaysBefore = days.Distinct().OrderByDescending(x => x).ToList();
            p.OverdueDaily = OverdueDaily;
            p.EscalateToAdmins = EscalateToAdmins;
            p.WorkStart = start;
            p.WorkEnd = end;
            p.QuotaFallbackPercent = fallback;
        }), Context(), ct);
        return await DoneAsync("reminder-policy", what, reply, ct);
    }

    public async Task<IActionResult> OnPostAddHolidayAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return NotFound();
        if (HolidayDate is not { } date) return Back("เลือกวันที่ก่อน");
        var name = Tracking.EntryText.Keep(HolidayName, 100);
        if (name.TooLong) return Back(name.TooLongMessage);
        var reply = await reminders.HandleAsync(new ChangeHoliday(date, name.Text ?? "วันหยุดของหน่วยงาน", true), Context(), ct);
        return await DoneAsync("holiday-add", $"{date:yyyy-MM-dd} {name.Text}", reply, ct);
    }

    public async Task<IActionResult> OnPostRemoveHolidayAsync(CancellationToken ct)
    {
        await LoadOrganizationAsync(ct);
        if (Organization is null) return NotFound();
        if (HolidayDate is not { } date) return Back("เลือกวันที่ก่อน");
        var reply = await reminders.HandleAsync(new ChangeHoliday(date, null, false), Context(), ct);
        return await DoneAsync("holiday-remove", $"{date:yyyy-MM-dd}", reply, ct);
    }

    ReminderChatContext Context() => new(Organization!.Id, IsAdmin: true, [], User.Identity?.Name);

    async Task<IActionResult> DoneAsync(string action, string detail, string reply, CancellationToken ct)
    {
        Audit(action, detail);
        await db.SaveChangesAsync(ct);
        Flash = reply;
        return Redirect(Link("/admin/reminders"));
    }

    IActionResult Back(string problem)
    {
        FlashError = problem;
        return Redirect(Link("/admin/reminders"));
    }

    async Task LoadAsync(CancellationToken ct)
    {
        if (Organization is null) return;
        Settings = await reminders.HandleAsync(new ShowReminderSettings(), Context(), ct);
        Policy = await policies.GetAsync(Organization.Id, ct);
        Cost = await policies.CostAsync(Organization.Id, Policy, ct);
        var changes = await db.OrganizationHolidays.AsNoTracking().Where(h => h.OrganizationId == Organization.Id).ToListAsync(ct);
        var set = HolidaySet.For(shipped, changes);
        var today = Thai.Bangkok.Today(time);
        for (var day = today; day <= today.AddDays(365); day = day.AddDays(1))
            if (set.HolidayName(day) is { } name) Holidays.Add(new Holiday(day, name, changes.Any(c => c.Date == day && c.IsHoliday)));
        foreach (var workday in changes.Where(c => !c.IsHoliday && c.Date >= today))
            Holidays.Add(new Holiday(workday.Date, "ทำงานตามปกติ (ยกเว้นจากวันหยุดตามประกาศ)", true));
        Holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
    }
}
