using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tracking.Evidence;

/// <summary>An evidence file as readers list it (the report, the dashboard).</summary>
public sealed record EvidenceFileInfo(long Id, long StatusReportId, string FileName, EvidenceKind Kind, string ContentType, long Length, DateTime CreatedAtUtc);

/// <summary>Attaching evidence files to a status entry, listing them, and opening their content.</summary>
public sealed class EvidenceFiles(ItaBotDb db, IEvidenceStore store)
{
    /// <summary>
    /// Stores each file and attaches it to <paramref name="entry"/> (new or saved). The rows join the caller's
    /// unit of work, saved by its own SaveChangesAsync in its transaction; the same content twice is kept once.
    /// Returns the storage keys written, so a caller whose save then fails can <see cref="ForgetAsync"/> them.
    /// </summary>
    public async Task<List<string>> AttachAsync(
        StatusReport entry, IReadOnlyList<ReceivedFile> files, DateTime nowUtc, CancellationToken ct, string? sourceMessageId = null)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (entry.Id != 0)
            seen.UnionWith(await db.EvidenceFiles.Where(f => f.StatusReportId == entry.Id).Select(f => f.Sha256).ToListAsync(ct));
        try
        {
            foreach (var file in files)
            {
                if (!seen.Add(file.Sha256)) continue;
                await using var content = file.OpenRead();
                var key = await store.SaveAsync(content, ct);
                keys.Add(key);
                db.EvidenceFiles.Add(new EvidenceFile
                {
                    StatusReport = entry.Id == 0 ? entry : null,
                    StatusReportId = entry.Id,
                    FileName = file.FileName,
                    ContentType = file.Type.ContentType,
                    Kind = file.Type.Kind,
                    Length = file.Length,
                    Sha256 = file.Sha256,
                    StorageKey = key,
                    SourceMessageId = files.Count == 1 ? sourceMessageId : null,
                    CreatedAtUtc = nowUtc,
                });
            }
        }
        catch
        {
            await ForgetAsync(keys, CancellationToken.None);
            throw;
        }
        return keys;
    }

    /// <summary>Removes stored content whose entry was not saved after all (a no-op for rows rolled back with it).</summary>
    public async Task ForgetAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var key in keys) await store.DeleteAsync(key, ct);
    }

    /// <summary>
    /// The sender took back ("unsent") the LINE message a file came from: the file leaves its entry and its bytes are
    /// deleted, in the caller's transaction — unless a closed round's report lists it. That report is an official
    /// document the executive approved and the agency published, with a link to this file; it never changes
    /// afterwards, so the file stays (the unsend is the caller's to record). Returns what was removed and what kept.
    /// </summary>
    public async Task<(List<EvidenceFile> Removed, List<EvidenceFile> Kept)> RemoveUnsentAsync(string messageId, DateTime nowUtc, CancellationToken ct)
    {
        var removed = new List<EvidenceFile>();
        var kept = new List<EvidenceFile>();
        foreach (var file in await db.EvidenceFiles.Include(f => f.StatusReport).ThenInclude(r => r!.Measure).Where(f => f.SourceMessageId == messageId).ToListAsync(ct))
        {
            if (await InClosedReportAsync(file.StatusReport!, nowUtc, ct))
            {
                kept.Add(file);
                continue;
            }
            db.EvidenceFiles.Remove(file);
            await store.DeleteAsync(file.StorageKey, ct);
            removed.Add(file);
        }
        return (removed, kept);
    }

    /// <summary>Whether a closed round of the entry's year counts it (<see cref="RoundWindows.Counted"/>), so its report lists the entry's files.</summary>
    async Task<bool> InClosedReportAsync(StatusReport entry, DateTime nowUtc, CancellationToken ct)
    {
        var measure = entry.Measure ?? await db.Measures.AsNoTracking().FirstAsync(m => m.Id == entry.MeasureId, ct);
        var closed = await db.Rounds.AsNoTracking()
            .Where(r => r.OrganizationId == measure.OrganizationId && r.FiscalYear == measure.FiscalYear && r.State == RoundState.Closed).ToListAsync(ct);
        foreach (var round in closed)
            if (await RoundWindows.Counted(db.StatusReports.AsNoTracking(), round, RoundWindows.CutOffUtc(round, nowUtc)).AnyAsync(s => s.Id == entry.Id, ct))
                return true;
        return false;
    }

    /// <summary>The files of the given entries, oldest first.</summary>
    public async Task<List<EvidenceFileInfo>> OfEntriesAsync(IReadOnlyCollection<long> statusReportIds, CancellationToken ct) =>
        await db.EvidenceFiles.AsNoTracking()
            .Where(f => statusReportIds.Contains(f.StatusReportId))
            .OrderBy(f => f.Id)
            .Select(f => new EvidenceFileInfo(f.Id, f.StatusReportId, f.FileName, f.Kind, f.ContentType, f.Length, f.CreatedAtUtc))
            .ToListAsync(ct);

    /// <summary>A file's description and content stream (dispose it), or null; the caller decides who may see it.</summary>
    public async Task<(EvidenceFileInfo Info, Stream Content)?> OpenAsync(long fileId, CancellationToken ct)
    {
        var file = await db.EvidenceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId, ct);
        if (file is null) return null;
        var content = await store.OpenReadAsync(file.StorageKey, ct);
        if (content is null) return null;
        return (new EvidenceFileInfo(file.Id, file.StatusReportId, file.FileName, file.Kind, file.ContentType, file.Length, file.CreatedAtUtc), content);
    }
}
