using System.Buffers.Binary;
using System.Text;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Tracking;

/// <summary>Real small files (tests/fixtures/evidence) and the metadata a phone camera adds to them.</summary>
public static class EvidenceSamples
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(TestFiles.Folder("fixtures", "evidence"), name));

    public static byte[] Jpeg => Read("photo.jpg");
    public static byte[] Png => Read("pic.png");
    public static byte[] Pdf => Read("announcement.pdf");

    /// <summary>Latitude 13°45'N written as a phone does (GPS IFD); the test looks for these bytes after stripping.</summary>
    public static readonly byte[] GpsMarker = Encoding.ASCII.GetBytes("N\0\0\0");

    /// <summary>
    /// The fixture JPEG as a phone would send it: EXIF (orientation 6 = turned, camera make, GPS position), an XMP
    /// block, a comment, and a maker's trailer after the image's end.
    /// </summary>
    public static byte[] PhoneJpeg()
    {
        var jpeg = Jpeg;
        var exif = ExifWithGps(orientation: 6);
        var xmp = Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. "<x:xmpmeta><exif:GPSLatitude>13,45N</exif:GPSLatitude></x:xmpmeta>"u8]);
        var comment = Segment(0xFE, "Shot at home, 99 Moo 3"u8.ToArray());
        var trailer = "SEFHsamsung-location-13.75,100.5"u8.ToArray();
        return [.. jpeg[..2], .. Segment(0xE1, exif), .. xmp, .. comment, .. jpeg[2..], .. trailer];
    }

    /// <summary>The fixture PNG with a text chunk naming a place and an eXIf chunk.</summary>
    public static byte[] PhonePng()
    {
        var png = Png;
        var ihdrEnd = 8 + 8 + 13 + 4;
        return [.. png[..ihdrEnd], .. PngChunk("tEXt", "Location\0Bangkok 13.75N 100.5E"u8.ToArray()), .. PngChunk("eXIf", ExifWithGps(1)[6..]), .. png[ihdrEnd..]];
    }

    static byte[] ExifWithGps(int orientation)
    {
        // Big-endian TIFF: IFD0 {Make, Orientation, GPS pointer}, then the GPS IFD {LatitudeRef "N", Latitude}.
        var tiff = new List<byte>();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.AddRange(b); }
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); tiff.AddRange(b); }
        tiff.AddRange("MM"u8.ToArray()); U16(42); U32(8);
        const int ifd0Entries = 3, gpsEntries = 2;
        var makeOffset = 8 + 2 + ifd0Entries * 12 + 4;
        var gpsOffset = makeOffset + 8;
        var latitudeOffset = gpsOffset + 2 + gpsEntries * 12 + 4;
        U16(ifd0Entries);
        U16(0x010F); U16(2); U32(8); U32((uint)makeOffset);        // Make
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);     // Orientation
        U16(0x8825); U16(4); U32(1); U32((uint)gpsOffset);         // GPS IFD
        U32(0);
        tiff.AddRange("PhoneCo\0"u8.ToArray());
        U16(gpsEntries);
        U16(0x0001); U16(2); U32(2); tiff.AddRange(GpsMarker);     // LatitudeRef "N"
        U16(0x0002); U16(5); U32(3); U32((uint)latitudeOffset);    // Latitude 13/1 45/1 0/1
        U32(0);
        foreach (var (n, d) in new[] { (13u, 1u), (45u, 1u), (0u, 1u) }) { U32(n); U32(d); }
        return [.. "Exif\0\0"u8, .. tiff];
    }

    static byte[] Segment(byte marker, byte[] payload)
    {
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        return [0xFF, marker, .. length, .. payload];
    }

    static byte[] PngChunk(string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        return [.. length, .. typed, .. crc];
    }

    static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
    public static bool Contains(byte[] haystack, string ascii) => Contains(haystack, Encoding.ASCII.GetBytes(ascii));
}
