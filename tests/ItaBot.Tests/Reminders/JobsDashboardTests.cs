using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.Storage;
using ItaBot.Reminders.Jobs;
using ItaBot.Tests.Support;
using ItaBot.Tests.Support.Browser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// Hangfire's dashboard at /admin/jobs: until administrators can sign in, only the machine itself may look, and
/// only look; an administrator signed in through the ItaBot.Admin scheme may also press its buttons.
/// </summary>
public sealed class JobsDashboardTests
{
    // ---- the filter, request by request ----------------------------------------------------------------------

    [Fact]
    public async Task AnAnonymousRequestFromLoopbackMayLookButNotTouch()
    {
        var (allowed, readOnly) = await AskAsync(IPAddress.Loopback);
        Assert.True(allowed);
        Assert.True(readOnly);
        Assert.True((await AskAsync(IPAddress.IPv6Loopback)).Allowed);
        Assert.True((await AskAsync(IPAddress.Loopback.MapToIPv6())).Allowed);
    }

    [Fact]
    public async Task AnAnonymousRequestFromAnotherMachineIsRefused()
    {
        Assert.False((await AskAsync(IPAddress.Parse("203.0.113.7"))).Allowed);
        Assert.False((await AskAsync(IPAddress.Parse("192.168.1.20"))).Allowed);
        Assert.False((await AskAsync(remote: null)).Allowed);
    }

    [Fact]
    public async Task ARequestAReverseProxyForwardedFromLoopbackIsNotLocal()
    {
        Assert.False((await AskAsync(IPAddress.Loopback, forwarded: ("X-Forwarded-For", "203.0.113.7"))).Allowed);
        Assert.False((await AskAsync(IPAddress.Loopback, forwarded: ("Forwarded", "for=203.0.113.7"))).Allowed);
    }

    [Fact]
    public async Task ASignedInAdministratorMayLookAndActFromAnywhere()
    {
        var (allowed, readOnly) = await AskAsync(IPAddress.Parse("203.0.113.7"), signIn: TestAdminSignIn.Administrator);
        Assert.True(allowed);
        Assert.False(readOnly);
    }

    [Fact]
    public async Task SignedInWithoutTheAdministratorRoleIsLikeAnonymous()
    {
        Assert.False((await AskAsync(IPAddress.Parse("203.0.113.7"), signIn: TestAdminSignIn.Staff)).Allowed);
        var (allowed, readOnly) = await AskAsync(IPAddress.Loopback, signIn: TestAdminSignIn.Staff);
        Assert.True(allowed);
        Assert.True(readOnly);
    }

    [Fact]
    public async Task AnAdministratorRoleFromAnotherSchemeDoesNotCount()
    {
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, JobsDashboardAccess.AdminRole)], "Other"));
        Assert.False((await AskAsync(IPAddress.Parse("203.0.113.7"), user: other)).Allowed);
        Assert.True((await AskAsync(IPAddress.Loopback, user: other)).ReadOnly);
    }

    static async Task<(bool Allowed, bool ReadOnly)> AskAsync(IPAddress? remote, string? signIn = null, (string Name, string Value)? forwarded = null, ClaimsPrincipal? user = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (signIn is not null) services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAdminSignIn>(JobsDashboardAccess.AdminScheme, null);
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        http.Connection.RemoteIpAddress = remote;
        if (signIn is not null) http.Request.Headers[TestAdminSignIn.Header] = signIn;
        if (forwarded is { } header) http.Request.Headers[header.Name] = header.Value;
        if (user is not null) http.User = user;
        var options = new DashboardOptions { IsReadOnlyFunc = JobsDashboardAccess.IsReadOnly };
        var context = new AspNetCoreDashboardContext(new NoStorage(), options, http);

        var allowed = await new JobsDashboardAccess().AuthorizeAsync(context);
        return (allowed, allowed && context.IsReadOnly);
    }

    // ---- the running app -------------------------------------------------------------------------------------

    [Fact]
    public async Task TheRunningAppShowsItsJobsToLoopbackWithoutTheButtonsThatChangeThem()
    {
        using var app = SchedulingApp();
        var address = LiveApp.Serve(app);
        using var http = new HttpClient { BaseAddress = address };

        var recurring = await http.GetAsync("/admin/jobs/recurring");
        var page = await recurring.Content.ReadAsStringAsync();
        var trigger = await http.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", ReminderWaveJob.Id)]));

        Assert.Equal(HttpStatusCode.OK, recurring.StatusCode);
        Assert.Contains(ReminderWaveJob.Id, page);
        Assert.Contains(RoundsJob.Id, page);
        Assert.DoesNotContain("data-url=\"/admin/jobs/recurring/trigger\"", page);
        Assert.DoesNotContain("Host=", page);
        Assert.Equal(HttpStatusCode.Unauthorized, trigger.StatusCode);
    }

    [Fact]
    public async Task TheRunningAppRefusesTheDashboardToAnotherMachineAndLetsASignedInAdministratorTriggerAJob()
    {
        using var app = SchedulingApp();
        using var factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAdminSignIn>(JobsDashboardAccess.AdminScheme, null);
            s.AddSingleton<IStartupFilter, FromAnotherMachine>();
        }));
        using var http = factory.CreateClient();
        var storage = factory.Services.GetRequiredService<JobStorage>();

        var anonymous = await http.GetAsync("/admin/jobs");
        using var asAdmin = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger")
        { Content = new FormUrlEncodedContent([new("jobs[]", RoundsJob.Id)]) };
        asAdmin.Headers.Add(TestAdminSignIn.Header, TestAdminSignIn.Administrator);
        var triggered = await http.SendAsync(asAdmin);
        using var pageAsAdmin = new HttpRequestMessage(HttpMethod.Get, "/admin/jobs/recurring");
        pageAsAdmin.Headers.Add(TestAdminSignIn.Header, TestAdminSignIn.Administrator);
        var page = await (await http.SendAsync(pageAsAdmin)).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("data-url=\"/admin/jobs/recurring/trigger\"", page);
        Assert.True(triggered.IsSuccessStatusCode, $"trigger answered {triggered.StatusCode}");
        await HangfireRuns.WaitForAsync<RoundsJob>(storage, 1);
    }

    static TestApp SchedulingApp() =>
        new TestApp().With("Reminders:SchedulerEnabled", "true").With("Reminders:JobsPollInterval", "00:00:00.2");

    /// <summary>Every request arrives from 203.0.113.7 (TestServer gives none), as from another machine on the network.</summary>
    sealed class FromAnotherMachine : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>Stands in for the administrators' sign-in (the dashboard issue's): the header names who is signed in.</summary>
    sealed class TestAdminSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Signed-In";
        public const string Administrator = "administrator";
        public const string Staff = "staff";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var who)) return Task.FromResult(AuthenticateResult.NoResult());
            var claims = new List<Claim> { new(ClaimTypes.Name, who.ToString()) };
            if (who == Administrator) claims.Add(new Claim(ClaimTypes.Role, JobsDashboardAccess.AdminRole));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
        }
    }

    sealed class NoStorage : JobStorage
    {
        public override IMonitoringApi GetMonitoringApi() => throw new NotSupportedException();
        public override IStorageConnection GetConnection() => throw new NotSupportedException();
    }
}
