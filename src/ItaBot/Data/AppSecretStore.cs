using System.Security.Cryptography;
using ItaBot.Chat;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Data;

/// <summary>Random keys the app makes for itself once and keeps in <c>app_secrets</c>, shared by every instance.</summary>
public static class AppSecretStore
{
    /// <summary>The 32-byte key stored under <paramref name="name"/>, made now if there is none yet.</summary>
    public static async Task<byte[]> GetOrCreateKeyAsync(IServiceScopeFactory scopes, string name, TimeProvider time, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var existing = await db.AppSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == name, ct);
            if (existing is not null) return Convert.FromBase64String(existing.Value);
            db.AppSecrets.Add(new AppSecret { Name = name, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAtUtc = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another instance made it first; everyone must use that one.
            }
        }
        await using var again = scopes.CreateAsyncScope();
        var reread = again.ServiceProvider.GetRequiredService<ItaBotDb>();
        return Convert.FromBase64String((await reread.AppSecrets.AsNoTracking().FirstAsync(s => s.Name == name, ct)).Value);
    }
}
