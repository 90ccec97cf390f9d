using System.Buffers.Binary;
using System.Text;

namespace ItaBot.Tracking.Evidence;

/// <summary>
/// Removes what an MP4/MOV/3GP video says besides its picture and sound: the <c>udta</c> boxes (©xyz position,
/// camera make and model, software), <c>meta</c> boxes (QuickTime keys such as
/// <c>com.apple.quicktime.location.ISO6709</c>), <c>uuid</c> boxes (XMP, makers' GPS), unknown top-level boxes,
/// tracks other than picture and sound (timed GPS or sensor data: the track is removed and its samples zeroed),
/// and the creation times in the movie, track and media headers.
/// <para>
/// Nothing moves: a removed box becomes a <c>free</c> box of the same size, so the chunk offsets (<c>stco</c>,
/// <c>co64</c>) of the picture and sound stay valid. Two passes over a seekable file: <see cref="Plan"/> reads
/// only box headers and the small boxes it must look into; the copy then streams the file once, patching. The
/// result is planned again and must need nothing more, or it is refused: a file that does not parse is never
/// passed on.
/// </para>
/// </summary>
public static class VideoMetadata
{
    public sealed class DamagedVideoException(string message) : Exception(message);

    /// <summary>Boxes inside boxes: phone videos nest 6 deep (moov/trak/mdia/minf/stbl/stsd).</summary>
    public const int MaxDepth = 16;
    public const int MaxBoxes = 100_000;
    /// <summary>Sample tables read into memory for tracks being removed (a GPS track of an hour is well under 1 MB).</summary>
    public const long MaxTableBytes = 16L * 1024 * 1024;

    static readonly HashSet<string> TopLevelKept = ["ftyp", "styp", "moov", "mdat", "free", "skip", "wide", "moof", "mfra", "sidx", "ssix", "pdin", "prft"];
    static readonly HashSet<string> Removed = ["udta", "meta", "uuid", "XMP_"];
    /// <summary>Boxes looked into for metadata inside a track (sample descriptions are left whole).</summary>
    static readonly HashSet<string> TrackContainers = ["mdia", "minf", "stbl", "dinf", "edts"];
    static readonly HashSet<string> Padding = ["free", "skip", "wide"];

    /// <summary>
    /// What picture and sound need, per container; anything else there (a maker's own box) is removed too, since
    /// nobody can say what it holds.
    /// </summary>
    static readonly Dictionary<string, HashSet<string>> Known = new()
    {
        ["moov"] = ["mvhd", "trak", "mvex", "iods", "prfl", "clip", "ctab", "pssh", "ipmc", "free", "skip", "wide"],
        ["trak"] = ["tkhd", "tref", "edts", "mdia", "trgr", "load", "imap", "matt", "kmat", "clip", "txas", "tapt", "free", "skip", "wide"],
        ["mdia"] = ["mdhd", "hdlr", "minf", "elng", "free", "skip"],
        ["minf"] = ["vmhd", "smhd", "hmhd", "nmhd", "sthd", "gmhd", "dinf", "stbl", "hdlr", "free", "skip"],
        ["stbl"] = ["stsd", "stts", "ctts", "cslg", "stsc", "stsz", "stz2", "stco", "co64", "stss", "stps", "sdtp", "sbgp", "sgpd", "subs", "saiz", "saio", "stsh", "padb", "free", "skip"],
        ["dinf"] = ["dref", "free", "skip"],
        ["edts"] = ["elst", "free", "skip"],
    };

    static bool Unwanted(string parent, string type) => Removed.Contains(type) || Known.TryGetValue(parent, out var known) && !known.Contains(type);
    static readonly HashSet<string> FragmentContainers = ["moof", "traf", "mvex", "mfra"];
    static readonly HashSet<string> KeptHandlers = ["vide", "soun"];

    /// <summary>Copies <paramref name="input"/> (seekable) to <paramref name="output"/> (seekable, empty) without metadata.</summary>
    /// <exception cref="DamagedVideoException">The file does not parse, or could not be cleaned with certainty.</exception>
    public static void Strip(Stream input, Stream output, CancellationToken ct = default)
    {
        var plan = Plan(input, ct);
        Apply(input, output, plan, ct);
        output.Flush();
        var again = Plan(output, ct);
        if (again.Count > 0) throw new DamagedVideoException($"still {again.Count} pieces of metadata after cleaning");
        output.Position = output.Length;
    }

    /// <summary>What would be overwritten: sorted, not overlapping. Empty when the file carries nothing to remove.</summary>
    public static IReadOnlyList<Edit> Plan(Stream input, CancellationToken ct = default)
    {
        var walker = new Walker(input, ct);
        walker.Run();
        return Normalize(walker.Edits);
    }

    public enum EditKind { Free, Zero }

    /// <summary>
    /// <see cref="EditKind.Free"/>: the box at <see cref="Offset"/> becomes a free box of <see cref="Length"/> bytes (a
    /// 16-byte header when <see cref="LargeHeader"/>); <see cref="EditKind.Zero"/>: the bytes are zeroed.
    /// </summary>
    public readonly record struct Edit(long Offset, long Length, EditKind Kind, bool LargeHeader = false, string What = "")
    {
        public long End => Offset + Length;
    }

    readonly record struct Box(string Type, long Start, long Size, int HeaderSize)
    {
        public long End => Start + Size;
        public long PayloadStart => Start + HeaderSize;
        public long PayloadSize => Size - HeaderSize;
    }

    /// <summary>A track's sample tables, read only when the track is removed (its samples are zeroed in mdat).</summary>
    sealed class Track
    {
        public required Box Box;
        public string? Handler;
        public List<Edit> Inner { get; } = [];
        public Box? Stsc, Stsz, Stco;
        public bool Co64;
        public bool CompactSizes;
    }

    sealed class Walker(Stream s, CancellationToken ct)
    {
        public List<Edit> Edits { get; } = [];
        readonly List<(long Start, long End)> _mdat = [];
        readonly List<Track> _removedTracks = [];
        readonly byte[] _header = new byte[32];
        int _boxes;
        long _tableBytes;
        bool _fragmented;
        int _movies;

        public void Run()
        {
            var length = s.Length;
            if (length < 8) throw new DamagedVideoException("too short");
            var first = ReadBox(0, length, topLevel: true);
            if (first.Type is not ("ftyp" or "wide" or "free" or "skip" or "mdat" or "moov"))
                throw new DamagedVideoException("not an ISO-BMFF file");
            for (var at = 0L; at < length;)
            {
                var box = ReadBox(at, length, topLevel: true);
                switch (box.Type)
                {
                    case "moov":
                        _movies++;
                        Movie(box);
                        break;
                    case "mdat":
                        _mdat.Add((box.PayloadStart, box.End));
                        break;
                    case "moof" or "mfra":
                        _fragmented = true;
                        Generic(box, 1, FragmentContainers);
                        break;
                    default:
                        if (!TopLevelKept.Contains(box.Type)) Edits.Add(FreeOf(box, "top-level " + Printable(box.Type)));
                        else if (Padding.Contains(box.Type)) Edits.AddRange(Blank(box));
                        break;
                }
                at = box.End;
            }
            if (_movies != 1) throw new DamagedVideoException(_movies == 0 ? "no movie box" : "several movie boxes");
            foreach (var track in _removedTracks) ZeroSamples(track);
        }

        void Movie(Box moov)
        {
            var mvhd = 0;
            foreach (var box in Children(moov, 1))
            {
                if (Unwanted("moov", box.Type)) Edits.Add(FreeOf(box, "moov/" + Printable(box.Type)));
                else if (Padding.Contains(box.Type)) Edits.AddRange(Blank(box));
                else if (box.Type == "mvhd" && ++mvhd > 1) throw new DamagedVideoException("several movie headers");
                else if (box.Type == "mvhd") Times(box, "mvhd");
                else if (box.Type == "trak") TrackBox(box);
                else if (box.Type == "mvex") { _fragmented = true; Generic(box, 2, FragmentContainers); }
            }
        }

        void TrackBox(Box trak)
        {
            var track = new Track { Box = trak };
            foreach (var box in Children(trak, 2))
            {
                if (Unwanted("trak", box.Type)) track.Inner.Add(FreeOf(box, "trak/" + Printable(box.Type)));
                else if (Padding.Contains(box.Type)) track.Inner.AddRange(Blank(box));
                else if (box.Type == "tkhd") track.Inner.AddRange(TimeEdits(box, "tkhd"));
                else if (TrackContainers.Contains(box.Type)) TrackPart(box, 3, track);
            }
            if (track.Handler is null) throw new DamagedVideoException("a track without a handler");
            if (KeptHandlers.Contains(track.Handler))
            {
                Edits.AddRange(track.Inner);
                return;
            }
            // GPS, sensor, timecode or text tracks: the whole track goes, and its samples are zeroed where they lie.
            Edits.Add(FreeOf(trak, $"{Printable(track.Handler)} track"));
            _removedTracks.Add(track);
        }

        void TrackPart(Box parent, int depth, Track track)
        {
            foreach (var box in Children(parent, depth))
            {
                if (Unwanted(parent.Type, box.Type)) track.Inner.Add(FreeOf(box, Printable(parent.Type) + "/" + Printable(box.Type)));
                else if (Padding.Contains(box.Type)) track.Inner.AddRange(Blank(box));
                else if (box.Type == "mdhd") track.Inner.AddRange(TimeEdits(box, "mdhd"));
                else if (box.Type == "hdlr" && parent.Type == "mdia" && track.Handler is not null) throw new DamagedVideoException("a track with several handlers");
                else if (box.Type == "hdlr" && parent.Type == "mdia") track.Handler = Handler(box);
                else if (box.Type == "stsc") track.Stsc = box;
                else if (box.Type is "stsz" or "stz2") { track.Stsz = box; track.CompactSizes = box.Type == "stz2"; }
                else if (box.Type is "stco" or "co64") { track.Stco = box; track.Co64 = box.Type == "co64"; }
                else if (TrackContainers.Contains(box.Type)) TrackPart(box, depth + 1, track);
            }
        }

        /// <summary>Fragments and movie extensions: only metadata boxes are looked for.</summary>
        void Generic(Box parent, int depth, HashSet<string> containers)
        {
            foreach (var box in Children(parent, depth))
            {
                if (Removed.Contains(box.Type)) Edits.Add(FreeOf(box, Printable(parent.Type) + "/" + Printable(box.Type)));
                else if (containers.Contains(box.Type)) Generic(box, depth + 1, containers);
            }
        }

        List<Box> Children(Box parent, int depth)
        {
            if (depth > MaxDepth) throw new DamagedVideoException("boxes nested too deep");
            var children = new List<Box>();
            for (var at = parent.PayloadStart; at < parent.End;)
            {
                var box = ReadBox(at, parent.End, topLevel: false);
                children.Add(box);
                at = box.End;
            }
            return children;
        }

        Box ReadBox(long at, long end, bool topLevel)
        {
            ct.ThrowIfCancellationRequested();
            if (++_boxes > MaxBoxes) throw new DamagedVideoException("too many boxes");
            if (end - at < 8) throw new DamagedVideoException($"a box header cut short at {at}");
            ReadAt(at, _header.AsSpan(0, 8));
            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(_header);
            var type = Encoding.Latin1.GetString(_header, 4, 4);
            var header = 8;
            if (size == 1)
            {
                if (end - at < 16) throw new DamagedVideoException($"a 64-bit box size cut short at {at}");
                ReadAt(at + 8, _header.AsSpan(8, 8));
                var large = BinaryPrimitives.ReadUInt64BigEndian(_header.AsSpan(8));
                if (large > long.MaxValue) throw new DamagedVideoException($"box size beyond any file at {at}");
                size = (long)large;
                header = 16;
            }
            else if (size == 0)
            {
                // "To the end of the file": only for the last top-level box.
                if (!topLevel) throw new DamagedVideoException($"a box of size 0 inside another at {at}");
                size = end - at;
            }
            if (type == "uuid") header += 16;
            if (size < header) throw new DamagedVideoException($"box '{Printable(type)}' smaller than its header at {at}");
            if (size > end - at) throw new DamagedVideoException($"box '{Printable(type)}' at {at} runs past its parent or the file");
            return new Box(type, at, size, header);
        }

        void ReadAt(long at, Span<byte> into)
        {
            s.Position = at;
            if (s.ReadAtLeast(into, into.Length, throwOnEndOfStream: false) < into.Length) throw new DamagedVideoException("file cut short");
        }

        byte[] Payload(Box box, long max)
        {
            if (box.PayloadSize > max) throw new DamagedVideoException($"box '{Printable(box.Type)}' too large");
            _tableBytes += box.PayloadSize;
            if (_tableBytes > MaxTableBytes) throw new DamagedVideoException("sample tables too large");
            var bytes = new byte[box.PayloadSize];
            ReadAt(box.PayloadStart, bytes);
            return bytes;
        }

        string Handler(Box hdlr)
        {
            // version/flags (4), pre_defined or QuickTime component type (4), handler type (4).
            if (hdlr.PayloadSize < 12) throw new DamagedVideoException("handler box too short");
            Span<byte> bytes = stackalloc byte[12];
            ReadAt(hdlr.PayloadStart, bytes);
            return Encoding.Latin1.GetString(bytes[8..12]);
        }

        /// <summary>Padding is kept, but what a writer left in it is zeroed (it is read to know, in pieces).</summary>
        IEnumerable<Edit> Blank(Box box)
        {
            var piece = new byte[64 * 1024];
            for (var at = box.PayloadStart; at < box.End;)
            {
                ct.ThrowIfCancellationRequested();
                var n = (int)Math.Min(piece.Length, box.End - at);
                ReadAt(at, piece.AsSpan(0, n));
                if (piece.AsSpan(0, n).ContainsAnyExcept((byte)0)) return [new Edit(box.PayloadStart, box.PayloadSize, EditKind.Zero, What: "padding")];
                at += n;
            }
            return [];
        }

        void Times(Box box, string what) => Edits.AddRange(TimeEdits(box, what));

        /// <summary>The creation and modification times of mvhd/tkhd/mdhd (when it was shot), zeroed unless zero already.</summary>
        IEnumerable<Edit> TimeEdits(Box box, string what)
        {
            if (box.PayloadSize < 4) throw new DamagedVideoException($"{what} too short");
            Span<byte> head = stackalloc byte[4];
            ReadAt(box.PayloadStart, head);
            var width = head[0] == 1 ? 16 : 8;
            if (box.PayloadSize < 4 + width) throw new DamagedVideoException($"{what} too short");
            var times = new byte[width];
            ReadAt(box.PayloadStart + 4, times);
            return times.Any(b => b != 0) ? [new Edit(box.PayloadStart + 4, width, EditKind.Zero, What: what + " times")] : [];
        }

        void ZeroSamples(Track track)
        {
            // Samples in movie fragments are not followed here: such a file is refused rather than half cleaned.
            if (_fragmented) throw new DamagedVideoException("a metadata track in a fragmented file");
            if (track.Stco is not { } stco || track.Stsc is not { } stsc || track.Stsz is not { } stsz)
                throw new DamagedVideoException("a metadata track without its sample table");
            if (track.CompactSizes) throw new DamagedVideoException("compact sample sizes in a metadata track");
            var offsets = Table(stco, track.Co64 ? 8 : 4);
            var chunks = offsets.Length / (track.Co64 ? 8 : 4);
            var sizes = Payload(stsz, MaxTableBytes);
            if (sizes.Length < 12) throw new DamagedVideoException("stsz too short");
            var uniform = BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(4));
            var samples = BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(8));
            if (uniform == 0 && samples > (sizes.Length - 12) / 4) throw new DamagedVideoException("stsz counts more samples than it holds");
            var runs = Table(stsc, 12);

            var sample = 0L;
            for (var chunk = 0; chunk < chunks && sample < samples; chunk++)
            {
                ct.ThrowIfCancellationRequested();
                var perChunk = SamplesPerChunk(runs, chunk + 1);
                var offset = track.Co64 ? (long)BinaryPrimitives.ReadUInt64BigEndian(offsets.AsSpan(chunk * 8)) : BinaryPrimitives.ReadUInt32BigEndian(offsets.AsSpan(chunk * 4));
                if (offset < 0) throw new DamagedVideoException("chunk offset beyond any file");
                long length = 0;
                for (var i = 0L; i < perChunk && sample < samples; i++, sample++)
                    length += uniform != 0 ? uniform : BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(12 + (int)sample * 4));
                if (length == 0) continue;
                if (!_mdat.Any(m => offset >= m.Start && offset + length <= m.End))
                    throw new DamagedVideoException("metadata samples outside the media data");
                Edits.Add(new Edit(offset, length, EditKind.Zero, What: $"{Printable(track.Handler!)} samples"));
            }
        }

        /// <summary>A full box's entries after version/flags and the entry count, each <paramref name="entry"/> bytes.</summary>
        byte[] Table(Box box, int entry)
        {
            var bytes = Payload(box, MaxTableBytes);
            if (bytes.Length < 8) throw new DamagedVideoException($"{Printable(box.Type)} too short");
            var count = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4));
            if (count > (bytes.Length - 8) / entry) throw new DamagedVideoException($"{Printable(box.Type)} counts more entries than it holds");
            return bytes.AsSpan(8, (int)count * entry).ToArray();
        }

        static long SamplesPerChunk(byte[] runs, long chunk)
        {
            long perChunk = 0;
            for (var i = 0; i + 12 <= runs.Length; i += 12)
            {
                var first = BinaryPrimitives.ReadUInt32BigEndian(runs.AsSpan(i));
                if (first > chunk) break;
                perChunk = BinaryPrimitives.ReadUInt32BigEndian(runs.AsSpan(i + 4));
            }
            return perChunk;
        }

        static Edit FreeOf(Box box, string what) => new(box.Start, box.Size, EditKind.Free, box.HeaderSize - (box.Type == "uuid" ? 16 : 0) == 16, what);
    }

    /// <summary>Sorted; edits inside a freed box dropped; overlapping zeroed ranges merged; a zeroed range crossing a freed box refused.</summary>
    static List<Edit> Normalize(List<Edit> edits)
    {
        var sorted = edits.OrderBy(e => e.Offset).ThenByDescending(e => e.Length).ToList();
        var result = new List<Edit>();
        foreach (var edit in sorted)
        {
            if (result.Count > 0 && edit.Offset < result[^1].End)
            {
                var last = result[^1];
                if (last.Kind == EditKind.Free && edit.End <= last.End) continue;
                if (last.Kind == EditKind.Zero && edit.Kind == EditKind.Zero)
                {
                    result[^1] = last with { Length = Math.Max(last.End, edit.End) - last.Offset };
                    continue;
                }
                throw new DamagedVideoException("overlapping boxes");
            }
            result.Add(edit);
        }
        return result;
    }

    static void Apply(Stream input, Stream output, IReadOnlyList<Edit> edits, CancellationToken ct)
    {
        var buffer = new byte[1024 * 1024];
        var zeros = new byte[64 * 1024];
        input.Position = 0;
        output.Position = 0;
        output.SetLength(0);
        var at = 0L;
        Span<byte> header = stackalloc byte[16];
        foreach (var edit in edits)
        {
            Copy(input, output, edit.Offset - at, buffer, ct);
            if (edit.Kind == EditKind.Free)
            {
                if (edit.LargeHeader)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header, 1);
                    "free"u8.CopyTo(header[4..]);
                    BinaryPrimitives.WriteUInt64BigEndian(header[8..], (ulong)edit.Length);
                    output.Write(header);
                    WriteZeros(output, edit.Length - 16, zeros);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32BigEndian(header, (uint)edit.Length);
                    "free"u8.CopyTo(header[4..]);
                    output.Write(header[..8]);
                    WriteZeros(output, edit.Length - 8, zeros);
                }
            }
            else
            {
                WriteZeros(output, edit.Length, zeros);
            }
            at = edit.End;
            input.Position = at;
        }
        Copy(input, output, input.Length - at, buffer, ct);
    }

    static void Copy(Stream input, Stream output, long count, byte[] buffer, CancellationToken ct)
    {
        while (count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (n == 0) throw new DamagedVideoException("file cut short");
            output.Write(buffer, 0, n);
            count -= n;
        }
    }

    static void WriteZeros(Stream output, long count, byte[] zeros)
    {
        for (; count > 0; count -= zeros.Length) output.Write(zeros, 0, (int)Math.Min(zeros.Length, count));
    }

    static string Printable(string type) => string.Concat(type.Select(c => c is >= ' ' and <= '~' or '©' ? c : '?'));
}
