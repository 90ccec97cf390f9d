namespace ItaBot.Reports;

public static class ReportsSetup
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => app;
}
