using System.Text;
using System.Text.RegularExpressions;
using ItaBot.Import.Tables;
using ItaBot.Thai;

namespace ItaBot.Import;

/// <summary>
/// Turns what people put in a table cell into clean text and lists. Plans number their steps inline
/// ("๑.ผู้บริหาร… ๒.จัดทำ…"), one per paragraph, or with "●" bullets; lines broken by the page layout
/// are glued back to the item they belong to.
/// </summary>
public static partial class CellText
{
    /// <summary>Bullet glyphs people type or paste from Word; each one starts an item wherever it stands.</summary>
    const string Bullets = "●•▪■◦○◆◇❖➢➤►▶✓✔※";

    /// <summary>Whitespace collapsed, invisible characters (zero-width spaces are common in Thai text) removed.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var result = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsInvisible(c)) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c)) { pendingSpace = result.Length > 0; continue; }
            if (pendingSpace) { result.Append(' '); pendingSpace = false; }
            result.Append(c);
        }
        return result.ToString();
    }

    public static bool HasVisibleText(string? text)
    {
        foreach (var c in text ?? "")
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && !IsInvisible(c)) return true;
        return false;
    }

    static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    /// <summary>The cell as one line: for short fields (issue, period, code).</summary>
    public static string? Line(SourceCell? cell) =>
        cell is null ? null : NullIfEmpty(Clean(string.Join(" ", cell.Paragraphs.Select(p => p.Text))));

    /// <summary>The items of a cell with list markers removed: steps.</summary>
    public static List<string> Steps(IEnumerable<CellParagraph> paragraphs) =>
        Join(Items(paragraphs, keepNumbers: false)).Select(i => i.Text).ToList();

    /// <summary>
    /// The cell's lines for a title or note: bullets are dropped and each bullet becomes a line,
    /// numbers stay as written because they are part of the agency's wording.
    /// </summary>
    public static string? Text(IEnumerable<CellParagraph> paragraphs) =>
        NullIfEmpty(string.Join("\n", Join(Items(paragraphs, keepNumbers: true)).Select(i => i.Text)));

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public enum Marker { None, Bullet, Number }

    public readonly record struct Item(string Text, Marker Marker);

    /// <summary>Splits paragraphs into items at bullets and at a run of step numbers, which are kept or dropped.</summary>
    public static List<Item> Items(IEnumerable<CellParagraph> paragraphs, bool keepNumbers)
    {
        var items = new List<Item>();
        int? nextNumber = null;
        foreach (var paragraph in paragraphs)
        {
            var text = Clean(paragraph.Text);
            if (text.Length == 0) continue;
            var first = true;
            foreach (var (piece, bulleted) in SplitBullets(text))
            {
                var listed = bulleted || (first && paragraph.IsListItem);
                first = false;
                foreach (var (part, marker) in SplitNumbers(piece, ref nextNumber))
                {
                    var itemText = marker is null ? part : keepNumbers ? $"{marker} {part}" : part;
                    items.Add(new Item(itemText, marker is not null ? Marker.Number : listed ? Marker.Bullet : Marker.None));
                }
            }
        }
        return items;
    }

    /// <summary>
    /// When a cell is a list, a line without a marker is the rest of the item above it (the layout broke it).
    /// A cell without any marker keeps each paragraph as its own item.
    /// </summary>
    public static List<Item> Join(List<Item> items)
    {
        if (!items.Any(i => i.Marker != Marker.None)) return items;
        var joined = new List<Item>();
        var seenMarker = false;
        foreach (var item in items)
        {
            if (item.Marker == Marker.None && seenMarker)
                joined[^1] = joined[^1] with { Text = joined[^1].Text + " " + item.Text };
            else
                joined.Add(item);
            seenMarker |= item.Marker != Marker.None;
        }
        return joined;
    }

    static IEnumerable<(string Text, bool Bulleted)> SplitBullets(string text)
    {
        var bulleted = false;
        var start = 0;
        // A leading dash or star is a bullet too ("- จัดทำคู่มือ…"); inside a sentence it is a hyphen.
        if (LeadingDash().Match(text) is { Success: true } dash) { start = dash.Length; bulleted = true; }
        for (var i = start; i <= text.Length; i++)
        {
            if (i < text.Length && !Bullets.Contains(text[i])) continue;
            var piece = text[start..i].Trim();
            if (piece.Length > 0) yield return (piece, bulleted);
            bulleted = true;
            start = i + 1;
        }
    }

    /// <summary>
    /// Splits at step numbers that count up by one ("๑. … ๒. …", "1) … 2) …"). A number must start the text
    /// or continue the cell's count, so "ข้อ ๓." or a score "๘๐.๙๒" inside a sentence stays text.
    /// </summary>
    static List<(string Text, string? Marker)> SplitNumbers(string text, ref int? nextNumber)
    {
        var markers = NumberMarker().Matches(text).Select(m => (m.Index, m.Length, Value: ValueOf(m))).ToList();
        var chain = new List<(int Index, int Length, int Value)>();
        var startAt = markers.FindIndex(m => m.Index == 0);
        if (startAt < 0)
        {
            var wanted = nextNumber ?? 1;
            var continuing = nextNumber is not null;
            startAt = markers.FindIndex(m => m.Value == wanted
                && (continuing || markers.Any(n => n.Index > m.Index && n.Value == wanted + 1)));
        }
        if (startAt >= 0)
        {
            chain.Add(markers[startAt]);
            foreach (var marker in markers.Skip(startAt + 1))
                if (marker.Value == chain[^1].Value + 1) chain.Add(marker);
        }

        var results = new List<(string, string?)>();
        if (chain.Count == 0) { results.Add((text, null)); return results; }
        if (chain[0].Index > 0) results.Add((text[..chain[0].Index].Trim(), null));
        for (var i = 0; i < chain.Count; i++)
        {
            var from = chain[i].Index + chain[i].Length;
            var to = i + 1 < chain.Count ? chain[i + 1].Index : text.Length;
            var part = text[from..to].Trim();
            if (part.Length > 0) results.Add((part, text.Substring(chain[i].Index, chain[i].Length).Trim()));
        }
        nextNumber = chain[^1].Value + 1;
        return results;
    }

    static int ValueOf(Match marker) => ThaiDigits.TryParseInt(marker.Groups["n"].Value, out var n) ? n : -1;

    // "๑." "1)" "(1)" at the start or after a space, not followed by another digit or dot (so "๘๐.๙๒", "๒.๑" stay text).
    [GeneratedRegex(@"(?<!\S)\(?(?<n>[0-9๐-๙]{1,2})[.)](?![0-9๐-๙.])\s*")]
    private static partial Regex NumberMarker();

    [GeneratedRegex(@"^[-–—*]+\s*")]
    private static partial Regex LeadingDash();
}
