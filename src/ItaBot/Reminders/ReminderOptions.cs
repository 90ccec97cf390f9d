using System.ComponentModel.DataAnnotations;

namespace ItaBot.Reminders;

/// <summary>
/// <c>Reminders:…</c> settings: how the scheduler runs, and the policy every organization starts with
/// until an administrator changes it in chat.
/// </summary>
public sealed class ReminderOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>Runs Hangfire's server (and its dashboard) in this process; false leaves reminders to another instance (or to tests).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the reminder wave looks for due slots (a divisor of 60). Slots are planned to the minute, so this is only latency.</summary>
    [Range(1, 60)]
    public int WaveEveryMinutes { get; set; } = 15;

    /// <summary>How often an idle Hangfire worker looks for a queued job (a triggered wave, a retry) in the storage.</summary>
    public TimeSpan JobsPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Bangkok time the daily round job creates, opens and closes rounds.</summary>
    public TimeOnly RoundsAt { get; set; } = new(6, 0);

    public DayOfWeek? WeeklyDay { get; set; } = DayOfWeek.Monday;
    public TimeOnly RemindAt { get; set; } = new(9, 0);
    /// <summary>Null means 14, 7, 3 and 1; a list default would be appended to by configuration binding, not replaced.</summary>
    public List<int>? DaysBefore { get; set; }

    public static readonly IReadOnlyList<int> DefaultDaysBefore = [14, 7, 3, 1];
    public bool OverdueDaily { get; set; } = true;
    public bool EscalateToAdmins { get; set; } = true;
    public TimeOnly WorkStart { get; set; } = new(8, 30);
    public TimeOnly WorkEnd { get; set; } = new(16, 30);

    [Range(1, 100)]
    public int QuotaFallbackPercent { get; set; } = 80;

    /// <summary>Days after a round's due date before it closes by itself (late answers still count until then).</summary>
    [Range(0, 365)]
    public int RoundGraceDays { get; set; } = 15;

    /// <summary>Creates each fiscal year's standard 6- and 12-month rounds and closes them after due date + grace.</summary>
    public bool AutomateRounds { get; set; } = true;

    /// <summary>Folder of the <c>th-holidays-&lt;year&gt;.json</c> files; the ones shipped next to the app by default.</summary>
    public string? HolidaysPath { get; set; }

    /// <summary>The quota of a channel LINE will not report (no token, no network) is taken as this; the Thai free plan allows 300.</summary>
    [Range(0, int.MaxValue)]
    public int AssumedMonthlyQuota { get; set; } = 300;

    public ReminderPolicy DefaultPolicy(int organizationId) => new()
    {
        OrganizationId = organizationId,
        WeeklyDay = WeeklyDay,
        RemindAt = RemindAt,
        DaysBefore = [.. DaysBefore ?? DefaultDaysBefore],
        OverdueDaily = OverdueDaily,
        EscalateToAdmins = EscalateToAdmins,
        WorkStart = WorkStart,
        WorkEnd = WorkEnd,
        QuotaFallbackPercent = QuotaFallbackPercent,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (60 % WaveEveryMinutes != 0)
            yield return new ValidationResult($"Reminders:WaveEveryMinutes ({WaveEveryMinutes}) must divide an hour: 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60.", [nameof(WaveEveryMinutes)]);
        if (JobsPollInterval < TimeSpan.FromMilliseconds(50) || JobsPollInterval > TimeSpan.FromMinutes(10))
            yield return new ValidationResult($"Reminders:JobsPollInterval ({JobsPollInterval}) must be between 00:00:00.05 and 00:10:00.", [nameof(JobsPollInterval)]);
        if (WorkEnd <= WorkStart)
            yield return new ValidationResult($"Reminders:WorkEnd ({WorkEnd:HH\\:mm}) must be after Reminders:WorkStart ({WorkStart:HH\\:mm}).", [nameof(WorkEnd)]);
        foreach (var days in (DaysBefore ?? DefaultDaysBefore).Where(d => d is < 1 or > 180))
            yield return new ValidationResult($"Reminders:DaysBefore has {days}; each value must be between 1 and 180 days.", [nameof(DaysBefore)]);
    }
}
