using System.Buffers.Binary;

namespace ItaBot.Tracking.Evidence;

/// <summary>
/// Removes what a photo says besides its picture — EXIF (GPS position, camera, time), XMP, IPTC, comments,
/// text chunks, trailers after the image — without decoding it, since no image library is available here.
/// JPEG keeps its picture segments, JFIF, the ICC colour profile, Adobe's colour marker and only the EXIF
/// orientation (so a phone photo does not turn sideways); PNG keeps its critical and colour/transparency
/// chunks; WebP keeps its image, alpha, animation and ICC chunks. A file whose structure does not parse is
/// refused as damaged rather than passed on.
/// </summary>
public static class ImageMetadata
{
    public sealed class DamagedImageException(string message) : Exception(message);

    /// <summary>Copies <paramref name="input"/> (seekable, from its start) to <paramref name="output"/> (seekable) without metadata.</summary>
    public static void Strip(EvidenceType type, Stream input, Stream output)
    {
        input.Position = 0;
        if (type == EvidenceType.Jpeg) StripJpeg(new BufferedStream(input, 64 * 1024), output);
        else if (type == EvidenceType.Png) StripPng(input, output);
        else if (type == EvidenceType.WebP) StripWebP(input, output);
        else throw new ArgumentException("Not an image type.", nameof(type));
    }

    // ---- JPEG ----------------------------------------------------------------------------------------------

    const byte Soi = 0xD8, Eoi = 0xD9, Sos = 0xDA, App0 = 0xE0, App1 = 0xE1, App2 = 0xE2, App14 = 0xEE, Com = 0xFE;

    static void StripJpeg(Stream input, Stream output)
    {
        var writer = new BufferedStream(output, 64 * 1024);
        if (input.ReadByte() != 0xFF || input.ReadByte() != Soi) throw new DamagedImageException("no JPEG start");
        writer.WriteByte(0xFF);
        writer.WriteByte(Soi);
        var marker = NextMarker(input);
        while (true)
        {
            if (marker == Eoi)
            {
                writer.WriteByte(0xFF);
                writer.WriteByte(Eoi);
                break; // anything after the image's end (phone makers' trailers) is dropped
            }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                writer.WriteByte(0xFF);
                writer.WriteByte((byte)marker);
                marker = CopyEntropyData(input, writer);
                continue;
            }
            var length = ReadUInt16(input);
            if (length < 2) throw new DamagedImageException("segment length");
            var payload = ReadExactly(input, length - 2);
            if (Keep((byte)marker, payload, out var replacement))
            {
                WriteSegment(writer, (byte)marker, replacement ?? payload);
            }
            marker = marker == Sos ? CopyEntropyData(input, writer) : NextMarker(input);
        }
        writer.Flush();
    }

    static bool Keep(byte marker, byte[] payload, out byte[]? replacement)
    {
        replacement = null;
        if (marker == App1)
        {
            // EXIF holds the GPS position; only the orientation is written back, in an EXIF block of its own.
            if (payload.AsSpan().StartsWith("Exif\0\0"u8) && ExifOrientation(payload.AsSpan(6)) is { } orientation and not 1)
            {
                replacement = OrientationOnlyExif(orientation);
                return true;
            }
            return false;
        }
        if (marker == App0) return payload.AsSpan().StartsWith("JFIF\0"u8) || payload.AsSpan().StartsWith("JFXX\0"u8);
        if (marker == App2) return payload.AsSpan().StartsWith("ICC_PROFILE\0"u8);
        if (marker == App14) return payload.AsSpan().StartsWith("Adobe"u8);
        if (marker is > App0 and <= 0xEF or Com) return false;
        return true;
    }

    /// <summary>Copies scan data up to the next marker and returns that marker (stuffed 00 bytes and fill FFs handled).</summary>
    static int CopyEntropyData(Stream input, Stream writer)
    {
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0) throw new DamagedImageException("scan data ends without an image end");
            if (b != 0xFF) { writer.WriteByte((byte)b); continue; }
            var next = input.ReadByte();
            while (next == 0xFF) next = input.ReadByte();
            if (next < 0) throw new DamagedImageException("scan data ends without an image end");
            if (next == 0x00) { writer.WriteByte(0xFF); writer.WriteByte(0x00); continue; }
            if (next is >= 0xD0 and <= 0xD7) { writer.WriteByte(0xFF); writer.WriteByte((byte)next); continue; }
            return next;
        }
    }

    static int NextMarker(Stream input)
    {
        var b = input.ReadByte();
        if (b != 0xFF) throw new DamagedImageException("expected a marker");
        var marker = input.ReadByte();
        while (marker == 0xFF) marker = input.ReadByte();
        if (marker < 0) throw new DamagedImageException("file ends inside a marker");
        return marker;
    }

    static void WriteSegment(Stream writer, byte marker, byte[] payload)
    {
        writer.WriteByte(0xFF);
        writer.WriteByte(marker);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        writer.Write(length);
        writer.Write(payload);
    }

    /// <summary>The orientation tag (0x0112) of IFD0 in a TIFF block, or null.</summary>
    static int? ExifOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8) return null;
        var little = tiff[0] == 'I' && tiff[1] == 'I';
        if (!little && !(tiff[0] == 'M' && tiff[1] == 'M')) return null;
        ushort U16(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
        uint U32(ReadOnlySpan<byte> s) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
        var ifd = U32(tiff[4..]);
        if (ifd > tiff.Length - 2) return null;
        var count = U16(tiff[(int)ifd..]);
        for (var i = 0; i < count; i++)
        {
            var at = (int)ifd + 2 + i * 12;
            if (at + 12 > tiff.Length) return null;
            if (U16(tiff[at..]) == 0x0112 && U16(tiff[(at + 2)..]) == 3)
            {
                var value = U16(tiff[(at + 8)..]);
                return value is >= 1 and <= 8 ? value : null;
            }
        }
        return null;
    }

    static byte[] OrientationOnlyExif(int orientation)
    {
        // "Exif\0\0", big-endian TIFF header, IFD0 with the one entry, no next IFD.
        var block = new byte[6 + 8 + 2 + 12 + 4];
        "Exif\0\0"u8.CopyTo(block);
        var tiff = block.AsSpan(6);
        tiff[0] = (byte)'M'; tiff[1] = (byte)'M';
        BinaryPrimitives.WriteUInt16BigEndian(tiff[2..], 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff[4..], 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[8..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[10..], 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[12..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff[14..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff[18..], (ushort)orientation);
        return block;
    }

    // ---- PNG -----------------------------------------------------------------------------------------------

    static readonly HashSet<string> PngKept =
        ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs", "acTL", "fcTL", "fdAT"];

    static void StripPng(Stream input, Stream output)
    {
        var signature = ReadExactly(input, 8);
        output.Write(signature);
        var header = new byte[8];
        var buffer = new byte[64 * 1024];
        while (true)
        {
            if (input.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8) throw new DamagedImageException("PNG ends without IEND");
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > int.MaxValue) throw new DamagedImageException("chunk length");
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            var keep = PngKept.Contains(type);
            if (keep) output.Write(header);
            // Data and CRC are copied (or skipped) in pieces: an IDAT may be megabytes.
            var left = (long)length + 4;
            while (left > 0)
            {
                var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new DamagedImageException("PNG chunk cut short");
                if (keep) output.Write(buffer, 0, n);
                left -= n;
            }
            if (type == "IEND") break;
        }
        output.Flush();
    }

    // ---- WebP ----------------------------------------------------------------------------------------------

    static readonly HashSet<string> WebPKept = ["VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP"];

    static void StripWebP(Stream input, Stream output)
    {
        var riff = ReadExactly(input, 12);
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(riff.AsSpan(4));
        output.Write(riff);
        var header = new byte[8];
        var buffer = new byte[64 * 1024];
        long read = 4; // "WEBP" counts in the RIFF size
        while (read < declared && input.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            var type = System.Text.Encoding.ASCII.GetString(header, 0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            var padded = (long)size + (size & 1);
            read += 8 + padded;
            var keep = WebPKept.Contains(type);
            if (keep) output.Write(header);
            if (type == "VP8X")
            {
                var flags = ReadExactly(input, (int)padded);
                flags[0] &= unchecked((byte)~0x0C); // no EXIF (0x08), no XMP (0x04) any more
                output.Write(flags);
                continue;
            }
            var left = padded;
            while (left > 0)
            {
                var n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
                if (n == 0) throw new DamagedImageException("WebP chunk cut short");
                if (keep) output.Write(buffer, 0, n);
                left -= n;
            }
        }
        var total = output.Position - 8;
        output.Position = 4;
        Span<byte> size32 = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size32, (uint)total);
        output.Write(size32);
        output.Position = output.Length;
        output.Flush();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static int ReadUInt16(Stream input)
    {
        var hi = input.ReadByte();
        var lo = input.ReadByte();
        if (hi < 0 || lo < 0) throw new DamagedImageException("file ends inside a segment");
        return (hi << 8) | lo;
    }

    static byte[] ReadExactly(Stream input, int count)
    {
        var bytes = new byte[count];
        if (input.ReadAtLeast(bytes, count, throwOnEndOfStream: false) < count) throw new DamagedImageException("file cut short");
        return bytes;
    }
}
