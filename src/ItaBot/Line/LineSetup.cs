using ItaBot.Line.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

public static class LineSetup
{
    public static IHostApplicationBuilder AddLine(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LineOptions>().BindConfiguration(LineOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LineOptions>, LineOptionsValidator>();
        services.AddSingleton<LineChannels>();
        services.AddHostedService<LineStartupReport>();

        services.AddSingleton<InboxSignal>();
        services.AddSingleton<InboxWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWriter>());
        services.AddSingleton<InboxCrashes>();
        services.AddSingleton<InboxWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<InboxWorker>());
        services.TryAddScoped<ILineEventHandler, LoggingLineEventHandler>();

        services.AddLineApi();
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<SentMessages>();
        services.AddScoped<OutboxAlerts>();
        services.AddScoped<LineReplier>();
        services.AddScoped<LineUsageReport>();
        services.AddSingleton<GroupSizes>();
        services.AddSingleton<OutboxDrops>();
        services.TryAddScoped<ILineAdministrators, NoLineAdministrators>();
        services.AddSingleton<WrongKeyLimiter>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        return builder;
    }

    public static IEndpointRouteBuilder MapLine(this IEndpointRouteBuilder app)
    {
        app.MapLineUsage();
        return app;
    }
}
