using ItaBot.Line;

namespace ItaBot.Reports;

/// <summary>
/// How much text one cell of each format takes. Excel refuses a cell over 32,767 characters (and opens CSV with
/// the same limit); a Word table cell has no hard limit, but past a few pages one measure's cell stops being
/// readable in the printed report. A cut cell ends with a visible "…ดูเพิ่มเติม" pointing at the measure's row
/// on the report page, which always shows everything.
/// </summary>
public static class CellLimits
{
    public const int Xlsx = 32_767;
    public const int Csv = 32_767;
    public const int Docx = 4_000;
    public const string More = "…ดูเพิ่มเติม";

    public static string MoreText(string? fullTextUrl) => fullTextUrl is null ? $"{More}ในรายงานฉบับเว็บ" : $"{More}: {fullTextUrl}";

    /// <summary>The text, or its start and the "…ดูเพิ่มเติม" line, within <paramref name="max"/> characters.</summary>
    public static string Fit(string text, int max, string? fullTextUrl) =>
        text.Length <= max ? text : TextCut.Fit(text, max, "\n" + MoreText(fullTextUrl));

    /// <summary>A printed cell's lines within <paramref name="max"/> characters in all, ending with a "…ดูเพิ่มเติม" link line when cut.</summary>
    public static IReadOnlyList<CellLine> Fit(IReadOnlyList<CellLine> lines, int max, string? fullTextUrl)
    {
        if (lines.Sum(l => l.Text.Length) <= max) return lines;
        var kept = new List<CellLine>();
        var left = max - MoreText(null).Length;
        foreach (var line in lines)
        {
            if (line.Text.Length <= left)
            {
                kept.Add(line);
                left -= line.Text.Length;
                continue;
            }
            if (left > 20 && line.Link is null) kept.Add(line with { Text = TextCut.Fit(line.Text, left) });
            break;
        }
        kept.Add(new CellLine(fullTextUrl is null ? MoreText(null) : More, Link: fullTextUrl));
        return kept;
    }
}
