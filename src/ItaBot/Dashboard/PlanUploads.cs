using System.Collections.Concurrent;
using System.Security.Cryptography;
using ItaBot.Import;
using Microsoft.Extensions.Caching.Memory;

namespace ItaBot.Dashboard;

/// <summary>
/// A plan uploaded for preview, kept (in memory, for half an hour, only for the account that uploaded it) with the
/// column mapping of its latest preview until the administrator saves it — so what is saved is exactly the file
/// and the mapping that were previewed. Each account keeps one upload: a new one replaces the last, so memory is
/// bounded by the number of administrators.
/// </summary>
public sealed class PlanUploads(IMemoryCache cache)
{
    /// <summary>The import's own default file limit (<see cref="ImportLimits.MaxFileBytes"/>); the request may carry a little more.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(30);

    readonly ConcurrentDictionary<string, string> _latestByOwner = new(StringComparer.Ordinal);

    /// <param name="Mapping">The mapping of the latest preview (null: the columns as the import found them).</param>
    /// <param name="Choice">The same mapping as the page's choices, to show them again and to describe them.</param>
    /// <param name="ReadTables">Keys of the tables the latest preview read, to tell whether the person changed the choice.</param>
    /// <param name="Version">Grows with each preview; a save names the version it saw.</param>
    public sealed record Upload(
        string Owner, PlanFile File, string Organization, int FiscalYear,
        PlanMapping? Mapping = null, MappingChoice? Choice = null, IReadOnlyList<string>? ReadTables = null, int Version = 1);

    public string Keep(Upload upload)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        if (_latestByOwner.TryGetValue(upload.Owner, out var previous)) cache.Remove(Key(previous));
        _latestByOwner[upload.Owner] = id;
        Store(id, upload);
        return id;
    }

    /// <summary>The upload after another preview of it (the same file, a new mapping).</summary>
    public void Update(string id, Upload upload)
    {
        if (Find(id, upload.Owner) is not null) Store(id, upload);
    }

    public Upload? Find(string? id, string owner) =>
        id is { Length: 32 } && cache.TryGetValue<Upload>(Key(id), out var upload) && upload!.Owner == owner ? upload : null;

    public void Forget(string id, string owner)
    {
        cache.Remove(Key(id));
        _latestByOwner.TryRemove(KeyValuePair.Create(owner, id));
    }

    void Store(string id, Upload upload) =>
        cache.Set(Key(id), upload, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = KeepFor, Size = upload.File.Content.Length });

    static string Key(string id) => "plan-upload:" + id;
}
