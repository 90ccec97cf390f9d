using Hangfire;
using ItaBot.Thai;
using Microsoft.Extensions.Options;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// At start, (re)registers the two recurring jobs in Hangfire's storage through <see cref="IRecurringJobManager"/>,
/// on Bangkok time, then runs one wave at once: a first start, or one after downtime, should not wait for the
/// next quarter-hour to send what is due. Every instance does this; the reminder keys make it harmless.
/// </summary>
public sealed class ReminderSchedule(IRecurringJobManager jobs, IOptions<ReminderOptions> options, ILogger<ReminderSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var bangkok = new RecurringJobOptions { TimeZone = Bangkok.Zone };
        jobs.AddOrUpdate<ReminderWaveJob>(ReminderWaveJob.Id, job => job.RunAsync(CancellationToken.None), WaveCron(settings.WaveEveryMinutes), bangkok);
        jobs.AddOrUpdate<RoundsJob>(RoundsJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(settings.RoundsAt.Hour, settings.RoundsAt.Minute), bangkok);
        jobs.Trigger(ReminderWaveJob.Id);
        logger.LogInformation("Reminder wave every {Minutes} minutes, rounds job daily at {RoundsAt:HH\\:mm} (Asia/Bangkok).", settings.WaveEveryMinutes, settings.RoundsAt);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every n minutes of the hour (n divides 60; ReminderOptions checks it).</summary>
    public static string WaveCron(int minutes) => minutes >= 60 ? Cron.Hourly() : $"*/{minutes} * * * *";
}
