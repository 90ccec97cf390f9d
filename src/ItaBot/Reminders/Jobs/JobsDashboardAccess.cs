using System.Net;
using System.Security.Claims;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// Who may open Hangfire's dashboard at <c>/admin/jobs</c>, and who may press its buttons (trigger, delete, requeue).
/// An administrator signed in through the <c>ItaBot.Admin</c> scheme sees and uses everything. Until that sign-in
/// exists (the dashboard issue adds it), the machine's own operator may look from loopback, read-only; any other
/// request is refused. A request a reverse proxy forwarded is not local, even though it arrives from loopback.
/// </summary>
public sealed class JobsDashboardAccess : IDashboardAsyncAuthorizationFilter
{
    /// <summary>The administrators' sign-in scheme and role; the sign-in registers the scheme, this only reads it.</summary>
    public const string AdminScheme = "ItaBot.Admin";
    public const string AdminRole = "Administrator";

    const string AdministratorItem = "ItaBot.Jobs.Administrator";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (await SignedInAdministratorAsync(http) is { } administrator)
        {
            http.User = administrator;
            http.Items[AdministratorItem] = administrator;
            return true;
        }
        return IsLocal(http);
    }

    /// <summary>Read-only unless <see cref="AuthorizeAsync"/> found a signed-in administrator (Hangfire asks after it).</summary>
    public static bool IsReadOnly(DashboardContext context) => context.GetHttpContext().Items[AdministratorItem] is not ClaimsPrincipal;

    /// <summary>The request's user as the <c>ItaBot.Admin</c> scheme reads it, whatever the app's default scheme is.</summary>
    static async Task<ClaimsPrincipal?> SignedInAdministratorAsync(HttpContext http)
    {
        var schemes = http.RequestServices.GetService<IAuthenticationSchemeProvider>();
        if (schemes is null || await schemes.GetSchemeAsync(AdminScheme) is null) return null;
        var result = await http.AuthenticateAsync(AdminScheme);
        return result.Succeeded && result.Principal.IsInRole(AdminRole) ? result.Principal : null;
    }

    static bool IsLocal(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded")) return false;
        return http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }
}
