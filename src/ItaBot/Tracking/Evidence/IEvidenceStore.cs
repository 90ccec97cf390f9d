namespace ItaBot.Tracking.Evidence;

/// <summary>
/// Where evidence bytes are kept. The default keeps them in the database (<see cref="DatabaseEvidenceStore"/>),
/// inside the caller's transaction; a file system or object store can take its place by registering another
/// implementation. Content is always streamed, never asked for whole.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Stores <paramref name="content"/> (read to its end) and returns the key to open it by.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken ct);

    /// <summary>The content under <paramref name="key"/>, to be read once and disposed; null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes what <see cref="SaveAsync"/> stored, when the entry it was for was not saved after all.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}
