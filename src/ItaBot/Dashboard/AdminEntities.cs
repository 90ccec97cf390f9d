namespace ItaBot.Dashboard;

/// <summary>A dashboard administrator added with <c>admin add-user</c>; the password is kept only as a salted hash.</summary>
public sealed class AdminAccount
{
    public int Id { get; set; }

    /// <summary>The sign-in name, as typed when the account was added.</summary>
    public required string Name { get; set; }

    /// <summary>ASP.NET Core Identity's PBKDF2 hash (format v3: HMAC-SHA512, 100,000 iterations, 128-bit salt).</summary>
    public required string PasswordHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// Failed sign-ins per name (known or not, so a lockout tells nothing about which names exist): after too many
/// in a short time the name is locked for a while, on every instance that shares the database.
/// </summary>
public sealed class AdminSignInFailure
{
    /// <summary>The name as compared (<see cref="AdminAccounts.Key"/>).</summary>
    public required string Name { get; set; }

    public int Failures { get; set; }
    public DateTime FirstFailureAtUtc { get; set; }
    public DateTime? LockedUntilUtc { get; set; }
}
