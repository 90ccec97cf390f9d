using System.Globalization;

namespace ItaBot.Reports;

/// <summary>
/// How much room printed Thai text takes, estimated from the advance widths of TH Sarabun (the same metrics as
/// TH SarabunPSK and TLWG's Laksaman, which LibreOffice uses in its place), so that documents can choose column
/// widths and row heights before a word processor lays them out: Word and LibreOffice do not fit rows to text
/// in spreadsheets, and a table whose widths ignore the text wastes pages. Estimates, not layout: callers keep
/// a margin.
/// </summary>
public static class TextWidth
{
    // Advance widths in thousandths of an em, U+0E00–U+0E5F; above and below marks take no room.
    static readonly short[] Thai =
    [
        0, 580, 568, 574, 591, 591, 613, 442, 552, 567, 568, 574, 780, 780, 639, 639, 515, 693, 800, 816, 588, 588, 568, 646,
        503, 631, 643, 643, 573, 573, 672, 672, 639, 601, 564, 484, 568, 573, 639, 503, 591, 658, 573, 642, 682, 582, 559, 588,
        536, 0, 475, 475, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 618, 305, 567, 356, 364, 367, 308, 600, 0, 0, 0, 0, 0, 0, 0, 0, 676,
        675, 675, 675, 675, 675, 675, 675, 675, 675, 675, 785, 1048, 0, 0, 0, 0,
    ];

    // U+0020–U+007E.
    static readonly short[] Ascii =
    [
        324, 221, 312, 606, 543, 879, 636, 180, 285, 285, 428, 618, 243, 324, 243, 406, 544, 544, 544, 544, 544, 544, 544, 544,
        544, 544, 243, 243, 618, 618, 618, 425, 806, 601, 568, 610, 648, 527, 527, 639, 663, 221, 397, 565, 530, 824, 663, 731,
        568, 732, 570, 529, 570, 700, 586, 884, 628, 550, 637, 294, 394, 294, 619, 529, 306, 517, 603, 497, 603, 562, 309, 467,
        586, 215, 233, 475, 300, 904, 586, 598, 603, 603, 326, 424, 357, 586, 512, 762, 478, 506, 482, 312, 230, 312, 625,
    ];

    /// <summary>Bold TH Sarabun is about this much wider.</summary>
    const double BoldFactor = 1.08;

    /// <summary>Width of <paramref name="text"/> in ems (one line, no wrapping).</summary>
    public static double Ems(string text, bool bold = false)
    {
        var thousandths = 0;
        foreach (var c in text)
        {
            if (c >= 0x0E00 && c <= 0x0E5F) thousandths += Thai[c - 0x0E00];
            else if (c >= 0x20 && c <= 0x7E) thousandths += Ascii[c - 0x20];
            else if (c is '\u2610' or '\u2611' or '\u2612') thousandths += 780; // ballot boxes come from a symbol font
            else if (char.IsLowSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format or UnicodeCategory.Control) { }
            else if (c is '“' or '”' or '‘' or '’') thousandths += 300;
            else if (c is '–' or '—' or '…') thousandths += 700;
            else thousandths += 600;
        }
        return thousandths / 1000.0 * (bold ? BoldFactor : 1);
    }

    /// <summary>Width of <paramref name="text"/> in points at <paramref name="sizePt"/>.</summary>
    public static double Points(string text, double sizePt, bool bold = false) => Ems(text, bold) * sizePt;

    public static bool HasThai(string text)
    {
        foreach (var c in text) if (c >= 0x0E01 && c <= 0x0E4F) return true;
        return false;
    }

    /// <summary>
    /// The widest piece a line cannot be broken inside: a word between spaces, or a piece of Thai between ICU's line
    /// break opportunities (a dictionary word, with any bracket or slash glued to it). Without
    /// ICU, Thai counts as no wider than a long common word ("ผู้รับผิดชอบ").
    /// </summary>
    public static double LongestUnbreakablePoints(string text, double sizePt, bool bold = false)
    {
        double longest = 0;
        foreach (var token in text.Split([' ', '\n', '\t', ReportText.BreakHere], StringSplitOptions.RemoveEmptyEntries))
        {
            double width;
            if (!HasThai(token)) width = Points(token, sizePt, bold);
            else if (ItaBot.Thai.ThaiWords.IsAvailable) width = ItaBot.Thai.ThaiWords.SplitForLines(token).Max(w => Points(w.TrimEnd(), sizePt, bold));
            else width = Math.Min(Points(token, sizePt, bold), Points("ผู้รับผิดชอบ", sizePt, bold));
            longest = Math.Max(longest, width);
        }
        return longest;
    }

    /// <summary>
    /// Lines that <paramref name="text"/> (newlines kept) fills in a column <paramref name="widthPt"/> wide: words
    /// wrap at spaces; Thai, which has none between words, wraps anywhere with a tenth lost to word ends.
    /// </summary>
    public static int Lines(string text, double widthPt, double sizePt, bool bold = false)
    {
        if (widthPt <= 0) return int.MaxValue / 4;
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var line = 1;
            double used = 0;
            var space = Points(" ", sizePt, bold);
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var width = Points(word, sizePt, bold);
                var flows = word.Any(c => c >= 0x0E01 && c <= 0x0E4F) || width > widthPt;
                if (flows) width *= 1.1;
                var needed = used == 0 ? width : used + space + width;
                if (needed <= widthPt) { used = needed; continue; }
                if (!flows) { line++; used = width; continue; }
                // Thai (or a word wider than the column) fills the rest of the line and flows on.
                used = needed;
                while (used > widthPt) { line++; used -= widthPt; }
            }
            lines += line;
        }
        return lines;
    }
}
