namespace ItaBot.Dashboard;

public static class DashboardSetup
{
    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder) => builder;

    public static WebApplication MapDashboard(this WebApplication app) => app;
}
