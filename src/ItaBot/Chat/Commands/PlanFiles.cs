using ItaBot.Line;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ItaBot.Data;
using ItaBot.Line.Api;
using ItaBot.Import;
using ItaBot.Thai;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>A plan file (DOCX, DOC, ODT, XLSX, CSV, JSON) sent in an administrator chat is imported with the import service.</summary>
public sealed partial class PlanFiles(ItaBotDb db, PlanImporter importer, Organizations organizations, TimeProvider time)
{
    public async Task<List<JsonObject>> ImportAsync(ChatContext ctx, FileReceived file, CancellationToken ct)
    {
        // Files fly around unit groups for many reasons; only an administrator chat means "import this".
        var adminChat = ctx.IsAdmin && (!ctx.IsGroup || ctx.Chat.IsAdminChat);
        if (!adminChat)
            return ctx.IsGroup ? [] : Say.One("ขอบคุณครับ ไฟล์แผนนำเข้าได้เฉพาะในแชทของผู้ดูแลระบบ หากต้องการรายงานผล พิมพ์ เช่น \"M1 เสร็จแล้ว\" พร้อมลิงก์หลักฐาน");

        var organization = ctx.Organization?.Name ?? organizations.ConfiguredName(ctx.Channel);
        if (organization is null) return Replies.NoOrganization();
        var max = importer.Limits.MaxFileBytes;
        if (file.Size > max) return TooLarge(file.FileName, max);
        if (new PlanFile(file.FileName, []).DetectFormat() is { Format: null, Reason: { } early } && HasKnownExtension(file.FileName))
            return Say.One($"นำเข้าไฟล์ {file.FileName} ไม่ได้ครับ: {early}");

        // The size LINE's event declared is the sender's word: the download itself stops at the limit.
        var download = await file.Download(max, ct);
        if (download.TooLarge) return TooLarge(file.FileName, max);
        if (download.Content is not { } bytes) return Say.One($"ดาวน์โหลดไฟล์ {file.FileName} จาก LINE ไม่ได้ครับ ลองส่งใหม่อีกครั้ง");
        var plan = new PlanFile(file.FileName, bytes);
        if (plan.DetectFormat() is { Format: null, Reason: var reason })
            return Say.One($"นำเข้าไฟล์ {file.FileName} ไม่ได้ครับ: {reason}");

        var fromName = FiscalYearInName(file.FileName);
        var year = fromName ?? ThaiCalendar.FiscalYearOf(time.Today());
        var result = await importer.ImportAsync(plan, organization, year, dryRun: false, ct);
        if (!result.Succeeded)
            return Say.One(TextCut.Fit(ImportSummary.DescribeProblems(result), 4800));

        if (await db.Organizations.FirstOrDefaultAsync(o => o.Name == result.Organization, ct) is { } org)
            await Rounds.EnsureStandardRoundsAsync(db, org, year, time, ct);
        Audit.Record(db, ctx, "import", $"{file.FileName} → {result.Organization} {year}: +{result.Counts.Created} ~{result.Counts.Updated}");
        await db.SaveChangesAsync(ct);
        var yearNote = fromName is null
            ? $"\n(ใช้ปีงบประมาณ {ThaiDigits.ToThai(year)} ตามวันนี้ หากเป็นแผนของปีอื่น ตั้งชื่อไฟล์ให้มีปี เช่น แผน{ThaiDigits.ToThai(year + 1)}.docx แล้วส่งใหม่)"
            : "";
        return Say.One(TextCut.Fit(ImportSummary.Describe(result).TrimEnd(), 4700) + yearNote, "สถานะ", "สรุป");
    }

    static List<JsonObject> TooLarge(string name, long max) =>
        Say.One($"ไฟล์ {name} ใหญ่เกิน {ImportLimits.Megabytes(max)} ครับ จึงไม่ได้นำเข้าอะไร ส่งเฉพาะตารางมาตรการ (DOCX, XLSX หรือ CSV)");

    static bool HasKnownExtension(string name) => Path.GetExtension(name).ToLowerInvariant() is ".xls" or ".pdf";

    static int? FiscalYearInName(string name) =>
        YearPattern().Match(ThaiDigits.ToArabic(name)) is { Success: true } m ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"(?<!\d)25[5-9]\d(?!\d)")]
    private static partial Regex YearPattern();
}
