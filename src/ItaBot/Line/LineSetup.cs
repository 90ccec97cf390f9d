namespace ItaBot.Line;

public static class LineSetup
{
    public static IHostApplicationBuilder AddLine(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLine(this IEndpointRouteBuilder app) => app;
}
