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
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ItaBot.Tests.Reminders;

/// <summary>
/// Hangfire's dashboard at /admin/jobs: administrators signed in through the dashboard's ItaBot.Admin sign-in see
/// and use it; nobody else gets in. Without that sign-in (a host that leaves the dashboard out) the machine itself
/// may look, read-only.
/// </summary>
public sealed class JobsDashboardTests
{
    // ---- the filter, request by request ----------------------------------------------------------------------

    // Without the administrators' sign-in (a host that leaves the dashboard out): the machine itself may look.

    [Fact]
    public async Task WithoutTheSignInAnAnonymousRequestFromLoopbackMayLookButNotTouch()
    {
        var (allowed, readOnly) = await AskAsync(IPAddress.Loopback);
        Assert.True(allowed);
        Assert.True(readOnly);
        Assert.True((await AskAsync(IPAddress.IPv6Loopback)).Allowed);
        Assert.True((await AskAsync(IPAddress.Loopback.MapToIPv6())).Allowed);
    }

    [Fact]
    public async Task WithoutTheSignInAnAnonymousRequestFromAnotherMachineIsRefused()
    {
        Assert.False((await AskAsync(IPAddress.Parse("203.0.113.7"))).Allowed);
        Assert.False((await AskAsync(IPAddress.Parse("192.168.1.20"))).Allowed);
        Assert.False((await AskAsync(remote: null)).Allowed);
    }

    [Fact]
    public async Task WithoutTheSignInARequestAReverseProxyForwardedFromLoopbackIsNotLocal()
    {
        Assert.False((await AskAsync(IPAddress.Loopback, forwarded: ("X-Forwarded-For", "203.0.113.7"))).Allowed);
        Assert.False((await AskAsync(IPAddress.Loopback, forwarded: ("Forwarded", "for=203.0.113.7"))).Allowed);
    }

    // With the sign-in (the app as it ships): administrators only.

    [Fact]
    public async Task ASignedInAdministratorMayLookAndActFromAnywhere()
    {
        var (allowed, readOnly) = await AskAsync(IPAddress.Parse("203.0.113.7"), signIn: TestAdminSignIn.Administrator);
        Assert.True(allowed);
        Assert.False(readOnly);
    }

    [Fact]
    public async Task WithTheSignInNobodyElseGetsInNotEvenFromLoopback()
    {
        Assert.False((await AskAsync(IPAddress.Loopback, signIn: TestAdminSignIn.NotSignedIn)).Allowed);
        Assert.False((await AskAsync(IPAddress.Loopback, signIn: TestAdminSignIn.Staff)).Allowed);
        Assert.False((await AskAsync(IPAddress.Parse("203.0.113.7"), signIn: TestAdminSignIn.Staff)).Allowed);
        // An Administrator role from some other scheme does not count.
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, JobsDashboardAccess.AdminRole)], "Other"));
        Assert.False((await AskAsync(IPAddress.Loopback, signIn: TestAdminSignIn.NotSignedIn, user: other)).Allowed);
    }

    static async Task<(bool Allowed, bool ReadOnly)> AskAsync(IPAddress? remote, string? signIn = null, (string Name, string Value)? forwarded = null, ClaimsPrincipal? user = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (signIn is not null) services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestAdminSignIn>(JobsDashboardAccess.AdminScheme, null);
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        http.Connection.RemoteIpAddress = remote;
        if (signIn is not null and not TestAdminSignIn.NotSignedIn) http.Request.Headers[TestAdminSignIn.Header] = signIn;
        if (forwarded is { } header) http.Request.Headers[header.Name] = header.Value;
        if (user is not null) http.User = user;
        var options = new DashboardOptions { IsReadOnlyFunc = JobsDashboardAccess.IsReadOnly };
        var context = new AspNetCoreDashboardContext(new NoStorage(), options, http);

        var allowed = await new JobsDashboardAccess().AuthorizeAsync(context);
        return (allowed, allowed && context.IsReadOnly);
    }

    // ---- the running app, with the dashboard's own cookie sign-in ---------------------------------------------

    [Fact]
    public async Task AVisitorWhoIsNotSignedInIsSentToTheSignInPageEvenFromLoopback()
    {
        using var app = SchedulingApp();
        var address = LiveApp.Serve(app);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address };

        var jobs = await http.GetAsync("/admin/jobs");
        var trigger = await http.PostAsync("/admin/jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", ReminderWaveJob.Id)]));

        Assert.Equal(HttpStatusCode.Redirect, jobs.StatusCode);
        Assert.Equal("/admin/signin?returnUrl=%2Fadmin%2Fjobs", jobs.Headers.Location!.PathAndQuery);
        Assert.NotEqual(HttpStatusCode.OK, trigger.StatusCode);
        Assert.False(trigger.IsSuccessStatusCode);
    }

    [Fact]
    public async Task AnAdministratorSignsInSeesTheJobsAndTriggersOne()
    {
        using var app = SchedulingApp();
        app.ClientOptions.BaseAddress = new Uri("https://localhost");
        app.ClientOptions.AllowAutoRedirect = false;
        var storage = app.Services.GetRequiredService<JobStorage>();
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<ItaBot.Dashboard.AdminAccounts>().AddOrUpdateAsync("kanda", "correct horse battery", CancellationToken.None));
        using var http = app.CreateClient();

        var form = await http.GetStringAsync("/admin/signin?returnUrl=%2Fadmin%2Fjobs%2Frecurring");
        var signedIn = await http.PostAsync("/admin/signin", new FormUrlEncodedContent(
        [
            new("Name", "kanda"), new("Password", "correct horse battery"), new("ReturnUrl", "/admin/jobs/recurring"),
            new("__csrf", Match(form, "<input[^>]*name=\"__csrf\"[^>]*value=\"([^\"]+)\"")),
        ]));
        Assert.Equal("/admin/jobs/recurring", signedIn.Headers.Location?.OriginalString);
        var page = await http.GetStringAsync("/admin/jobs/recurring");
        using var trigger = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger")
        { Content = new FormUrlEncodedContent([new("jobs[]", RoundsJob.Id)]) };
        trigger.Headers.Add(Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\""), Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\""));
        var triggered = await http.SendAsync(trigger);

        Assert.Contains(ReminderWaveJob.Id, page);
        Assert.Contains(RoundsJob.Id, page);
        Assert.Contains("data-url=\"/admin/jobs/recurring/trigger\"", page);
        Assert.DoesNotContain("Host=", page);
        Assert.True(triggered.IsSuccessStatusCode, $"trigger answered {triggered.StatusCode}");
        await HangfireRuns.WaitForAsync<RoundsJob>(storage, 1);
    }

    static string Match(string html, string pattern) =>
        System.Text.RegularExpressions.Regex.Match(html, pattern) is { Success: true } m
            ? System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new Xunit.Sdk.XunitException($"{pattern} not in the page:\n{html[..Math.Min(html.Length, 3000)]}");

    static TestApp SchedulingApp() =>
        new TestApp().With("Reminders:SchedulerEnabled", "true").With("Reminders:JobsPollInterval", "00:00:00.2");

    /// <summary>Stands in for the administrators' sign-in in the filter's own tests: the header names who is signed in.</summary>
    sealed class TestAdminSignIn(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Signed-In";
        public const string Administrator = "administrator";
        public const string Staff = "staff";
        public const string NotSignedIn = "";

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
