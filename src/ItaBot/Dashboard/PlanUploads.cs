using System.Security.Cryptography;
using ItaBot.Import;
using Microsoft.Extensions.Caching.Memory;

namespace ItaBot.Dashboard;

/// <summary>
/// A plan uploaded for preview, kept (in memory, for half an hour, only for the account that uploaded it) until
/// the administrator saves it — so what is saved is exactly the file that was previewed.
/// </summary>
public sealed class PlanUploads(IMemoryCache cache)
{
    public const int MaxBytes = 10 * 1024 * 1024;
    static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    public sealed record Upload(string Owner, PlanFile File, string Organization, int FiscalYear);

    public string Keep(Upload upload)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        cache.Set(Key(id), upload, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = KeepFor, Size = upload.File.Content.Length });
        return id;
    }

    public Upload? Find(string? id, string owner) =>
        id is { Length: 32 } && cache.TryGetValue<Upload>(Key(id), out var upload) && upload!.Owner == owner ? upload : null;

    public void Forget(string id) => cache.Remove(Key(id));

    static string Key(string id) => "plan-upload:" + id;
}
