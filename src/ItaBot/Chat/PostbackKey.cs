using System.Security.Cryptography;
using System.Text;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Chat;

/// <summary>
/// The key that signs postback data: <c>Chat:PostbackKey</c> when configured, otherwise a random key made
/// once and kept in <c>app_secrets</c>, so buttons sent before a restart keep working after it.
/// </summary>
public sealed class PostbackKey(IServiceScopeFactory scopes, IOptions<ChatOptions> options, TimeProvider time)
{
    public const string SecretName = "postback-key";
    readonly SemaphoreSlim _gate = new(1, 1);
    byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is not null) return _key;
        await _gate.WaitAsync(ct);
        try
        {
            return _key ??= options.Value.PostbackKey is { Length: > 0 } configured
                ? SHA256.HashData(Encoding.UTF8.GetBytes(configured))
                : Convert.FromBase64String(await StoredAsync(ct));
        }
        finally { _gate.Release(); }
    }

    async Task<string> StoredAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var existing = await db.AppSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == SecretName, ct);
        if (existing is not null) return existing.Value;
        db.AppSecrets.Add(new AppSecret { Name = SecretName, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), CreatedAtUtc = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first; everyone must use that one.
        }
        await using var again = scopes.CreateAsyncScope();
        var reread = again.ServiceProvider.GetRequiredService<ItaBotDb>();
        return (await reread.AppSecrets.AsNoTracking().FirstAsync(s => s.Name == SecretName, ct)).Value;
    }
}
