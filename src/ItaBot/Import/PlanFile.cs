using System.IO.Compression;

namespace ItaBot.Import;

public enum PlanFormat
{
    Csv, Xlsx, Json, Docx,
    /// <summary>Word 97–2003: converted to DOCX by LibreOffice, then read as DOCX.</summary>
    Doc,
    /// <summary>OpenDocument text (LibreOffice Writer): converted like <see cref="Doc"/>.</summary>
    Odt,
}

/// <summary>A plan as uploaded or named on the command line: its file name (for messages and format) and bytes.</summary>
public sealed record PlanFile(string Name, byte[] Content)
{
    /// <summary>Reads a file from disk, refusing one over the size limit before reading it.</summary>
    public static async Task<PlanFile> ReadAsync(string path, CancellationToken ct = default, ImportLimits? limits = null)
    {
        limits ??= ImportLimits.Default;
        var length = new FileInfo(path).Length;
        if (length > limits.MaxFileBytes) throw new ImportLimitExceeded(limits.FileTooLarge(length));
        return new(Path.GetFileName(path), await File.ReadAllBytesAsync(path, ct));
    }

    /// <summary>The format by file extension, else by content; null with a reason when it is not one we read.</summary>
    public (PlanFormat? Format, string? Reason) DetectFormat()
    {
        var extension = Path.GetExtension(Name).ToLowerInvariant();
        switch (extension)
        {
            case ".csv": return (PlanFormat.Csv, null);
            case ".json": return (PlanFormat.Json, null);
            case ".docx" or ".docm": return (PlanFormat.Docx, null);
            case ".xlsx" or ".xlsm": return (PlanFormat.Xlsx, null);
            case ".doc": return (PlanFormat.Doc, null);
            case ".odt": return (PlanFormat.Odt, null);
            case ".xls":
                return (null, "ไฟล์ Excel แบบเก่า (.xls): เปิดใน Excel แล้วบันทึกเป็น .xlsx หรือ CSV UTF-8 ก่อน (old .xls format: save as .xlsx)");
            case ".pdf":
                return (null, "อ่านตารางจาก PDF ไม่ได้: ใช้ไฟล์ Word (.docx) ต้นฉบับ หรือกรอกแม่แบบ CSV/XLSX (PDF is not supported)");
        }
        return Sniff() is { } sniffed
            ? (sniffed, null)
            : (null, $"ไม่รู้จักรูปแบบไฟล์ “{extension}”: ใช้ .docx, .doc, .odt, .xlsx, .csv หรือ .json (unknown format)");
    }

    PlanFormat? Sniff()
    {
        var span = Content.AsSpan();
        if (span.StartsWith("PK\u0003\u0004"u8))
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(Content), ZipArchiveMode.Read);
                if (zip.GetEntry("word/document.xml") is not null) return PlanFormat.Docx;
                if (zip.GetEntry("xl/workbook.xml") is not null) return PlanFormat.Xlsx;
                if (zip.GetEntry("content.xml") is not null) return PlanFormat.Odt;
            }
            catch (InvalidDataException) { }
            return null;
        }
        // Word 97–2003 and Excel 97–2003 share this header; without a name saying which, Word is the likelier plan.
        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return PlanFormat.Doc;
        if (span.StartsWith("\uFEFF"u8)) span = span[3..];
        var trimmed = span.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{' ? PlanFormat.Json : null;
    }
}
