using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Line;

public sealed record ChannelUsage(string Channel, string Month, long Messages, long Requests, long EstimatedRequests);

/// <summary>Messages billed per channel per Bangkok month, as counted by <see cref="OutboxSender"/>. Replies are free and not counted.</summary>
public sealed class LineUsageReport(ItaBotDb db, TimeProvider time)
{
    public async Task<IReadOnlyList<ChannelUsage>> ForMonthAsync(string? month = null, CancellationToken ct = default)
    {
        month ??= OutboxAlerts.MonthOf(time.GetUtcNow().UtcDateTime);
        return await db.LineUsage.Where(u => u.Month == month).OrderBy(u => u.Channel)
            .Select(u => new ChannelUsage(u.Channel, u.Month, u.Messages, u.Requests, u.EstimatedRequests))
            .ToListAsync(ct);
    }
}

/// <summary>
/// <c>GET /line/usage[?month=yyyy-MM]</c> for operators: usage per channel, open sending alerts, and what is stuck. Guarded by
/// <c>X-Admin-Key</c> = <c>Line__AdminApiKey</c>; with no key configured it answers 403 to everyone. Wrong keys
/// are rate-limited per address (<see cref="WrongKeyLimiter"/>).
/// </summary>
public static class LineUsageEndpoint
{
    public static IEndpointRouteBuilder MapLineUsage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/line/usage", async (HttpContext http, string? month, IOptionsMonitor<LineOptions> options, WrongKeyLimiter limiter,
            LineUsageReport usage, OutboxAlerts alerts, ItaBotDb db, TimeProvider time, CancellationToken ct) =>
        {
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (limiter.Blocked(address) is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Results.Text($"Too many wrong X-Admin-Key values from this address; try again in {Math.Ceiling(wait.TotalMinutes):0} minutes.",
                    "text/plain; charset=utf-8", statusCode: 429);
            }
            if (!IsAdmin(options.CurrentValue.AdminApiKey, http.Request.Headers["X-Admin-Key"]))
            {
                // Only a key that was sent and is wrong counts: asking without one is how a person finds out what to send.
                if (!string.IsNullOrEmpty(http.Request.Headers["X-Admin-Key"])) limiter.Wrong(address);
                return Results.Text("Send X-Admin-Key (set Line__AdminApiKey on the server).", "text/plain; charset=utf-8", statusCode: 403);
            }
            if (month is not null && !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                return Results.Text("month must look like 2025-03.", "text/plain; charset=utf-8", statusCode: 400);
            month ??= OutboxAlerts.MonthOf(time.GetUtcNow().UtcDateTime);
            var open = await alerts.OpenAsync(ct);
            return Results.Ok(new
            {
                month,
                channels = await usage.ForMonthAsync(month, ct),
                alerts = open.Select(a => new { a.Channel, kind = a.Kind.ToString(), a.Status, a.Message, a.RaisedAtUtc }),
                // What needs a person: events every attempt failed on, pushes given up on, pushes waiting.
                parkedEvents = await db.LineInbox.CountAsync(e => e.State == InboxState.Parked, ct),
                failedPushes = await db.LineOutbox.CountAsync(m => m.State == OutboxState.Failed, ct),
                // Not sent before their content went stale (LINE unreachable); administrators are told in chat.
                droppedPushes = await db.LineOutbox.CountAsync(m => m.State == OutboxState.Dropped, ct),
                waitingPushes = await db.LineOutbox.CountAsync(m => m.State == OutboxState.Pending || m.State == OutboxState.Held, ct),
            });
        });
        return app;
    }

    static bool IsAdmin(string? configured, string? given) =>
        !string.IsNullOrEmpty(configured) && given is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(configured)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
