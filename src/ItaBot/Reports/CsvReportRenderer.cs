using System.Globalization;
using System.Text;

namespace ItaBot.Reports;

/// <summary>
/// The flat table as CSV (RFC 4180): UTF-8 with a byte order mark so Excel shows Thai, CRLF between
/// records, fields quoted when needed and line breaks inside a cell kept.
/// </summary>
public static class CsvReportRenderer
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static void Render(RoundReport report, Stream output, ReportFileLinks? links = null)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
        var columns = ReportColumns.All;
        WriteRecord(writer, columns.Select(c => c.Header));
        for (var i = 0; i < report.Measures.Count; i++)
        {
            var measure = report.Measures[i];
            WriteRecord(writer, columns.Select(c => c.CsvValue(i, measure, report.Round, links) switch
            {
                int n => n.ToString(CultureInfo.InvariantCulture),
                var value => CellLimits.Fit(value.ToString() ?? "", CellLimits.Csv, links?.FullText(measure, i)),
            }));
        }
    }

    static void WriteRecord(TextWriter writer, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) writer.Write(',');
            first = false;
            writer.Write(Quote(field));
        }
        writer.Write("\r\n");
    }

    public static string Quote(string field)
    {
        // A leading = + - @ (or tab / carriage return, OWASP's list) would run as a formula when the file is opened in Excel; a quote mark disarms it.
        var formula = field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (formula) field = "'" + field;
        var needsQuotes = field.AsSpan().IndexOfAny(",\"\r\n") >= 0 || field != field.Trim();
        return needsQuotes ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
