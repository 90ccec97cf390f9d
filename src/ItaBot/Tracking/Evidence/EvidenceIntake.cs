using System.Security.Cryptography;

namespace ItaBot.Tracking.Evidence;

/// <summary>
/// A file that passed intake: its type found from its bytes, image and video metadata removed, held in a temporary file
/// until it is stored (or dropped). Dispose deletes the temporary file.
/// </summary>
public sealed class ReceivedFile : IAsyncDisposable
{
    readonly FileStream _content;

    internal ReceivedFile(string fileName, EvidenceType type, FileStream content, string sha256)
    {
        FileName = fileName;
        Type = type;
        _content = content;
        Sha256 = sha256;
    }

    public string FileName { get; }
    public EvidenceType Type { get; }
    public long Length => _content.Length;
    public string Sha256 { get; }

    /// <summary>The cleaned bytes from the start (one reader at a time).</summary>
    public Stream OpenRead()
    {
        _content.Position = 0;
        return new NonClosingStream(_content);
    }

    public ValueTask DisposeAsync() => _content.DisposeAsync();

    sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => inner.ReadAsync(buffer, ct);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => inner.ReadAsync(buffer, offset, count, ct);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>A file accepted as evidence, or the Thai reason it was not (naming the file).</summary>
public sealed record IntakeResult(ReceivedFile? File, string? Refusal);

/// <summary>
/// Takes in one evidence file from anywhere (a form upload, a LINE content download): copies at most
/// <see cref="EvidenceLimits.MaxFileBytes"/> into a temporary file, stopping as soon as it is over; tells its
/// type from its content; strips image metadata (<see cref="ImageMetadata"/>). Nothing is stored here.
/// </summary>
public static class EvidenceIntake
{
    /// <param name="maxBytes">
    /// Read at most this much (the refusal names it); videos may be up to <see cref="EvidenceLimits.MaxVideoBytes"/>
    /// when the caller allows that much, every other type stays within <see cref="EvidenceLimits.MaxFileBytes"/>.
    /// </param>
    public static async Task<IntakeResult> AcceptAsync(Stream content, string? fileName, CancellationToken ct, long maxBytes = EvidenceLimits.MaxFileBytes)
    {
        var name = EvidenceNames.Clean(fileName);
        var received = NewTempFile();
        try
        {
            var buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += n;
                if (total > maxBytes)
                {
                    await received.DisposeAsync();
                    return new IntakeResult(null, maxBytes > EvidenceLimits.MaxFileBytes ? EvidenceLimits.VideoTooLarge(name) : EvidenceLimits.TooLarge(name));
                }
                await received.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            await received.FlushAsync(ct);

            var (type, refusal) = EvidenceTypes.Detect(received);
            if (type is null)
            {
                await received.DisposeAsync();
                return new IntakeResult(null, $"ไฟล์ \"{name}\" {refusal}");
            }
            if (type.Kind != EvidenceKind.Video && total > EvidenceLimits.MaxFileBytes)
            {
                await received.DisposeAsync();
                return new IntakeResult(null, EvidenceLimits.TooLarge(name));
            }

            var kept = received;
            if (type.Kind is EvidenceKind.Image or EvidenceKind.Video)
            {
                kept = NewTempFile();
                try
                {
                    if (type.Kind == EvidenceKind.Image) ImageMetadata.Strip(type, received, kept);
                    else VideoMetadata.Strip(received, kept, ct);
                }
                catch (Exception e) when (e is ImageMetadata.DamagedImageException or VideoMetadata.DamagedVideoException or EndOfStreamException or IOException)
                {
                    await kept.DisposeAsync();
                    await received.DisposeAsync();
                    return new IntakeResult(null, type.Kind == EvidenceKind.Image
                        ? $"ไฟล์ \"{name}\" เป็นรูปภาพที่เสียหาย เปิดดูไม่ได้ กรุณาแนบไฟล์ใหม่"
                        : DamagedVideo(name));
                }
                await received.DisposeAsync();
            }

            kept.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(kept, ct));
            return new IntakeResult(new ReceivedFile(EvidenceNames.WithExtension(name, type), type, kept, sha), null);
        }
        catch
        {
            await received.DisposeAsync();
            throw;
        }
    }

    /// <summary>A video whose structure does not parse is never stored: where it was shot could not be removed with certainty.</summary>
    public static string DamagedVideo(string name) =>
        $"ไฟล์ \"{name}\" เป็นวิดีโอที่อ่านโครงสร้างไม่ได้ จึงลบข้อมูลตำแหน่งที่ถ่ายออกไม่ได้ และไม่ได้เก็บไว้ กรุณาส่งใหม่ หรืออัปโหลดไว้ที่เว็บไซต์หน่วยงานหรือ YouTube แล้ววางลิงก์แทน";

    static FileStream NewTempFile() => new(
        Path.Combine(Path.GetTempPath(), $"itabot-evidence-{Guid.NewGuid():N}.tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

/// <summary>File names as people see them in the report and when downloading.</summary>
public static class EvidenceNames
{
    public const int MaxLength = 120;

    /// <summary>The name without any folder part or hidden characters, at most <see cref="MaxLength"/> characters (extension kept).</summary>
    public static string Clean(string? fileName)
    {
        var name = fileName ?? "";
        var slash = name.LastIndexOfAny(['/', '\\']);
        if (slash >= 0) name = name[(slash + 1)..];
        name = EntryText.Keep(name.Replace('\n', ' '), int.MaxValue).Text ?? "";
        name = string.Concat(name.Select(c => c is '"' or '<' or '>' or '|' or ':' or '*' or '?' ? '_' : c));
        if (name.Length == 0 || name.Trim('.').Length == 0) name = "ไฟล์แนบ";
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            if (extension.Length > 10) extension = "";
            name = Line.TextCut.Fit(name[..^extension.Length], MaxLength - extension.Length, "…") + extension;
        }
        return name;
    }

    /// <summary>Adds the type's extension when the name has none of its own (a JPEG sent as "photo.pdf" downloads as "photo.pdf.jpg").</summary>
    public static string WithExtension(string name, EvidenceType type) =>
        type.Extensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ? name : name + type.Extension;
}
