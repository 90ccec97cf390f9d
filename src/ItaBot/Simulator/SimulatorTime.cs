using System.Globalization;
using ItaBot.Data;
using ItaBot.Reminders;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Simulator;

/// <summary>
/// "Advance time": moves the app's clock forward in the scheduler's own steps and, at each, runs what the
/// scheduler would have run by then — the reminder wave every <see cref="ReminderOptions.WaveEveryMinutes"/>
/// minutes, the daily round job at <see cref="ReminderOptions.RoundsAt"/> — so reminders fire, escalate and stop,
/// and a round closes, exactly as they would over those days.
/// </summary>
public sealed class SimulatorTime(SimulatorClock clock, IServiceScopeFactory scopes, IOptionsMonitor<ReminderOptions> reminders, ILogger<SimulatorTime> log)
{
    public static readonly TimeSpan MaxAdvance = TimeSpan.FromDays(62);

    readonly SemaphoreSlim _one = new(1, 1);

    /// <param name="ClosedRounds">Rounds the daily job closed on the way (due date + grace passed), named as chat names them.</param>
    public sealed record Advanced(DateTimeOffset From, DateTimeOffset To, int Waves, int DailyRuns, int Reminders, IReadOnlyList<string> ClosedRounds);

    public async Task<Advanced> AdvanceAsync(TimeSpan amount, CancellationToken ct)
    {
        if (amount <= TimeSpan.Zero || amount > MaxAdvance)
            throw new ArgumentOutOfRangeException(nameof(amount), $"Advance by more than nothing and at most {MaxAdvance.TotalDays} days.");
        await _one.WaitAsync(ct);
        try
        {
            var settings = reminders.CurrentValue;
            var step = TimeSpan.FromMinutes(settings.WaveEveryMinutes);
            var from = clock.GetUtcNow();
            var end = from + amount;
            int waves = 0, daily = 0, sent = 0;
            var closed = new List<int>();
            while (clock.GetUtcNow() < end)
            {
                var before = clock.GetUtcNow();
                var by = end - before < step ? end - before : step;
                clock.Advance(by);
                var after = clock.GetUtcNow();
                await using var scope = scopes.CreateAsyncScope();
                if (CrossesDailyRun(before, after, settings.RoundsAt))
                {
                    closed.AddRange((await scope.ServiceProvider.GetRequiredService<RoundAutomation>().RunAsync(ct)).Closed);
                    await scope.ServiceProvider.GetRequiredService<ReminderPolicies>().WarnWhereOverQuotaAsync(ct);
                    daily++;
                }
                sent += (await scope.ServiceProvider.GetRequiredService<ReminderWave>().RunAsync(ct)).Enqueued;
                waves++;
            }
            await SaveOffsetAsync(ct);
            var closedNames = await NamesAsync(closed, ct);
            log.LogInformation("Simulator clock advanced from {From:u} to {To:u}: {Waves} reminder waves, {Daily} daily runs, {Sent} reminders queued, {Closed} rounds closed",
                from, clock.GetUtcNow(), waves, daily, sent, closed.Count);
            return new Advanced(from, clock.GetUtcNow(), waves, daily, sent, closedNames);
        }
        finally { _one.Release(); }
    }

    static bool CrossesDailyRun(DateTimeOffset before, DateTimeOffset after, TimeOnly at)
    {
        var b = Bangkok.ToBangkok(before.UtcDateTime);
        var a = Bangkok.ToBangkok(after.UtcDateTime);
        for (var day = DateOnly.FromDateTime(b); day <= DateOnly.FromDateTime(a); day = day.AddDays(1))
        {
            var run = day.ToDateTime(at);
            if (run > b && run <= a) return true;
        }
        return false;
    }

    async Task<List<string>> NamesAsync(List<int> roundIds, CancellationToken ct)
    {
        if (roundIds.Count == 0) return [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).OrderBy(r => r.DueDate).ToListAsync(ct);
        return rounds.Select(r => $"{RoundNames.WithYear(r)} (ส่งภายใน {ThaiCalendar.FormatShortDate(r.DueDate)})").ToList();
    }

    async Task SaveOffsetAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var value = clock.Offset.Ticks.ToString(CultureInfo.InvariantCulture);
        var setting = await db.SimulatorSettings.FirstOrDefaultAsync(s => s.Name == SimulatorHost.ClockOffsetSetting, ct);
        if (setting is null) db.SimulatorSettings.Add(new SimulatorSetting { Name = SimulatorHost.ClockOffsetSetting, Value = value });
        else setting.Value = value;
        await db.SaveChangesAsync(ct);
    }
}
