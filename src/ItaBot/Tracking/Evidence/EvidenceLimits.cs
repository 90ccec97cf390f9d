using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Tracking.Evidence;

/// <summary>How much evidence one report may carry, wherever it comes from (the report form, a chat message).</summary>
public static class EvidenceLimits
{
    public const long MaxFileBytes = 10L * 1024 * 1024;
    public const int MaxFilesPerReport = 10;

    /// <summary>
    /// Videos may be larger: LINE sends a phone video re-encoded, about 5–20 MB a minute, and lets people send a few
    /// minutes of it; a 100 MB file is streamed to a temporary file and stored in 256 KB pieces, never held whole.
    /// </summary>
    public const long MaxVideoBytes = 100L * 1024 * 1024;

    /// <summary>"๑๐ MB".</summary>
    public static string Megabytes(long bytes) =>
        ThaiDigits.ToThai((bytes / (1024d * 1024)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.0", CultureInfo.InvariantCulture)) + " MB";

    public static string TooLarge(string fileName) =>
        $"ไฟล์ \"{fileName}\" ใหญ่เกิน {Megabytes(MaxFileBytes)} กรุณาย่อขนาดหรือแบ่งไฟล์ แล้วแนบใหม่";

    public static string VideoTooLarge(string fileName) =>
        $"วิดีโอ \"{fileName}\" ใหญ่เกิน {Megabytes(MaxVideoBytes)} กรุณาตัดให้สั้นลง หรืออัปโหลดไว้ที่เว็บไซต์หน่วยงานหรือ YouTube แล้ววางลิงก์แทน";

    public static string TooMany =>
        $"แนบไฟล์ได้ไม่เกิน {ThaiDigits.ToThai(MaxFilesPerReport)} ไฟล์ต่อหนึ่งรายงาน";
}
