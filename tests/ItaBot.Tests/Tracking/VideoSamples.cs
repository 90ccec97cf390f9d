using System.Buffers.Binary;
using System.Text;

namespace ItaBot.Tests.Tracking;

/// <summary>
/// Small MP4/MOV files built box by box, laid out as phones write them: the media data first, the movie box after
/// it, chunk offsets pointing into the media data, and the metadata phones add (©xyz, make and model in udta;
/// QuickTime's location key in meta; an XMP uuid box; a timed GPS track).
/// </summary>
public static class VideoSamples
{
    /// <summary>The picture's bytes (one sample): found at the video track's chunk offset after stripping.</summary>
    public static readonly byte[] Frame = Encoding.ASCII.GetBytes("\0\0\0\x10VIDEO-FRAME-0001");
    public static readonly byte[] Sound = Encoding.ASCII.GetBytes("AUDIO-SAMPLE-01");
    public const string Place = "+13.7563+100.5018/";
    public const string ApplePlace = "+13.7563+100.5018+005.000/";
    public const string GpsSample = "$GPRMC,091500,A,1345.37,N,10030.10,E";
    public const string Maker = "samsung";
    public const string Model = "SM-A546E";
    public const string XmpPlace = "exif:GPSLatitude=\"13,45.37N\"";

    /// <summary>Every piece of metadata in <see cref="Phone"/>: none may survive stripping.</summary>
    public static readonly string[] Secrets = [Place, ApplePlace, GpsSample, Maker, Model, "ISO6709", XmpPlace, "Galaxy A54"];

    public static byte[] Box(string type, params byte[][] parts)
    {
        var payload = parts.SelectMany(p => p).ToArray();
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.Latin1.GetBytes(type).CopyTo(box, 4);
        payload.CopyTo(box, 8);
        return box;
    }

    /// <summary>A box with a 64-bit size (size field 1), as writers use for media data over 4 GB.</summary>
    public static byte[] LargeBox(string type, byte[] payload)
    {
        var box = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, 1);
        Encoding.Latin1.GetBytes(type).CopyTo(box, 4);
        BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)box.Length);
        payload.CopyTo(box, 16);
        return box;
    }

    public static byte[] Full(string type, byte version, params byte[][] parts) => Box(type, [new byte[] { version, 0, 0, 0 }, .. parts]);

    public static byte[] U32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    public static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Seconds since 1904 for 3 March 2025 09:15 (when the phone shot it).</summary>
    const uint Shot = 3_823_838_100;

    public static byte[] Ftyp(string brand = "isom") => Box("ftyp", Ascii(brand), U32(0x200), Ascii("isomiso2avc1mp41"));

    static byte[] Mvhd() => Full("mvhd", 0, U32(Shot, Shot, 600, 6000, 0x00010000), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], new byte[36], new byte[24], U32(3));

    static byte[] Tkhd(uint id) => Full("tkhd", 0, U32(Shot, Shot, id, 0, 6000), new byte[60]);

    static byte[] Mdhd() => Full("mdhd", 0, U32(Shot, Shot, 600, 6000), [0x55, 0xC4, 0, 0]);

    static byte[] Hdlr(string handler, string name = "") => Full("hdlr", 0, U32(0), Ascii(handler), new byte[12], Ascii(name + "\0"));

    /// <summary>One chunk of <paramref name="sizes"/>.Length samples at <paramref name="offset"/>.</summary>
    static byte[] Stbl(string format, uint offset, uint[] sizes, bool co64 = false) => Box("stbl",
        Full("stsd", 0, U32(1), Box(format, new byte[8])),
        Full("stts", 0, U32(1, (uint)sizes.Length, 600)),
        Full("stsc", 0, U32(1, 1, (uint)sizes.Length, 1)),
        Full("stsz", 0, U32(0, (uint)sizes.Length), U32(sizes)),
        co64 ? Full("co64", 0, U32(1), U64(offset)) : Full("stco", 0, U32(1, offset)));

    static byte[] Trak(uint id, string handler, string format, uint offset, uint[] sizes, string mediaHeader, params byte[][] extra) => Box("trak",
        [Tkhd(id), .. extra, Box("mdia", Mdhd(), Hdlr(handler), Box("minf", Full(mediaHeader, 0, new byte[8]),
            Box("dinf", Full("dref", 0, U32(1), Full("url ", 0))), Stbl(format, offset, sizes)))]);

    static byte[] Udta() => Box("udta",
        Box("©xyz", [0, (byte)Place.Length, 0x15, 0xC7], Ascii(Place)),
        Box("©mak", [0, (byte)Maker.Length, 0, 0], Ascii(Maker)),
        Box("©mod", [0, (byte)Model.Length, 0, 0], Ascii(Model)),
        Box("smta", Ascii("Galaxy A54 scene metadata")));

    /// <summary>QuickTime metadata as iPhones write it: a handler, the keys, and the values by key index.</summary>
    static byte[] AppleMeta() => Full("meta", 0,
        Full("hdlr", 0, U32(0), Ascii("mdta"), new byte[12], [0]),
        Full("keys", 0, U32(2), Box("mdta", Ascii("com.apple.quicktime.location.ISO6709")), Box("mdta", Ascii("com.apple.quicktime.make"))),
        Box("ilst",
            Box("\0\0\0\x01", Box("data", U32(1, 0), Ascii(ApplePlace))),
            Box("\0\0\0\x02", Box("data", U32(1, 0), Ascii("Apple")))));

    static readonly byte[] XmpUuid = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    static byte[] Xmp() => Box("uuid", XmpUuid, Ascii($"<x:xmpmeta><rdf:Description {XmpPlace}/></x:xmpmeta>"));

    /// <summary>
    /// A phone video: ftyp, mdat (a frame, a sound sample, a GPS sample), then moov with a video track, a sound
    /// track, a timed GPS track, udta (©xyz, make, model), Apple's meta with the location key and an XMP box.
    /// </summary>
    public static byte[] Phone(string brand = "isom", bool largeMdat = false, bool moovFirst = false)
    {
        var ftyp = Ftyp(brand);
        var gps = Ascii(GpsSample);
        var media = Frame.Concat(Sound).Concat(gps).ToArray();
        byte[] Moov(uint mediaStart) => Box("moov",
            Mvhd(),
            Trak(1, "vide", "avc1", mediaStart, [(uint)Frame.Length], "vmhd", Box("udta", Box("©xyz", Ascii(Place)))),
            Trak(2, "soun", "mp4a", mediaStart + (uint)Frame.Length, [(uint)Sound.Length], "smhd"),
            Trak(3, "meta", "gpmd", mediaStart + (uint)(Frame.Length + Sound.Length), [(uint)gps.Length], "nmhd"),
            Udta(),
            AppleMeta(),
            Xmp());
        var mdatHeader = largeMdat ? 16 : 8;
        if (moovFirst)
        {
            var moovLength = Moov(0).Length;
            var start = (uint)(ftyp.Length + moovLength + mdatHeader);
            return [.. ftyp, .. Moov(start), .. Mdat(media, largeMdat)];
        }
        var mediaStart = (uint)(ftyp.Length + mdatHeader);
        return [.. ftyp, .. Mdat(media, largeMdat), .. Moov(mediaStart), .. Xmp()];
    }

    static byte[] Mdat(byte[] media, bool large) => large ? LargeBox("mdat", media) : Box("mdat", media);

    /// <summary>A plain video with nothing to remove (times already zero): what LINE sends after re-encoding.</summary>
    public static byte[] Clean()
    {
        var ftyp = Ftyp("mp42");
        var mediaStart = (uint)(ftyp.Length + 8);
        var moov = Box("moov",
            Full("mvhd", 0, U32(0, 0, 600, 6000, 0x00010000), [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], new byte[36], new byte[24], U32(2)),
            Box("trak", Full("tkhd", 0, U32(0, 0, 1, 0, 6000), new byte[60]),
                Box("mdia", Full("mdhd", 0, U32(0, 0, 600, 6000), [0x55, 0xC4, 0, 0]), Hdlr("vide"),
                    Box("minf", Full("vmhd", 0, new byte[8]), Stbl("avc1", mediaStart, [(uint)Frame.Length])))));
        return [.. ftyp, .. Box("mdat", Frame), .. moov];
    }

    /// <summary>The chunk offset of the first stco box in the file (the video track's), read as a player does.</summary>
    public static long FirstChunkOffset(byte[] file)
    {
        var at = IndexOf(file, "stco"u8.ToArray());
        return BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 4 + 4 + 4));
    }

    public static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    public static bool Contains(byte[] haystack, string text) => IndexOf(haystack, Encoding.Latin1.GetBytes(text)) >= 0;
}
