using Hangfire;
using Hangfire.AspNetCore;
using ItaBot.Data;

namespace ItaBot.Reminders.Jobs;

/// <summary>Hangfire in the app: its storage, a server of two workers, the recurring jobs, and the dashboard at /admin/jobs.</summary>
public static class JobsSetup
{
    public const string DashboardPath = "/admin/jobs";

    /// <summary>The site's policy with inline styles allowed, for Hangfire's pages (they add one from their script).</summary>
    public static readonly string DashboardPolicy = Web.SecurityHeaders.DefaultPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    public static void AddReminderJobs(this IHostApplicationBuilder builder, ReminderOptions settings)
    {
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DataSetup.DefaultConnectionString;
        var services = builder.Services;
        // This app's storage and job activator, registered before AddHangfire (which adds them only if missing), so jobs
        // run on this app's services and storage rather than Hangfire's process-wide defaults (JobStorage.Current).
        services.AddSingleton<JobStorage>(sp =>
        {
            // Before the storage: Hangfire.PostgreSql's installer takes its logger in a static initializer (HangfireLogs).
            HangfireLogs.Use(sp.GetRequiredService<ILoggerFactory>());
            return JobsStorage.Create(connectionString, settings);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        // Two jobs, so two workers: Hangfire's default (five per core, up to twenty) is threads this app never uses.
        services.AddHangfireServer(o => o.WorkerCount = 2);
        services.AddScoped<ReminderWaveJob>();
        services.AddScoped<RoundsJob>();
        services.AddHostedService<ReminderSchedule>();
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "ItaBot · งานตามกำหนดเวลา",
            AppPath = "/admin",
            Authorization = [],
            AsyncAuthorization = [new JobsDashboardAccess()],
            IsReadOnlyFunc = JobsDashboardAccess.IsReadOnly,
            // The PostgreSQL connection string carries a password.
            DisplayStorageConnectionString = false,
        });
        // Hangfire's script adds a <style> element of its own (its charts): allowed here only, scripts stay 'self'.
        dashboard.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is not { } inner) return;
            endpoint.RequestDelegate = http =>
            {
                http.Response.Headers.ContentSecurityPolicy = DashboardPolicy;
                return inner(http);
            };
        });
        // With the administrators' sign-in, a visitor who is not signed in is sent to it (and back here after).
        if (JobsDashboardAccess.SignInExistsAsync(app.ServiceProvider).GetAwaiter().GetResult())
            dashboard.RequireAuthorization(p => p.AddAuthenticationSchemes(JobsDashboardAccess.AdminScheme).RequireRole(JobsDashboardAccess.AdminRole));
        return app;
    }
}
