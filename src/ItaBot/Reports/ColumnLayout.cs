namespace ItaBot.Reports;

/// <summary>
/// Column widths for a printed table, chosen for its text: every column at least as wide as its longest
/// unbreakable piece (and whatever a caller fixes, such as the checkbox wording on one line), and the rest of the
/// page width moved, step by step, to whichever column makes the table shortest. Thai needs this: its words
/// only break where a dictionary says, so a column that is too narrow breaks words, and one that is too wide
/// wastes lines elsewhere.
/// </summary>
public sealed class ColumnLayout
{
    readonly Piece[][][] _pieces; // [row][column] → the words of the cell's paragraphs, in order
    readonly int _rows, _columns;
    readonly double _paddingPt, _spacePt;

    enum Join : byte { AfterSpace, Glued, Flows, ParagraphEnd }

    readonly record struct Piece(double Width, Join Join);

    /// <param name="cells">Per row and column, the paragraphs (text and boldness) of each cell.</param>
    /// <param name="sizePt">Font size of the cells.</param>
    /// <param name="paddingPt">Left plus right cell padding.</param>
    public ColumnLayout(IReadOnlyList<IReadOnlyList<IReadOnlyList<(string Text, bool Bold)>>> cells, int columns, double sizePt, double paddingPt)
    {
        _rows = cells.Count;
        _columns = columns;
        _paddingPt = paddingPt;
        _spacePt = TextWidth.Points(" ", sizePt);
        _pieces = new Piece[_rows][][];
        for (var r = 0; r < _rows; r++)
        {
            _pieces[r] = new Piece[columns][];
            for (var c = 0; c < columns; c++)
            {
                var pieces = new List<Piece>();
                foreach (var (text, bold) in cells[r][c])
                    foreach (var line in text.Split('\n'))
                    {
                        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)) AddWord(pieces, word, sizePt, bold);
                        pieces.Add(new Piece(0, Join.ParagraphEnd));
                    }
                _pieces[r][c] = [.. pieces];
            }
        }
    }

    /// <summary>
    /// A word between spaces, cut where a line may break: at zero-width spaces, and in Thai where ICU's line breaker
    /// allows (between dictionary words, not before ")" or after "(").
    /// </summary>
    static void AddWord(List<Piece> pieces, string word, double sizePt, bool bold)
    {
        var first = true;
        foreach (var segment in word.Split(ReportText.BreakHere, StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = TextWidth.HasThai(segment) ? ItaBot.Thai.ThaiWords.SplitForLines(segment) : [segment];
            if (parts.Count == 1 && TextWidth.HasThai(segment) && !ItaBot.Thai.ThaiWords.IsAvailable)
            {
                // Without a dictionary: assume Thai breaks anywhere, losing a tenth of each line to word ends.
                pieces.Add(new Piece(TextWidth.Points(segment, sizePt, bold) * 1.1, Join.Flows));
                first = false;
                continue;
            }
            foreach (var part in parts)
            {
                pieces.Add(new Piece(TextWidth.Points(part, sizePt, bold), first ? Join.AfterSpace : Join.Glued));
                first = false;
            }
        }
    }

    /// <summary>Lines cell (<paramref name="row"/>, <paramref name="column"/>) fills at <paramref name="widthPt"/> (padding included).</summary>
    public int Lines(int row, int column, double widthPt)
    {
        var available = widthPt - _paddingPt;
        if (available <= 1) return 10_000;
        int lines = 0, line = 1;
        double used = 0;
        var any = false;
        foreach (var piece in _pieces[row][column])
        {
            if (piece.Join == Join.ParagraphEnd) { lines += line; line = 1; used = 0; any = true; continue; }
            var gap = used == 0 || piece.Join == Join.Glued ? 0 : _spacePt;
            var needed = used + gap + piece.Width;
            if (needed <= available) { used = needed; continue; }
            if (piece.Join == Join.Flows || piece.Width > available)
            {
                // Breaks inside: fills this line and flows on over the next ones.
                used = needed;
                while (used > available) { line++; used -= available; }
                continue;
            }
            line++;
            used = piece.Width;
        }
        return any ? lines : 1;
    }

    /// <summary>
    /// Widths in points summing to <paramref name="totalPt"/>, each at least its minimum; <paramref name="rowLines"/>
    /// gives, for a candidate set of widths, the lines of one row (so callers decide how merged cells count).
    /// </summary>
    /// <param name="score">
    /// How good the row heights (in lines) are, lower being better; by default their sum. A document that keeps rows
    /// whole on a page scores the pages they fill.
    /// </param>
    public double[] Choose(double totalPt, IReadOnlyList<double> minimumPt, Func<int, double[], int[,], int>? rowLines = null, Func<int[], long>? score = null)
    {
        var widths = minimumPt.ToArray();
        var spare = totalPt - widths.Sum();
        if (spare < 0) return widths.Select(w => w * totalPt / widths.Sum()).ToArray();

        // Start from widths in proportion to how much text each column holds beyond its minimum.
        var demand = new double[_columns];
        for (var c = 0; c < _columns; c++)
            for (var r = 0; r < _rows; r++)
                foreach (var piece in _pieces[r][c]) demand[c] += piece.Width;
        var sumDemand = demand.Sum();
        for (var c = 0; c < _columns; c++)
            widths[c] += sumDemand == 0 ? spare / _columns : spare * demand[c] / sumDemand;

        var lines = new int[_rows, _columns];
        for (var r = 0; r < _rows; r++)
            for (var c = 0; c < _columns; c++) lines[r, c] = Lines(r, c, widths[c]);
        rowLines ??= (r, _, l) => { var max = 0; for (var c = 0; c < _columns; c++) max = Math.Max(max, l[r, c]); return max; };
        _score = score ?? (heights => heights.Sum());
        var total = Total(widths, lines, rowLines);

        // Move width from one column to another while that makes the table shorter, in smaller and smaller steps.
        foreach (var step in new[] { 36.0, 18.0, 9.0, 4.5 })
        {
            for (var round = 0; round < 40; round++)
            {
                var best = (From: -1, To: -1, Total: total);
                for (var from = 0; from < _columns; from++)
                {
                    if (widths[from] - step < minimumPt[from]) continue;
                    for (var to = 0; to < _columns; to++)
                    {
                        if (to == from) continue;
                        var candidate = TryMove(widths, lines, from, to, step, rowLines);
                        if (candidate < best.Total) best = (from, to, candidate);
                    }
                }
                if (best.From < 0) break;
                Apply(widths, lines, best.From, best.To, step);
                total = best.Total;
            }
        }
        return widths;
    }

    Func<int[], long> _score = heights => heights.Sum();

    long TryMove(double[] widths, int[,] lines, int from, int to, double step, Func<int, double[], int[,], int> rowLines)
    {
        var savedFrom = new int[_rows];
        var savedTo = new int[_rows];
        widths[from] -= step;
        widths[to] += step;
        for (var r = 0; r < _rows; r++)
        {
            savedFrom[r] = lines[r, from];
            savedTo[r] = lines[r, to];
            lines[r, from] = Lines(r, from, widths[from]);
            lines[r, to] = Lines(r, to, widths[to]);
        }
        var total = Total(widths, lines, rowLines);
        widths[from] += step;
        widths[to] -= step;
        for (var r = 0; r < _rows; r++)
        {
            lines[r, from] = savedFrom[r];
            lines[r, to] = savedTo[r];
        }
        return total;
    }

    void Apply(double[] widths, int[,] lines, int from, int to, double step)
    {
        widths[from] -= step;
        widths[to] += step;
        for (var r = 0; r < _rows; r++)
        {
            lines[r, from] = Lines(r, from, widths[from]);
            lines[r, to] = Lines(r, to, widths[to]);
        }
    }

    long Total(double[] widths, int[,] lines, Func<int, double[], int[,], int> rowLines)
    {
        var heights = new int[_rows];
        for (var r = 0; r < _rows; r++) heights[r] = rowLines(r, widths, lines);
        return _score(heights);
    }
}
