using ItaBot.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Dashboard;

/// <summary>One configured account: <c>Admin__Users__0__Name</c> and <c>Admin__Users__0__PasswordHash</c> (from <c>admin add-user</c>).</summary>
public sealed class AdminUser
{
    public string? Name { get; set; }
    public string? PasswordHash { get; set; }
}

/// <summary>Dashboard accounts from configuration (<c>Admin__Users__N__…</c>); the section is shared with chat's <c>Admin__LineUserIds</c>.</summary>
public sealed class AdminUsersOptions
{
    public const string Section = "Admin";
    public List<AdminUser> Users { get; set; } = [];
}

/// <summary>
/// The dashboard's administrators: accounts in configuration and accounts added with <c>admin add-user</c> (kept
/// in the database). Passwords are hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>
/// (PBKDF2, salted); nothing ever stores or logs one in clear.
/// </summary>
public sealed class AdminAccounts(ItaBotDb db, IOptionsMonitor<AdminUsersOptions> configured, TimeProvider time)
{
    public const int MinPasswordLength = 10;
    public const int MaxNameLength = 100;

    static readonly PasswordHasher<AdminAccount> Hasher = new();

    /// <summary>The name as compared: trimmed, case-insensitive.</summary>
    public static string Key(string name) => name.Trim().ToLowerInvariant();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>A hash of nothing anybody knows, verified when the name is unknown so that answers take as long either way.</summary>
    static readonly string Decoy = Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    /// <summary>The account's display name when the password is right; null otherwise.</summary>
    public async Task<string?> VerifyAsync(string name, string password, CancellationToken ct)
    {
        var key = Key(name);
        var (accountName, hash) = await FindAsync(key, ct);
        var result = Hasher.VerifyHashedPassword(null!, hash ?? Decoy, password);
        if (accountName is null || result == PasswordVerificationResult.Failed) return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var stored = await db.AdminAccounts.FirstOrDefaultAsync(a => a.Name == accountName, ct);
            if (stored is not null)
            {
                stored.PasswordHash = Hash(password);
                stored.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
            }
        }
        return accountName;
    }

    async Task<(string? Name, string? Hash)> FindAsync(string key, CancellationToken ct)
    {
        foreach (var user in configured.CurrentValue.Users)
            if (user.Name is { Length: > 0 } name && user.PasswordHash is { Length: > 0 } hash && Key(name) == key) return (name.Trim(), hash);
        var accounts = await db.AdminAccounts.AsNoTracking().ToListAsync(ct);
        var account = accounts.FirstOrDefault(a => Key(a.Name) == key);
        return (account?.Name, account?.PasswordHash);
    }

    public bool AnyConfigured => configured.CurrentValue.Users.Any(u => u.Name is { Length: > 0 } && u.PasswordHash is { Length: > 0 });

    public async Task<bool> AnyAsync(CancellationToken ct) => AnyConfigured || await db.AdminAccounts.AnyAsync(ct);

    /// <summary>Adds the account, or sets a new password for it. Returns a problem in Thai and English, or null.</summary>
    public async Task<string?> AddOrUpdateAsync(string name, string password, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
            return $"ชื่อผู้ใช้ต้องยาว ๑–{MaxNameLength} ตัวอักษร (user name must be 1–{MaxNameLength} characters)";
        if (password.Length < MinPasswordLength)
            return $"รหัสผ่านต้องยาวอย่างน้อย {MinPasswordLength} ตัวอักษร (password must be at least {MinPasswordLength} characters)";
        var now = time.GetUtcNow().UtcDateTime;
        var accounts = await db.AdminAccounts.ToListAsync(ct);
        var account = accounts.FirstOrDefault(a => Key(a.Name) == Key(name));
        if (account is null) db.AdminAccounts.Add(new AdminAccount { Name = name, PasswordHash = Hash(password), CreatedAtUtc = now, UpdatedAtUtc = now });
        else
        {
            account.PasswordHash = Hash(password);
            account.UpdatedAtUtc = now;
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken ct)
    {
        var accounts = await db.AdminAccounts.ToListAsync(ct);
        var account = accounts.FirstOrDefault(a => Key(a.Name) == Key(name));
        if (account is null) return false;
        db.AdminAccounts.Remove(account);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<List<string>> NamesAsync(CancellationToken ct) =>
        configured.CurrentValue.Users.Select(u => u.Name).OfType<string>().Select(n => n.Trim() + " (configuration)")
            .Concat(await db.AdminAccounts.AsNoTracking().OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct)).ToList();
}
