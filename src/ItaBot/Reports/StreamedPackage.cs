using System.IO.Compression;
using System.Xml.Linq;

namespace ItaBot.Reports;

/// <summary>
/// A Word or Excel file whose one large part (the document body, the report sheet) is written straight into the
/// compressed file. The Open XML SDK opens a package it creates in update mode, which holds every part
/// uncompressed in memory until the end: a 5,000-measure round's body alone is over 100 MB. So the SDK builds the
/// small parts (styles, fonts, settings, footer, properties, content types) as a skeleton with a placeholder for
/// the large part, and this copies the skeleton into a zip written forward only, streaming the large part in its
/// place and adding the hyperlinks that part collected to its relationships.
/// </summary>
static class StreamedPackage
{
    const string HyperlinkType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";
    static readonly XNamespace Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <param name="skeleton">A complete package whose part at <paramref name="partPath"/> is a placeholder.</param>
    /// <param name="partPath">The streamed part's path in the package ("word/document.xml").</param>
    /// <param name="write">Writes the part's XML to the stream it is given.</param>
    /// <param name="hyperlinks">External links the part refers to by id, known once it is written.</param>
    public static void Write(MemoryStream skeleton, Stream output, string partPath, Action<Stream> write, Func<IReadOnlyList<(string Id, string Target)>>? hyperlinks = null)
    {
        skeleton.Position = 0;
        var slash = partPath.LastIndexOf('/');
        var relsPath = $"{partPath[..(slash + 1)]}_rels/{partPath[(slash + 1)..]}.rels";
        using var source = new ZipArchive(skeleton, ZipArchiveMode.Read, leaveOpen: true);
        using var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries)
        {
            if (entry.FullName == relsPath && hyperlinks is not null) continue;
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Fastest);
            using var to = copy.Open();
            if (entry.FullName == partPath)
            {
                using var buffered = new BufferedStream(new FlushIgnored(to), 64 * 1024);
                write(buffered);
                buffered.Flush();
                continue;
            }
            using var from = entry.Open();
            from.CopyTo(to);
        }
        if (hyperlinks is null) return;

        var existing = source.GetEntry(relsPath);
        XDocument rels;
        if (existing is null) rels = new XDocument(new XDeclaration("1.0", "utf-8", "yes"), new XElement(Relationships + "Relationships"));
        else using (var from = existing.Open()) rels = XDocument.Load(from);
        foreach (var (id, link) in hyperlinks())
            rels.Root!.Add(new XElement(Relationships + "Relationship",
                new XAttribute("Type", HyperlinkType), new XAttribute("Target", link), new XAttribute("TargetMode", "External"), new XAttribute("Id", id)));
        using var relsStream = target.CreateEntry(relsPath, CompressionLevel.Fastest).Open();
        rels.Save(relsStream);
    }

    /// <summary>
    /// The entry's stream with its Flush ignored: the part writer flushes after every element, and each flush of a
    /// compressing stream ends a deflate block (ten times slower, and a larger file). The entry is complete when closed.
    /// </summary>
    sealed class FlushIgnored(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
