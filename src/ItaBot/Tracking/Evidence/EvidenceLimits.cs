using System.Globalization;
using ItaBot.Thai;

namespace ItaBot.Tracking.Evidence;

/// <summary>How much evidence one report may carry, wherever it comes from (the report form, a chat message).</summary>
public static class EvidenceLimits
{
    public const long MaxFileBytes = 10L * 1024 * 1024;
    public const int MaxFilesPerReport = 10;

    /// <summary>"๑๐ MB".</summary>
    public static string Megabytes(long bytes) =>
        ThaiDigits.ToThai((bytes / (1024d * 1024)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.0", CultureInfo.InvariantCulture)) + " MB";

    public static string TooLarge(string fileName) =>
        $"ไฟล์ \"{fileName}\" ใหญ่เกิน {Megabytes(MaxFileBytes)} กรุณาย่อขนาดหรือแบ่งไฟล์ แล้วแนบใหม่";

    public static string TooMany =>
        $"แนบไฟล์ได้ไม่เกิน {ThaiDigits.ToThai(MaxFilesPerReport)} ไฟล์ต่อหนึ่งรายงาน";
}
