using Microsoft.EntityFrameworkCore;

namespace ItaBot.Data;

public static class Health
{
    /// <summary>`/health` answers once the database is reachable; a load balancer or a start-time benchmark waits on it.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (ItaBotDb db, CancellationToken ct) =>
            await db.Database.CanConnectAsync(ct) ? Results.Ok(new { status = "ok" }) : Results.StatusCode(503));
        return app;
    }
}
