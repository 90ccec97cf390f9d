using ItaBot.Thai;

namespace ItaBot.Tracking;

public static class TrackingSetup
{
    public static IHostApplicationBuilder AddTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoundDueDates>().BindConfiguration(RoundDueDates.Section).ValidateDataAnnotations().ValidateOnStart();
        return builder;
    }
}
