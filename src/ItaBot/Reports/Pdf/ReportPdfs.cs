using System.IO.Compression;
using System.Security.Cryptography;
using System.Threading.Channels;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Reports.Pdf;

public enum PdfState { Ready, Preparing, Busy, Unavailable, Failed }

/// <summary>What a request for a report's PDF gets: the file, or why not yet.</summary>
public sealed record PdfOutcome(PdfState State, byte[]? Pdf = null, string? Problem = null);

/// <summary>
/// Round report PDFs for the web: kept per round in the database until the report changes, made by one
/// background converter fed by a small bounded queue so that LibreOffice never runs on a request's thread and
/// never more than once at a time. A request waits a little (<c>Reports:Pdf:WaitSeconds</c>) for a conversion and
/// otherwise is told the file is being prepared; a full queue is told to come back.
/// </summary>
public sealed class ReportPdfs : BackgroundService
{
    readonly LibreOfficeConverter _converter;
    readonly IServiceScopeFactory _scopes;
    readonly TimeProvider _time;
    readonly IOptions<ReportsOptions> _options;
    readonly ILogger<ReportPdfs> _log;
    readonly Channel<Job> _queue;
    readonly Dictionary<(int RoundId, string Hash), Job> _pending = [];
    readonly Lock _gate = new();

    public ReportPdfs(LibreOfficeConverter converter, IServiceScopeFactory scopes, TimeProvider time, IOptions<ReportsOptions> options, ILogger<ReportPdfs> log)
    {
        (_converter, _scopes, _time, _options, _log) = (converter, scopes, time, options, log);
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(Math.Max(1, options.Value.Pdf.QueueLimit)) { SingleReader = true });
    }

    sealed record Job((int RoundId, string Hash) Key, byte[] Docx)
    {
        public TaskCompletionSource<byte[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public bool IsAvailable => _converter.IsAvailable;

    /// <summary>The PDF of <paramref name="docx"/> (the round's report as a Word file), from the cache or converted now.</summary>
    public async Task<PdfOutcome> GetAsync(int roundId, byte[] docx, CancellationToken ct)
    {
        if (!_converter.IsAvailable) return new PdfOutcome(PdfState.Unavailable, Problem: LibreOfficeConverter.InstallHint);
        var hash = Fingerprint(docx);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
            var cached = await db.ReportPdfs.AsNoTracking().Where(p => p.RoundId == roundId && p.DocxHash == hash).Select(p => p.Pdf).FirstOrDefaultAsync(ct);
            if (cached is not null) return new PdfOutcome(PdfState.Ready, cached);
        }

        Job? job;
        lock (_gate)
        {
            if (!_pending.TryGetValue((roundId, hash), out job))
            {
                job = new Job((roundId, hash), docx);
                if (!_queue.Writer.TryWrite(job)) return new PdfOutcome(PdfState.Busy);
                _pending[job.Key] = job;
            }
        }
        try
        {
            var pdf = await job.Done.Task.WaitAsync(TimeSpan.FromSeconds(Math.Max(0, _options.Value.Pdf.WaitSeconds)), _time, ct);
            return new PdfOutcome(PdfState.Ready, pdf);
        }
        catch (TimeoutException) { return new PdfOutcome(PdfState.Preparing); }
        catch (PdfConversionException e) { return new PdfOutcome(PdfState.Failed, Problem: e.Message); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    var started = _time.GetTimestamp();
                    var pdf = await _converter.ConvertAsync(job.Docx, stoppingToken);
                    var elapsed = _time.GetElapsedTime(started);
                    await StoreAsync(job.Key.RoundId, job.Key.Hash, pdf, elapsed, stoppingToken);
                    _log.LogInformation("Round {Round} PDF made in {Ms} ms ({Kb} KB)", job.Key.RoundId, (int)elapsed.TotalMilliseconds, pdf.Length / 1024);
                    job.Done.TrySetResult(pdf);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { job.Done.TrySetCanceled(stoppingToken); throw; }
                catch (Exception e)
                {
                    _log.LogWarning(e, "Round {Round} PDF not made", job.Key.RoundId);
                    job.Done.TrySetException(e is PdfConversionException ? e : new PdfConversionException(e.Message));
                }
                finally
                {
                    lock (_gate) _pending.Remove(job.Key);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    async Task StoreAsync(int roundId, string hash, byte[] pdf, TimeSpan elapsed, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var row = await db.ReportPdfs.SingleOrDefaultAsync(p => p.RoundId == roundId, ct);
        if (row is null) db.ReportPdfs.Add(row = new ReportPdf { RoundId = roundId });
        row.DocxHash = hash;
        row.Pdf = pdf;
        row.CreatedAtUtc = _time.GetUtcNow().UtcDateTime;
        row.ConversionMilliseconds = (int)elapsed.TotalMilliseconds;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException)
        {
            // Another instance stored the same round at the same moment: its copy serves as well as ours.
        }
    }

    /// <summary>
    /// SHA-256 of the Word file's document parts (word/…, names and contents in order), not of the zip, whose
    /// entries carry the time they were written, nor of the package's own parts, which the SDK names at random: the
    /// same report always has the same fingerprint.
    /// </summary>
    public static string Fingerprint(byte[] docx)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var zip = new ZipArchive(new MemoryStream(docx), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("word/", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(entry.FullName + "\n"));
            using var content = entry.Open();
            var buffer = new byte[81920];
            int read;
            while ((read = content.Read(buffer)) > 0) hash.AppendData(buffer.AsSpan(0, read));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
