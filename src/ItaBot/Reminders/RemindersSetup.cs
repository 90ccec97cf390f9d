using ItaBot.Data;
using ItaBot.Reminders.Holidays;
using ItaBot.Thai;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace ItaBot.Reminders;

public static class RemindersSetup
{
    public static IHostApplicationBuilder AddReminders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => ShippedHolidays.Load(sp.GetRequiredService<IOptions<ReminderOptions>>().Value.HolidaysPath ?? ShippedHolidays.DefaultDirectory));
        services.AddScoped<ReminderWave>();
        services.AddScoped<ReminderDispatch>();
        services.AddScoped<ReminderPolicies>();
        services.AddScoped<UnitPauses>();
        services.AddScoped<RoundAutomation>();
        services.AddScoped<ReminderChat>();
        services.AddSingleton<LineQuotaCache>();
        services.TryAddScoped<IChannelQuotas, LineChannelQuotas>();
        services.AddSingleton<GroupSizeCache>();
        services.TryAddScoped<IReminderRecipients, ChatBindingRecipients>();
        services.AddScoped<ReminderChatCommands>();
        services.AddScoped<ItaBot.Line.IOutboxDropListener, ReminderDrops>();

        var settings = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        if (settings.SchedulerEnabled) AddScheduler(builder, settings);
        return builder;
    }

    /// <summary>
    /// Quartz on the app's own database, so the schedule survives restarts. On PostgreSQL the instances
    /// form a cluster; SQLite cannot, so there each instance runs its own scheduler and the reminder
    /// keys keep sends exactly-once.
    /// </summary>
    static void AddScheduler(IHostApplicationBuilder builder, ReminderOptions settings)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DataSetup.DefaultConnectionString;
        builder.Services.AddQuartz(q =>
        {
            // Two jobs, each never concurrent with itself.
            q.UseDefaultThreadPool(2);
            q.UsePersistentStore(store =>
            {
                if (DatabaseKind.Of(connectionString) == DatabaseKind.PostgreSql)
                {
                    store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, QuartzSqlite(connectionString));
                }
                store.ProvisionSchema();
            });
            q.ScheduleJob<ReminderWaveJob>(
                trigger => trigger.WithIdentity("reminder-wave", "reminders").StartNow()
                    .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(settings.WaveEveryMinutes)).RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
                job => job.WithIdentity(ReminderWaveJob.Key));
            q.ScheduleJob<RoundsJob>(
                trigger => trigger.WithIdentity("rounds-daily", "reminders")
                    .WithCronSchedule($"0 {settings.RoundsAt.Minute} {settings.RoundsAt.Hour} * * ?",
                        c => c.InTimeZone(Bangkok.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(RoundsJob.Key));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>Quartz opens its own connections to the SQLite file EF uses; a busy timeout makes the two wait for each other instead of failing.</summary>
    static string QuartzSqlite(string connectionString)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = 30 };
        var path = csb.DataSource;
        if (!string.IsNullOrEmpty(path) && path != ":memory:")
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
        }
        return csb.ToString();
    }
}
