namespace ItaBot.Tracking;

public static class TrackingSetup
{
    public static IHostApplicationBuilder AddTracking(this IHostApplicationBuilder builder) => builder;
}
