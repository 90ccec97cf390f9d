using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ItaBot.Data;

/// <summary>One row the readiness check rewrites: a database that can be read but not written (full disk, read-only file, lost lock) is not ready.</summary>
public sealed class HealthProbe
{
    public int Id { get; set; }
    public DateTime CheckedAtUtc { get; set; }
}

public static class Health
{
    /// <summary>Longer than a healthy write ever takes, short enough for a load balancer's probe.</summary>
    static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>/health</c> (readiness) answers 200 only when a write to the database commits — what every webhook and
    /// answer needs; a load balancer or a start-time benchmark waits on it. <c>/health/live</c> (liveness) only says the
    /// process runs, so a supervisor does not restart the app because the database is briefly away.
    /// </summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (ItaBotDb db, TimeProvider time, ILoggerFactory logs, CancellationToken ct) =>
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(WriteTimeout);
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO health_probe ("Id", "CheckedAtUtc") VALUES (1, {now})
                    ON CONFLICT ("Id") DO UPDATE SET "CheckedAtUtc" = excluded."CheckedAtUtc"
                    """, limit.Token);
                return Results.Ok(new { status = "ok" });
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logs.CreateLogger("ItaBot.Health").LogError("Not ready: the database cannot be written ({Error})", e.Message);
                return Results.Json(new { status = "database cannot be written" }, statusCode: 503);
            }
        });
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        return app;
    }
}

sealed class HealthProbeConfiguration : IEntityTypeConfiguration<HealthProbe>
{
    public void Configure(EntityTypeBuilder<HealthProbe> e)
    {
        e.ToTable("health_probe");
        e.Property(x => x.Id).ValueGeneratedNever();
    }
}
