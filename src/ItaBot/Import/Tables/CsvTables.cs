using System.Text;

namespace ItaBot.Import.Tables;

/// <summary>
/// A CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks) as one table.
/// Excel's "CSV UTF-8" is the documented form; Thai Windows' default CSV is Windows-874, read with a warning.
/// </summary>
public static class CsvTables
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static SourceTable Read(byte[] content, ICollection<string> warnings, ImportLimits limits)
    {
        var text = Decode(content, warnings);
        var delimiter = DelimiterOf(text);
        var rows = new List<SourceRow>();
        var cellCount = 0;
        foreach (var fields in Records(text, delimiter))
        {
            if (rows.Count >= limits.MaxRows)
                throw new ImportLimitExceeded($"ไฟล์ CSV มีเกิน {ImportLimits.Count(limits.MaxRows)} แถว จึงไม่ได้อ่าน (more than {limits.MaxRows} rows)");
            var cells = new List<SourceCell>();
            for (var column = 0; column < fields.Count; column++)
            {
                if (!CellText.HasVisibleText(fields[column])) continue;
                if (column >= limits.MaxColumns)
                    throw new ImportLimitExceeded(
                        $"ไฟล์ CSV แถว {rows.Count + 1} มีข้อความเลยคอลัมน์ที่ {ImportLimits.Count(limits.MaxColumns)} จึงไม่ได้อ่าน (more than {limits.MaxColumns} columns)");
                if (++cellCount > limits.MaxCells)
                    throw new ImportLimitExceeded($"ไฟล์ CSV มีช่องที่มีข้อความเกิน {ImportLimits.Count(limits.MaxCells)} ช่อง จึงไม่ได้อ่าน (too many cells)");
                cells.Add(new SourceCell(column, fields[column].Split('\n').Select(line => new CellParagraph(line)).ToList()));
            }
            rows.Add(new SourceRow(rows.Count + 1, cells));
        }
        return new SourceTable(null, rows, ColumnLetters: true);
    }

    static string Decode(byte[] content, ICollection<string> warnings)
    {
        var span = content.AsSpan();
        if (span.StartsWith(Encoding.UTF8.Preamble)) span = span[Encoding.UTF8.Preamble.Length..];
        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            warnings.Add("ไฟล์ CSV ไม่ได้บันทึกแบบ UTF-8 จึงอ่านเป็นภาษาไทยแบบ Windows (TIS-620); ครั้งต่อไปใน Excel ให้เลือก “CSV UTF-8” (file is not UTF-8; read as Windows-874)");
            return Encoding.GetEncoding(874).GetString(span);
        }
    }

    /// <summary>Comma unless the header line clearly uses semicolons (European Excel) or tabs.</summary>
    static char DelimiterOf(string text)
    {
        var end = text.IndexOf('\n');
        var firstLine = end >= 0 ? text[..end] : text;
        char[] candidates = [',', ';', '\t'];
        var best = candidates.MaxBy(c => firstLine.Count(x => x == c));
        return firstLine.Contains(best) ? best : ',';
    }

    static IEnumerable<List<string>> Records(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStarted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else if (c == '\r') { if (i + 1 >= text.Length || text[i + 1] != '\n') field.Append('\n'); }
                else field.Append(c);
                continue;
            }
            if (c == '"' && field.Length == 0 && !fieldStarted) { quoted = true; fieldStarted = true; }
            else if (c == delimiter) { fields.Add(field.ToString()); field.Clear(); fieldStarted = false; }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                yield return fields;
                fields = [];
                field.Clear();
                fieldStarted = false;
            }
            else { field.Append(c); fieldStarted = true; }
        }
        if (field.Length > 0 || fields.Count > 0 || fieldStarted)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
