using DocumentFormat.OpenXml.Packaging;
using ItaBot.Import.Tables;

namespace ItaBot.Import;

/// <summary>Reads any supported plan file into a draft; never touches the database.</summary>
public static class PlanReader
{
    public static PlanDraft Read(PlanFile file, int fiscalYear)
    {
        var (format, reason) = file.DetectFormat();
        if (format is null) return PlanDraft.Failed(new ImportProblem(file.Name, null, null, null, reason!));
        if (file.Content.Length == 0) return PlanDraft.Failed(new ImportProblem(file.Name, null, null, null, "ไฟล์ว่างเปล่า (empty file)"));

        try
        {
            switch (format.Value)
            {
                case PlanFormat.Json:
                    return PlanJson.Read(file.Name, file.Content, fiscalYear);
                case PlanFormat.Csv:
                    var warnings = new List<string>();
                    var table = CsvTables.Read(file.Content, warnings);
                    return MeasureTables.Read(file.Name, [table], fiscalYear, warnings);
                case PlanFormat.Docx:
                    return MeasureTables.Read(file.Name, DocxTables.Read(new MemoryStream(file.Content, writable: false)), fiscalYear);
                default:
                    return MeasureTables.Read(file.Name, XlsxTables.Read(new MemoryStream(file.Content, writable: false)), fiscalYear);
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            var kind = format == PlanFormat.Docx ? "Word (.docx)" : "Excel (.xlsx)";
            return PlanDraft.Failed(new ImportProblem(file.Name, null, null, null,
                $"เปิดไฟล์ไม่ได้: ไฟล์เสียหรือไม่ใช่ไฟล์ {kind} (cannot open file: {e.Message})"));
        }
    }
}
