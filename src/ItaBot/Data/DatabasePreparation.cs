using ItaBot.Import;

namespace ItaBot.Data;

public static class DatabasePreparation
{
    /// <summary>Brings the schema up to date, then loads the demo organization into an empty database.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await services.MigrateDatabaseAsync(ct);
        await DemoData.LoadIfEmptyAsync(services, ct);
        // Migrations and the demo import are one-off work at start; hand their memory back before serving.
        HeapTrim.Now();
    }
}
