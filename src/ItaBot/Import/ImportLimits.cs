using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// How much of a file the import reads before it refuses it. Files come from anyone with an administrator's
/// chat (and from the web later), so every size, count and time is bounded before and while reading, and the
/// refusal says which bound was hit. Defaults fit the largest real plans many times over.
/// Settings: <c>Import:Limits:MaxFileBytes</c> and the other property names.
/// </summary>
public sealed class ImportLimits
{
    public static readonly ImportLimits Default = new();

    /// <summary>The file as uploaded (before unzipping).</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Each part of a DOCX/XLSX package, uncompressed, counted while it is read (declared sizes are not trusted).</summary>
    public long MaxPartBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxZipEntries { get; set; } = 1_000;

    /// <summary>Nesting of XML elements; Word's deepest real structures (text boxes in tables in text boxes) stay far below.</summary>
    public int MaxXmlDepth { get; set; } = 256;

    public int MaxTables { get; set; } = 1_000;

    /// <summary>Rows that hold text, per table or sheet (a 10,000-measure plan fits).</summary>
    public int MaxRows { get; set; } = 20_000;

    /// <summary>A cell with text beyond this column refuses the file.</summary>
    public int MaxColumns { get; set; } = 50;

    /// <summary>Cells that hold text (or continue a merge) in the whole file.</summary>
    public int MaxCells { get; set; } = 300_000;

    public int MaxMergedRanges { get; set; } = 10_000;

    public int MaxSharedStrings { get; set; } = 500_000;

    public int MaxMeasures { get; set; } = 20_000;

    /// <summary>One .doc/.odt conversion by LibreOffice.</summary>
    public TimeSpan ConversionTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public static string Megabytes(long bytes) =>
        ThaiDigits.ToThai((bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)) + " MB";

    public static string Count(long count) => ThaiDigits.ToThai(count.ToString("N0", CultureInfo.InvariantCulture));

    public string FileTooLarge(long actual) =>
        $"ไฟล์ใหญ่เกิน {Megabytes(MaxFileBytes)} ({Megabytes(actual)}) จึงไม่ได้อ่าน: ส่งเฉพาะตารางมาตรการ หรือบันทึกแยกเป็นไฟล์เล็กลง (file larger than {MaxFileBytes / (1024 * 1024)} MB)";
}

/// <summary>
/// A file went over one of the <see cref="ImportLimits"/>. Thrown inside the readers so reading stops at once;
/// the reader turns it into a problem with this message, so nothing is imported.
/// </summary>
public sealed class ImportLimitExceeded(string message) : Exception(message);
