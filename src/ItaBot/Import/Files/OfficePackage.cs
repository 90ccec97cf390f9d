using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace ItaBot.Import.Files;

/// <summary>
/// A DOCX/XLSX package (a zip of XML parts) read with limits: the number of entries is checked on opening,
/// each part is counted byte by byte while it is inflated (a zip's declared sizes can lie), XML has no DTDs
/// (no entity expansion) and a bounded depth. Only the parts asked for are ever inflated.
/// </summary>
public sealed class OfficePackage : IDisposable
{
    const string RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";

    readonly ZipArchive _zip;
    readonly Dictionary<string, ZipArchiveEntry> _entries;

    public ImportLimits Limits { get; }

    OfficePackage(ZipArchive zip, Dictionary<string, ZipArchiveEntry> entries, ImportLimits limits) =>
        (_zip, _entries, Limits) = (zip, entries, limits);

    /// <summary>Opens the package; <see cref="InvalidDataException"/> when it is not a zip at all.</summary>
    public static OfficePackage Open(byte[] content, ImportLimits limits)
    {
        // The count the zip declares, read before the zip library makes an object per entry.
        if (DeclaredEntries(content) is { } declared && declared > limits.MaxZipEntries) throw TooManyEntries(declared, limits);
        var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        try
        {
            if (zip.Entries.Count > limits.MaxZipEntries) throw TooManyEntries(zip.Entries.Count, limits);
            // Office treats part names without regard to case.
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries) entries.TryAdd(entry.FullName.TrimStart('/'), entry);
            return new OfficePackage(zip, entries, limits);
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    static ImportLimitExceeded TooManyEntries(long count, ImportLimits limits) =>
        new($"ไฟล์มีส่วนประกอบ {ImportLimits.Count(count)} ส่วน เกินที่รับได้ ({ImportLimits.Count(limits.MaxZipEntries)} ส่วน) จึงไม่ได้อ่าน (too many parts in the package)");

    /// <summary>Total entries from the zip's end-of-central-directory record; null when it is not found or says "see zip64".</summary>
    static int? DeclaredEntries(byte[] content)
    {
        // The record is 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
        for (var at = content.Length - 22; at >= Math.Max(0, content.Length - 22 - 65_535); at--)
        {
            if (content[at] != 0x50 || content[at + 1] != 0x4B || content[at + 2] != 0x05 || content[at + 3] != 0x06) continue;
            var total = content[at + 10] | content[at + 11] << 8;
            if (total != 0xFFFF) return total;
            // Over 65,535 entries: the count is in the zip64 record, which the locator just before this one points to.
            var locator = at - 20;
            if (locator < 0 || BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(locator)) != 0x07064B50) return null;
            var record = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan(locator + 8));
            if (record < 0 || record > content.Length - 56 || BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan((int)record)) != 0x06064B50) return null;
            var entries = BinaryPrimitives.ReadInt64LittleEndian(content.AsSpan((int)record + 32));
            return entries > int.MaxValue ? int.MaxValue : (int)Math.Max(0, entries);
        }
        return null;
    }

    public bool Has(string part) => _entries.ContainsKey(part.TrimStart('/'));

    /// <summary>An XML part for reading, or null when the package has no such part.</summary>
    public LimitedXml? OpenXml(string part)
    {
        if (!_entries.TryGetValue(part.TrimStart('/'), out var entry)) return null;
        if (entry.Length > Limits.MaxPartBytes) throw PartTooLarge(part);
        var stream = new CountingStream(entry.Open(), Limits.MaxPartBytes, () => PartTooLarge(part));
        return new LimitedXml(XmlReader.Create(stream, LimitedXml.Settings), Limits.MaxXmlDepth, part);
    }

    ImportLimitExceeded PartTooLarge(string part) =>
        new($"เนื้อหาของไฟล์ (ส่วน {part}) ใหญ่เกิน {ImportLimits.Megabytes(Limits.MaxPartBytes)} เมื่อคลายการบีบอัด จึงไม่ได้อ่าน: ไฟล์อาจเสีย หรือถูกทำให้ใหญ่ผิดปกติ (part larger than {Limits.MaxPartBytes / (1024 * 1024)} MB uncompressed)");

    /// <summary>Relationship id → target part path of a part ("" for the package itself), targets made absolute.</summary>
    public Dictionary<string, (string Type, string Target)> Relationships(string part)
    {
        var folder = part.Contains('/') ? part[..part.LastIndexOf('/')] : "";
        var name = part.Contains('/') ? part[(part.LastIndexOf('/') + 1)..] : part;
        var relsPath = part.Length == 0 ? "_rels/.rels" : (folder.Length > 0 ? folder + "/" : "") + "_rels/" + name + ".rels";
        var result = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using var xml = OpenXml(relsPath);
        if (xml is null) return result;
        while (xml.Read())
        {
            if (xml.Reader.NodeType != XmlNodeType.Element || xml.Reader.LocalName != "Relationship" || xml.Reader.NamespaceURI != RelationshipsNamespace) continue;
            if (xml.Reader.GetAttribute("TargetMode") == "External") continue;
            var id = xml.Reader.GetAttribute("Id");
            var type = xml.Reader.GetAttribute("Type") ?? "";
            var target = xml.Reader.GetAttribute("Target");
            if (id is null || target is null) continue;
            result[id] = (type, Resolve(folder, target));
        }
        return result;
    }

    /// <summary>The target of the first relationship of a part whose type ends with <paramref name="typeSuffix"/>.</summary>
    public string? RelatedPart(string part, string typeSuffix) =>
        Relationships(part).Values.FirstOrDefault(r => r.Type.EndsWith(typeSuffix, StringComparison.OrdinalIgnoreCase)).Target;

    static string Resolve(string folder, string target)
    {
        if (target.StartsWith('/')) return target.TrimStart('/');
        var parts = (folder.Length > 0 ? folder + "/" + target : target).Split('/');
        var stack = new List<string>();
        foreach (var piece in parts)
        {
            if (piece is "" or ".") continue;
            if (piece == "..") { if (stack.Count > 0) stack.RemoveAt(stack.Count - 1); continue; }
            stack.Add(piece);
        }
        return string.Join('/', stack);
    }

    public void Dispose() => _zip.Dispose();
}

/// <summary>An XmlReader that refuses too deep nesting; DTDs are refused by its settings.</summary>
public sealed class LimitedXml(XmlReader reader, int maxDepth, string part) : IDisposable
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = true,
        MaxCharactersFromEntities = 1024,
    };

    public XmlReader Reader { get; } = reader;

    public bool Read()
    {
        if (!Reader.Read()) return false;
        if (Reader.Depth > maxDepth)
            throw new ImportLimitExceeded(
                $"เนื้อหาของไฟล์ (ส่วน {part}) ซ้อนกันลึกเกิน {ImportLimits.Count(maxDepth)} ชั้น จึงไม่ได้อ่าน (XML nested deeper than {maxDepth})");
        return true;
    }

    /// <summary>Skips the current element and everything in it.</summary>
    public void Skip()
    {
        if (Reader.NodeType != XmlNodeType.Element || Reader.IsEmptyElement) return;
        var depth = Reader.Depth;
        while (Read() && !(Reader.NodeType == XmlNodeType.EndElement && Reader.Depth == depth)) { }
    }

    public void Dispose() => Reader.Dispose();
}

/// <summary>Counts what is read through it and stops at a limit (the inflated size of a zip entry).</summary>
sealed class CountingStream(Stream inner, long limit, Func<Exception> tooLarge) : Stream
{
    long _read;

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    int Count(int n)
    {
        _read += n;
        if (_read > limit) throw tooLarge();
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
