using ItaBot.Reminders.Holidays;
using ItaBot.Reminders.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        // The chat layer answers who to remind (IReminderRecipients) and offers reminder commands in chat (IChatReminders).
        services.AddScoped<ItaBot.Chat.IChatReminders, ReminderChatCommands>();
        services.AddScoped<ItaBot.Line.IOutboxDropListener, ReminderDrops>();

        var settings = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();
        if (settings.SchedulerEnabled) builder.AddReminderJobs(settings);
        return builder;
    }

    /// <summary><c>/admin/jobs</c>, Hangfire's dashboard, where this instance runs the scheduler.</summary>
    public static IEndpointRouteBuilder MapReminders(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<ReminderOptions>>().Value.SchedulerEnabled) app.MapJobsDashboard();
        return app;
    }
}
