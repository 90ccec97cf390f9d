using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Dashboard;

/// <summary>The outcome of a sign-in: the account's name, or why not (with when a lockout ends).</summary>
public sealed record SignInOutcome(string? Name, bool Locked, DateTime? LockedUntilUtc)
{
    public bool Succeeded => Name is not null;
}

/// <summary>
/// Failed sign-ins lock a name out: <see cref="MaxFailures"/> wrong passwords within <see cref="Window"/> lock it for
/// <see cref="Lockout"/>, whether or not the name exists, and while locked the password is not even checked.
/// (Requests per address are limited separately, by the rate limiter on the sign-in page.)
/// </summary>
public sealed class SignInGuard(ItaBotDb db, AdminAccounts accounts, TimeProvider time, ILogger<SignInGuard> log)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    public async Task<SignInOutcome> SignInAsync(string name, string password, CancellationToken ct)
    {
        var key = AdminAccounts.Key(name);
        if (key.Length is 0 or > AdminAccounts.MaxNameLength || password.Length is 0 or > 1000) return new(null, false, null);
        var now = time.GetUtcNow().UtcDateTime;
        var failure = await db.AdminSignInFailures.FirstOrDefaultAsync(f => f.Name == key, ct);
        if (failure?.LockedUntilUtc > now) return new(null, true, failure.LockedUntilUtc);

        var account = await accounts.VerifyAsync(name, password, ct);
        if (account is not null)
        {
            if (failure is not null) db.AdminSignInFailures.Remove(failure);
            await db.SaveChangesAsync(ct);
            log.LogInformation("Dashboard sign-in: {Name}", account);
            return new(account, false, null);
        }

        if (failure is null)
        {
            failure = new AdminSignInFailure { Name = key, FirstFailureAtUtc = now };
            db.AdminSignInFailures.Add(failure);
        }
        if (now - failure.FirstFailureAtUtc > Window || failure.LockedUntilUtc is not null)
        {
            failure.Failures = 0;
            failure.FirstFailureAtUtc = now;
            failure.LockedUntilUtc = null;
        }
        failure.Failures++;
        if (failure.Failures >= MaxFailures)
        {
            failure.LockedUntilUtc = now + Lockout;
            log.LogWarning("Dashboard sign-in for a name is locked until {Until:u} after {Failures} failed attempts", failure.LockedUntilUtc, failure.Failures);
        }
        await db.SaveChangesAsync(ct);
        return new(null, failure.LockedUntilUtc is not null, failure.LockedUntilUtc);
    }

    public async Task UnlockAsync(string name, CancellationToken ct) =>
        await db.AdminSignInFailures.Where(f => f.Name == AdminAccounts.Key(name)).ExecuteDeleteAsync(ct);
}
