using System.IO.Compression;
using System.Text;
using ItaBot.Tests.Tracking;

namespace ItaBot.Tests.Chat.Corpus;

/// <summary>Bytes for the corpus's files, by the name they are sent with (what people attach: scans, Word, Excel, zips, old formats).</summary>
static class CorpusFiles
{
    /// <summary>An MP4 as phones record it, with where it was shot (LINE sends videos as MP4).</summary>
    public static readonly byte[] Video = VideoSamples.Phone();

    public static byte[] For(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".pdf" => EvidenceSamples.Pdf,
        ".jpg" or ".jpeg" => EvidenceSamples.PhoneJpeg(),
        ".png" => EvidenceSamples.Png,
        ".docx" => Office("word/document.xml"),
        ".xlsx" => Office("xl/workbook.xml"),
        ".doc" or ".xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]],
        ".zip" or ".rar" => Zip(("รูป1.jpg", EvidenceSamples.Jpeg)),
        ".heic" => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8],
        _ => Encoding.UTF8.GetBytes("ข้อความธรรมดา\n"),
    };

    static byte[] Office(string part) => Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), (part, "<x/>"u8.ToArray()));

    static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(bytes);
            }
        return buffer.ToArray();
    }
}
