using ItaBot.Dashboard;
using ItaBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ItaBot.Tests.Dashboard;

public sealed class SignInGuardTests
{
    [Fact]
    public async Task FiveWrongPasswordsLockANameForFifteenMinutesWhetherOrNotItExists()
    {
        using var app = new TestApp();
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        var guard = scope.ServiceProvider.GetRequiredService<SignInGuard>();
        Assert.Null(await accounts.AddOrUpdateAsync("Kanda", "a long enough password", CancellationToken.None));

        Assert.Equal("Kanda", (await guard.SignInAsync(" kanda ", "a long enough password", CancellationToken.None)).Name);
        for (var i = 1; i < SignInGuard.MaxFailures; i++)
            Assert.False((await guard.SignInAsync("kanda", "wrong", CancellationToken.None)).Locked);
        Assert.True((await guard.SignInAsync("kanda", "wrong", CancellationToken.None)).Locked);
        var locked = await guard.SignInAsync("kanda", "a long enough password", CancellationToken.None);
        Assert.False(locked.Succeeded);
        Assert.True(locked.Locked);

        for (var i = 0; i < SignInGuard.MaxFailures; i++) await guard.SignInAsync("nobody", "guess " + i, CancellationToken.None);
        Assert.True((await guard.SignInAsync("nobody", "guess", CancellationToken.None)).Locked);

        app.Time.Advance(SignInGuard.Lockout + TimeSpan.FromSeconds(1));
        Assert.True((await guard.SignInAsync("kanda", "a long enough password", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task AnAccountIsStoredAsASaltedHashAndShortPasswordsAreRefused()
    {
        using var app = new TestApp();
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        Assert.NotNull(await accounts.AddOrUpdateAsync("kanda", "short", CancellationToken.None));
        Assert.Null(await accounts.AddOrUpdateAsync("kanda", "a long enough password", CancellationToken.None));
        var stored = Assert.Single(scope.ServiceProvider.GetRequiredService<ItaBot.Data.ItaBotDb>().AdminAccounts);
        Assert.DoesNotContain("a long enough password", stored.PasswordHash, StringComparison.Ordinal);
        Assert.NotEqual(AdminAccounts.Hash("a long enough password"), AdminAccounts.Hash("a long enough password"));
    }

    [Fact]
    public async Task AConfiguredAccountSignsInWithTheHashAdminAddUserPrints()
    {
        using var app = new TestApp().With("Admin:Users:0:Name", "somchai").With("Admin:Users:0:PasswordHash", AdminAccounts.Hash("another long password"));
        await using var scope = app.Services.CreateAsyncScope();
        var guard = scope.ServiceProvider.GetRequiredService<SignInGuard>();
        Assert.Equal("somchai", (await guard.SignInAsync("Somchai", "another long password", CancellationToken.None)).Name);
        Assert.False((await guard.SignInAsync("somchai", "another long passworD", CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task DashboardPagesSendWhoeverIsNotSignedInToTheSignInPage()
    {
        using var app = new TestApp();
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var path in new[] { "/admin", "/admin/import", "/admin/reports", "/admin/reminders", "/admin/groups", "/admin/people", "/admin/measures/1" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/admin/signin", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        using var signIn = await client.GetAsync("/admin/signin");
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
    }
}
