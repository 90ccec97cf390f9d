using ItaBot.Thai;
using ItaBot.Tracking.Evidence;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ItaBot.Tracking;

public static class TrackingSetup
{
    public static IHostApplicationBuilder AddTracking(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoundDueDates>().BindConfiguration(RoundDueDates.Section).ValidateDataAnnotations().ValidateOnStart();
        // Evidence bytes in the database unless another store was registered first (a file system, an object store).
        builder.Services.TryAddScoped<IEvidenceStore, DatabaseEvidenceStore>();
        builder.Services.AddScoped<EvidenceFiles>();
        builder.Services.AddSingleton<EntryLinks>();
        return builder;
    }
}
