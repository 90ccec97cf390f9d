using System.IO.Compression;

namespace ItaBot.Tracking.Evidence;

/// <summary>A file type evidence may be, found from the content.</summary>
public sealed record EvidenceType(EvidenceKind Kind, string ContentType, string Extension)
{
    public static readonly EvidenceType Jpeg = new(EvidenceKind.Image, "image/jpeg", ".jpg");
    public static readonly EvidenceType Png = new(EvidenceKind.Image, "image/png", ".png");
    public static readonly EvidenceType WebP = new(EvidenceKind.Image, "image/webp", ".webp");
    public static readonly EvidenceType Pdf = new(EvidenceKind.Pdf, "application/pdf", ".pdf");
    public static readonly EvidenceType Docx = new(EvidenceKind.Docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
    public static readonly EvidenceType Xlsx = new(EvidenceKind.Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
    public static readonly EvidenceType Mp4 = new(EvidenceKind.Video, "video/mp4", ".mp4");
    public static readonly EvidenceType QuickTime = new(EvidenceKind.Video, "video/quicktime", ".mov");
    public static readonly EvidenceType ThreeGp = new(EvidenceKind.Video, "video/3gpp", ".3gp");

    /// <summary>Extensions people give each type (a photo named .jpeg is still a JPEG).</summary>
    public IReadOnlyList<string> Extensions =>
        this == Jpeg ? [".jpg", ".jpeg", ".jfif"] : this == Mp4 ? [".mp4", ".m4v"] : this == ThreeGp ? [".3gp", ".3g2"] : [Extension];
}

/// <summary>
/// Tells what a file is by its bytes — the magic numbers at its start, and for DOCX/XLSX the parts inside the
/// zip package — never by its name, and says in Thai why anything else is refused.
/// </summary>
public static class EvidenceTypes
{
    public const string Accepted = "รูปภาพ (JPEG, PNG, WebP), วิดีโอ (MP4, MOV), PDF, Word (.docx) หรือ Excel (.xlsx)";

    /// <summary>The type of <paramref name="content"/> (seekable; read from the start, left anywhere), or the reason it is refused.</summary>
    public static (EvidenceType? Type, string? Refusal) Detect(Stream content)
    {
        Span<byte> head = stackalloc byte[16];
        content.Position = 0;
        var n = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (n == 0) return (null, "เป็นไฟล์ว่าง");

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return (EvidenceType.Jpeg, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return (EvidenceType.Png, null);
        if (n >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return (EvidenceType.WebP, null);
        if (head.StartsWith("%PDF-"u8)) return (EvidenceType.Pdf, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[(byte)'P', (byte)'K', 3, 4])) return OfficePackage(content);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return (null, "เป็นไฟล์ Word/Excel รุ่นเก่า (.doc/.xls) กรุณาบันทึกเป็น .docx/.xlsx หรือ PDF แล้วแนบใหม่");
        if (n >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("heic"u8) || head[8..12].SequenceEqual("heix"u8) || head[8..12].SequenceEqual("mif1"u8)))
            return (null, "เป็นรูปแบบ HEIC ซึ่งยังรับไม่ได้ กรุณาส่งเป็น JPEG (ในไอโฟน: ตั้งค่า > กล้อง > รูปแบบ > เข้ากันได้มากที่สุด) หรือถ่ายภาพหน้าจอแล้วแนบ");
        if (head.StartsWith("GIF8"u8)) return (null, "เป็นภาพ GIF ซึ่งไม่รับเป็นหลักฐาน กรุณาส่งเป็น JPEG หรือ PNG");
        if (n >= 12 && Video(head) is { } video) return video;
        return (null, $"ไม่ใช่ไฟล์ที่รับได้ (รับเฉพาะ{Accepted})");
    }

    /// <summary>MP4, MOV and 3GP by the ISO-BMFF file type box (its major brand); old QuickTime files start with their boxes.</summary>
    static (EvidenceType?, string?)? Video(ReadOnlySpan<byte> head)
    {
        var box = System.Text.Encoding.Latin1.GetString(head[4..8]);
        if (box is "moov" or "mdat" or "wide") return (EvidenceType.QuickTime, null);
        if (box != "ftyp") return null;
        var brand = System.Text.Encoding.Latin1.GetString(head[8..12]);
        if (brand == "qt  ") return (EvidenceType.QuickTime, null);
        if (brand.StartsWith("3gp", StringComparison.Ordinal) || brand.StartsWith("3g2", StringComparison.Ordinal)) return (EvidenceType.ThreeGp, null);
        if (brand is "M4A " or "M4B " or "M4P ") return (null, "เป็นไฟล์เสียง ซึ่งไม่รับเป็นหลักฐาน");
        if (brand.StartsWith("iso", StringComparison.Ordinal) || brand.StartsWith("mp4", StringComparison.Ordinal) || brand.StartsWith("M4V", StringComparison.Ordinal)
            || brand is "avc1" or "mmp4" or "MSNV" or "dash" or "XAVC" or "f4v " or "kddi")
            return (EvidenceType.Mp4, null);
        return null;
    }

    static (EvidenceType?, string?) OfficePackage(Stream content)
    {
        content.Position = 0;
        try
        {
            // Only the zip's directory is read; no part is unpacked, so a zip bomb costs nothing here.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries) names.Add(entry.FullName);
            if (!names.Contains("[Content_Types].xml")) return (null, $"เป็นไฟล์ zip ที่ไม่ใช่เอกสาร Word หรือ Excel (รับเฉพาะ{Accepted})");
            if (names.Any(name => name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return (null, "เป็นเอกสารที่มีมาโคร (macro) ซึ่งไม่รับเพื่อความปลอดภัย กรุณาบันทึกเป็น .docx/.xlsx แบบไม่มีมาโคร หรือ PDF");
            if (names.Contains("word/document.xml")) return (EvidenceType.Docx, null);
            if (names.Contains("xl/workbook.xml")) return (EvidenceType.Xlsx, null);
            return (null, $"เป็นเอกสาร Office ชนิดที่ไม่รับ (รับเฉพาะ{Accepted})");
        }
        catch (InvalidDataException)
        {
            return (null, "เป็นไฟล์ zip/เอกสารที่เสียหาย เปิดอ่านไม่ได้");
        }
    }
}
