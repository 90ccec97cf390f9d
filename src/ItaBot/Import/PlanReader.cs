using System.Xml;
using ItaBot.Import.Tables;

namespace ItaBot.Import;

/// <summary>Reads a DOCX, XLSX, CSV or JSON plan into a preview and draft; never touches the database.</summary>
public static class PlanReader
{
    public static PlanDraft Read(PlanFile file, int fiscalYear, PlanMapping? mapping = null, ImportLimits? limits = null) =>
        Preview(file, fiscalYear, mapping, limits).Draft;

    /// <param name="format">The format when it is known otherwise (a .doc converted to DOCX keeps its name).</param>
    public static PlanPreview Preview(PlanFile file, int fiscalYear, PlanMapping? mapping = null, ImportLimits? limits = null, PlanFormat? format = null)
    {
        limits ??= ImportLimits.Default;
        if (file.Content.Length > limits.MaxFileBytes) return Failed(file, limits.FileTooLarge(file.Content.Length));
        if (format is null)
        {
            var (detected, reason) = file.DetectFormat();
            if (detected is null) return Failed(file, reason!);
            format = detected;
        }
        if (file.Content.Length == 0) return Failed(file, "ไฟล์ว่างเปล่า (empty file)");

        try
        {
            switch (format.Value)
            {
                case PlanFormat.Json:
                    return new PlanPreview(file.Name, [], PlanJson.Read(file.Name, file.Content, fiscalYear, limits));
                case PlanFormat.Csv:
                    var warnings = new List<string>();
                    var table = CsvTables.Read(file.Content, warnings, limits);
                    return MeasureTables.Read(file.Name, [table], fiscalYear, mapping, limits, warnings);
                case PlanFormat.Docx:
                    return MeasureTables.Read(file.Name, DocxTables.Read(file.Content, limits), fiscalYear, mapping, limits);
                case PlanFormat.Xlsx:
                    return MeasureTables.Read(file.Name, XlsxTables.Read(file.Content, limits), fiscalYear, mapping, limits);
                default:
                    return Failed(file, $"ไฟล์ {format} ต้องแปลงเป็น .docx ก่อน (needs conversion)");
            }
        }
        catch (ImportLimitExceeded e)
        {
            return Failed(file, e.Message);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Failed(file, "ไฟล์มีการประกาศ DTD/เอนทิตีใน XML ซึ่งไฟล์ Word/Excel ปกติไม่มี จึงไม่ได้อ่าน (DTDs and entities are refused)");
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or FormatException)
        {
            var kind = format == PlanFormat.Xlsx ? "Excel (.xlsx)" : "Word (.docx)";
            return Failed(file, $"เปิดไฟล์ไม่ได้: ไฟล์เสียหรือไม่ใช่ไฟล์ {kind} (cannot open file: {e.Message})");
        }
    }

    static PlanPreview Failed(PlanFile file, string message) =>
        PlanPreview.Failed(file.Name, new ImportProblem(file.Name, null, null, null, message));
}
