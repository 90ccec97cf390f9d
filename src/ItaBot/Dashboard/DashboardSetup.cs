using System.Threading.RateLimiting;
using ItaBot.Web;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.RateLimiting;

namespace ItaBot.Dashboard;

/// <summary>
/// The administrators' dashboard at <c>/admin</c>: cookie sign-in (scheme <see cref="Scheme"/>, role
/// <see cref="Role"/>, the default scheme so any page — Hangfire's at /admin/jobs too — can ask
/// <c>User.IsInRole("Administrator")</c>), every page behind it but the sign-in page, sign-in attempts limited
/// per address and locked out per name.
/// </summary>
public static class DashboardSetup
{
    public const string Scheme = "ItaBot.Admin";
    public const string Role = "Administrator";
    public const string Policy = "Administrator";
    public const string SignInRateLimit = "admin-sign-in";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminUsersOptions>().BindConfiguration(AdminUsersOptions.Section);
        services.AddScoped<AdminAccounts>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<DashboardData>();
        services.AddMemoryCache();
        services.AddSingleton<PlanUploads>();
        services.AddScoped<RegistrationDecisionNotice>();

        services.AddAuthentication(Scheme).AddCookie(Scheme, o =>
        {
            o.Cookie = new LocalAwareCookieBuilder { Name = "ItaBot.Admin", HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Path = "/" };
            o.LoginPath = "/admin/signin";
            o.LogoutPath = "/admin/signout";
            o.AccessDeniedPath = "/admin/signin";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.ReturnUrlParameter = "returnUrl";
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(Role));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions.AuthorizeFolder("/Dashboard", Policy);
            o.Conventions.AllowAnonymousToPage("/Dashboard/SignIn");
        });

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(SignInRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("ลองเข้าสู่ระบบบ่อยเกินไป กรุณารอ ๑ นาทีแล้วลองใหม่ (too many sign-in attempts from this address; wait a minute)", ct);
            };
        });
        return builder;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapEvidenceDownloads();
        return app;
    }
}
