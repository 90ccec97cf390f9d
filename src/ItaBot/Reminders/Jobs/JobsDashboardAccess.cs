using System.Net;
using System.Security.Claims;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace ItaBot.Reminders.Jobs;

/// <summary>
/// Who may open Hangfire's dashboard at <c>/admin/jobs</c>, and who may press its buttons (trigger, delete, requeue).
/// An administrator signed in through the <c>ItaBot.Admin</c> scheme (the dashboard's cookie sign-in) with the
/// <c>Administrator</c> role sees and uses everything; nobody else gets in. An app without that sign-in (a host that
/// leaves the dashboard out) lets the machine's own operator look from loopback, read-only; a request a reverse
/// proxy forwarded is not local, even though it arrives from loopback.
/// </summary>
public sealed class JobsDashboardAccess : IDashboardAsyncAuthorizationFilter
{
    /// <summary>The administrators' sign-in scheme and role; the dashboard registers the scheme, this only reads it.</summary>
    public const string AdminScheme = "ItaBot.Admin";
    public const string AdminRole = "Administrator";

    const string AdministratorItem = "ItaBot.Jobs.Administrator";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!await SignInExistsAsync(http.RequestServices)) return IsLocal(http);
        var result = await http.AuthenticateAsync(AdminScheme);
        if (!result.Succeeded || !result.Principal.IsInRole(AdminRole)) return false;
        http.User = result.Principal;
        http.Items[AdministratorItem] = result.Principal;
        return true;
    }

    /// <summary>Read-only unless <see cref="AuthorizeAsync"/> found a signed-in administrator (Hangfire asks after it).</summary>
    public static bool IsReadOnly(DashboardContext context) => context.GetHttpContext().Items[AdministratorItem] is not ClaimsPrincipal;

    public static async Task<bool> SignInExistsAsync(IServiceProvider services) =>
        services.GetService<IAuthenticationSchemeProvider>() is { } schemes && await schemes.GetSchemeAsync(AdminScheme) is not null;

    static bool IsLocal(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey("X-Forwarded-For") || http.Request.Headers.ContainsKey("Forwarded")) return false;
        return http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
    }
}
