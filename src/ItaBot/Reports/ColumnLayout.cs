namespace ItaBot.Reports;

/// <summary>One paragraph of a table cell as <see cref="ColumnLayout"/> measures it.</summary>
/// <param name="HangingPt">How much further in the paragraph's second and later lines start (a checkbox's wording).</param>
/// <param name="WholeWords">Break only at spaces and zero-width spaces (headers, read as whole words), not between Thai words.</param>
public readonly record struct CellParagraph(string Text, bool Bold = false, double HangingPt = 0, bool WholeWords = false);

/// <summary>
/// Column widths for a printed table, chosen for its text so that the table is as short as it can be: every
/// column at least as wide as its longest unbreakable piece (a Thai dictionary word, a Latin word), and the rest of
/// the width moved between columns while that lowers the table's total height (the sum of its rows' heights in
/// lines, a group's heading row with the row under it, the header once per page). Thai needs this: its
/// words only break where a dictionary says, so a column that is too narrow breaks words, and one that is too wide
/// wastes lines elsewhere.
/// </summary>
/// <remarks>
/// The search is cheap by construction: each cell is cut into pieces once, a column's line counts are computed
/// once per width on a ladder of <see cref="StepPt"/> steps (lazily, only the widths the search visits), and a move
/// of width between columns is scored incrementally from each row's tallest other columns. A large table is laid
/// out from evenly spread runs of its rows (<see cref="SampleRows"/>).
/// </remarks>
public sealed class ColumnLayout
{
    /// <summary>The ladder's step: about a third of a Thai letter at 14 pt.</summary>
    public const double StepPt = 2;

    /// <summary>
    /// Rows the width search looks at; larger tables are sampled in runs of consecutive rows and searched from one
    /// start, not three. The search's work grows with rows × moves tried × steps taken: 200 measures searched whole
    /// from three starts took over a second, while the widths a 64-row sample gives differ by a few points.
    /// </summary>
    public const int SampleRows = 64;

    /// <summary>Row scorings one search may spend (a move tried costs one per looked-at row): a bound on its time whatever the table.</summary>
    public const long WorkBound = 12_000_000;

    /// <summary>Room kept free on every line for the word processor's rounding and shaping.</summary>
    const double SlackPt = 1.5;

    readonly Piece[][][] _pieces; // [row][column] → the cell's paragraphs as pieces, in order
    readonly int _rows, _columns;
    readonly double _paddingPt, _spacePt;

    enum Join : byte { AfterSpace, Glued, Flows, ParagraphStart, ParagraphEnd }

    /// <summary>A piece a line cannot break inside; a paragraph start carries its hanging indent as its width.</summary>
    readonly record struct Piece(double Width, Join Join);

    /// <param name="cells">Per row and column, the paragraphs of each cell.</param>
    /// <param name="sizePt">Font size of the cells.</param>
    /// <param name="paddingPt">Left plus right cell padding.</param>
    public ColumnLayout(IReadOnlyList<IReadOnlyList<IReadOnlyList<CellParagraph>>> cells, int columns, double sizePt, double paddingPt)
    {
        _rows = cells.Count;
        _columns = columns;
        _paddingPt = paddingPt;
        _spacePt = TextWidth.Points(" ", sizePt);
        _pieces = new Piece[_rows][][];
        var pieces = new List<Piece>();
        // A round's cells repeat their phrases (units, dates, the status wording, a unit's way of writing): each
        // distinct piece of text is measured, and broken by ICU, once.
        var measured = new Dictionary<(string, bool, bool), Piece[]>();
        for (var r = 0; r < _rows; r++)
        {
            _pieces[r] = new Piece[columns][];
            for (var c = 0; c < columns; c++)
            {
                pieces.Clear();
                foreach (var paragraph in cells[r][c])
                    foreach (var line in paragraph.Text.Split('\n'))
                    {
                        pieces.Add(new Piece(paragraph.HangingPt, Join.ParagraphStart));
                        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        {
                            if (!measured.TryGetValue((word, paragraph.Bold, paragraph.WholeWords), out var wordPieces))
                            {
                                var added = new List<Piece>();
                                AddWord(added, word, sizePt, paragraph.Bold, paragraph.WholeWords);
                                measured[(word, paragraph.Bold, paragraph.WholeWords)] = wordPieces = [.. added];
                            }
                            pieces.AddRange(wordPieces);
                        }
                        pieces.Add(new Piece(0, Join.ParagraphEnd));
                    }
                _pieces[r][c] = [.. pieces];
            }
        }
    }

    public int Rows => _rows;

    /// <summary>
    /// A word between spaces, cut where a line may break: at zero-width spaces, and in Thai where ICU's line breaker
    /// allows (between dictionary words, not before ")" or after "("). Latin words stay whole.
    /// </summary>
    static void AddWord(List<Piece> pieces, string word, double sizePt, bool bold, bool wholeWords)
    {
        var first = true;
        foreach (var segment in word.Split(ReportText.BreakHere, StringSplitOptions.RemoveEmptyEntries))
        {
            var thai = !wholeWords && TextWidth.HasThai(segment);
            if (thai && !ItaBot.Thai.ThaiWords.IsAvailable)
            {
                // Without a dictionary: assume Thai breaks anywhere, losing a tenth of each line to word ends.
                pieces.Add(new Piece(TextWidth.Points(segment, sizePt, bold) * 1.1, Join.Flows));
                first = false;
                continue;
            }
            if (!thai)
            {
                pieces.Add(new Piece(TextWidth.Points(segment, sizePt, bold), first ? Join.AfterSpace : Join.Glued));
                first = false;
                continue;
            }
            foreach (var part in ItaBot.Thai.ThaiWords.SplitForLines(segment))
            {
                pieces.Add(new Piece(TextWidth.Points(part.TrimEnd(), sizePt, bold), first ? Join.AfterSpace : Join.Glued));
                first = false;
            }
        }
    }

    /// <summary>The widest piece of column <paramref name="column"/> (its hanging indent included), padding and slack added: the narrowest width that breaks no word.</summary>
    public double MinimumPt(int column)
    {
        double widest = 0;
        for (var r = 0; r < _rows; r++)
        {
            double hang = 0;
            foreach (var piece in _pieces[r][column])
            {
                if (piece.Join == Join.ParagraphStart) { hang = piece.Width; continue; }
                if (piece.Join != Join.Flows) widest = Math.Max(widest, piece.Width + hang);
            }
        }
        return widest + _paddingPt + SlackPt;
    }

    /// <summary>All text of column <paramref name="column"/> laid end to end, in points: how much room it asks for.</summary>
    public double DemandPt(int column)
    {
        double sum = 0;
        for (var r = 0; r < _rows; r++)
            foreach (var piece in _pieces[r][column])
                if (piece.Join is not (Join.ParagraphStart or Join.ParagraphEnd)) sum += piece.Width + (piece.Join == Join.AfterSpace ? _spacePt : 0);
        return sum;
    }

    /// <summary>Lines cell (<paramref name="row"/>, <paramref name="column"/>) fills at <paramref name="widthPt"/> (padding included).</summary>
    public int Lines(int row, int column, double widthPt)
    {
        var available = widthPt - _paddingPt - SlackPt;
        if (available <= 1) return 10_000;
        int lines = 0, line = 1;
        double used = 0, hang = 0, room = available;
        foreach (var piece in _pieces[row][column])
        {
            switch (piece.Join)
            {
                case Join.ParagraphStart:
                    hang = Math.Min(piece.Width, available / 2);
                    line = 1; used = 0; room = available;
                    continue;
                case Join.ParagraphEnd:
                    lines += line;
                    continue;
            }
            var gap = used == 0 || piece.Join == Join.Glued ? 0 : _spacePt;
            var needed = used + gap + piece.Width;
            if (needed <= room) { used = needed; continue; }
            if (piece.Join == Join.Flows || piece.Width > available - hang)
            {
                // Breaks inside: fills this line and flows on over the next ones.
                used = needed;
                while (used > room) { used -= room; line++; room = available - hang; }
                continue;
            }
            line++;
            room = available - hang;
            used = piece.Width;
        }
        return Math.Max(lines, 1);
    }

    /// <summary>What the table's height counts, besides its rows.</summary>
    /// <param name="Above">Per row of the layout, lines printed just above it and kept on its page (a group's heading row), or null.</param>
    /// <param name="HeaderRow">A row printed at the top of every page (the header), or -1.</param>
    /// <param name="LinesPerPage">Body lines a page holds, to count the header once per page.</param>
    /// <param name="Rows">The rows the search looks at, in order (a large table's sample, the header among them); all when null.</param>
    /// <param name="FirstPageLines">Lines of the first page taken by what comes before the table (the title).</param>
    /// <param name="LastLines">Lines of what follows the table and stays in one piece (the summary and the signature block).</param>
    public sealed record Shape(int[]? Above = null, int HeaderRow = -1, int LinesPerPage = 0, int[]? Rows = null, int FirstPageLines = 0, int LastLines = 0);

    /// <summary>
    /// Widths in points summing to <paramref name="totalPt"/>, each at least its minimum, that make the table
    /// shortest: the sum of row heights in lines (a row as tall as its tallest cell, with the heading kept above it), plus the header's lines once per page.
    /// </summary>
    public double[] Choose(double totalPt, IReadOnlyList<double> minimumPt, Shape? shape = null)
    {
        shape ??= new Shape();
        var spare = totalPt - minimumPt.Sum();
        if (spare < 0) return minimumPt.Select(w => w * totalPt / minimumPt.Sum()).ToArray();
        var search = new Search(this, minimumPt, (int)Math.Floor(spare / StepPt), shape);

        var demand = Enumerable.Range(0, _columns).Select(DemandPt).ToArray();
        var best = search.Descend(search.Start(demand));
        var sampled = shape.Rows is { } looked && looked.Length < _rows;
        foreach (var start in sampled ? [] : new[] { demand.Select(Math.Sqrt).ToArray(), Enumerable.Repeat(1.0, _columns).ToArray() })
        {
            var candidate = search.Descend(search.Start(start));
            if (candidate.Total < best.Total) best = candidate;
        }

        var widths = Enumerable.Range(0, _columns).Select(c => minimumPt[c] + best.Steps[c] * StepPt).ToArray();
        // What the ladder leaves over goes to the widest column, whose lines can only fall.
        widths[Array.IndexOf(widths, widths.Max())] += totalPt - widths.Sum();
        return widths;
    }

    /// <summary>Steepest descent over moves of width between columns, on the ladder.</summary>
    sealed class Search
    {
        readonly ColumnLayout _layout;
        readonly IReadOnlyList<double> _minimum;
        readonly int _budget; // ladder steps to share out
        readonly int _rows, _columns, _header;
        readonly int _linesPerPage, _firstPageLines, _lastLines;
        readonly int[] _rowIndex; // looked-at row → row of the layout
        readonly int[] _above; // per looked-at row: heading lines kept with it
        readonly Dictionary<int, int[]>[] _ladder; // [column][steps] → lines per row

        // Per row, the three tallest counted columns at the current widths, for scoring a move without a full pass.
        readonly int[] _top1, _top2, _top3;
        readonly int[] _heights;

        public Search(ColumnLayout layout, IReadOnlyList<double> minimum, int budget, Shape shape)
        {
            _layout = layout;
            _minimum = minimum;
            _budget = budget;
            _rowIndex = shape.Rows ?? Enumerable.Range(0, layout._rows).ToArray();
            _rows = _rowIndex.Length;
            _columns = layout._columns;
            _header = Array.IndexOf(_rowIndex, shape.HeaderRow);
            _linesPerPage = shape.LinesPerPage;
            _firstPageLines = shape.FirstPageLines;
            // A sample of a large table is not its end: what follows the table counts only when every row is looked at.
            _lastLines = shape.Rows is { } rows && rows.Length - (shape.HeaderRow >= 0 ? 1 : 0) < layout._rows - (shape.HeaderRow >= 0 ? 1 : 0) ? 0 : shape.LastLines;
            _above = _rowIndex.Select(r => shape.Above is { } above && r < above.Length ? above[r] : 0).ToArray();
            _ladder = Enumerable.Range(0, _columns).Select(_ => new Dictionary<int, int[]>()).ToArray();
            _top1 = new int[_rows];
            _top2 = new int[_rows];
            _top3 = new int[_rows];
            _heights = new int[_rows];
        }

        public readonly record struct Result(int[] Steps, double Total);

        int[] LinesAt(int column, int steps)
        {
            if (_ladder[column].TryGetValue(steps, out var lines)) return lines;
            var width = _minimum[column] + steps * StepPt;
            lines = new int[_rows];
            for (var r = 0; r < _rows; r++) lines[r] = _layout.Lines(_rowIndex[r], column, width);
            _ladder[column][steps] = lines;
            return lines;
        }

        /// <summary>Ladder steps per column in proportion to <paramref name="weights"/>, summing to the budget.</summary>
        public int[] Start(double[] weights)
        {
            var sum = weights.Sum();
            var steps = weights.Select(w => (int)Math.Floor(_budget * (sum == 0 ? 1.0 / _columns : w / sum))).ToArray();
            for (var c = 0; steps.Sum() < _budget; c = (c + 1) % _columns) steps[c]++;
            return steps;
        }

        /// <summary>Each row's three tallest columns at <paramref name="lines"/>.</summary>
        void Rank(int[][] lines)
        {
            for (var r = 0; r < _rows; r++)
            {
                int a = -1, b = -1, c3 = -1;
                for (var c = 0; c < _columns; c++)
                {
                    var v = lines[c][r];
                    if (a < 0 || v > lines[a][r]) { c3 = b; b = a; a = c; }
                    else if (b < 0 || v > lines[b][r]) { c3 = b; b = c; }
                    else if (c3 < 0 || v > lines[c3][r]) c3 = c;
                }
                (_top1[r], _top2[r], _top3[r]) = (a, b, c3);
            }
        }

        /// <summary>
        /// The table's height in lines with columns <paramref name="x"/>, <paramref name="y"/> and <paramref name="z"/>
        /// (or -1) at the given lines and every other column as ranked: rows with their headings, and the header
        /// once per page.
        /// </summary>
        double Score(int[][] lines, int x, int[] xl, int y, int[] yl, int z, int[]? zl)
        {
            long sum = 0;
            int units = 0, header = 0;
            for (var r = 0; r < _rows; r++)
            {
                var other = _top1[r];
                if (other == x || other == y || other == z) other = _top2[r];
                if (other == x || other == y || other == z) other = _top3[r];
                if (other == x || other == y || other == z) other = -1;
                var height = other < 0 ? 0 : lines[other][r];
                height = Math.Max(height, xl[r]);
                height = Math.Max(height, yl[r]);
                if (z >= 0) height = Math.Max(height, zl![r]);
                if (r == _header) { header = height; continue; }
                _heights[units++] = height + _above[r];
                sum += height + _above[r];
            }
            if (_linesPerPage <= 0) return sum + header;
            return Pages(units, header) * PageWeight + sum + header * Math.Max(1.0, sum / (double)_linesPerPage);
        }

        /// <summary>A page costs more than any number of lines: fewer pages first, then a shorter table.</summary>
        const double PageWeight = 100_000;

        /// <summary>
        /// Pages the rows fill when each is kept whole on a page (the header repeated on each, the first page
        /// shortened by the title); a row taller than a page starts its own and runs over the next.
        /// </summary>
        int Pages(int units, int header)
        {
            var capacity = Math.Max(1, _linesPerPage - header);
            var room = Math.Max(1, capacity - _firstPageLines);
            int pages = 1, used = 0;
            for (var u = 0; u < units; u++)
            {
                var h = _heights[u];
                if (h > capacity)
                {
                    pages += (used > 0 ? 1 : 0) + (h - 1) / capacity;
                    used = (h - 1) % capacity + 1;
                    room = capacity;
                    continue;
                }
                if (used + h > room) { pages++; used = 0; room = capacity; }
                used += h;
            }
            // The summary and signature keep together, on the last page of rows or on a page of their own.
            if (_lastLines > 0 && used + _lastLines > room + header) pages++;
            return pages;
        }

        /// <summary>Moves of 1, 2, 3, 5 … ladder steps from one column to one or two others, the best first, until none helps.</summary>
        public Result Descend(int[] steps)
        {
            steps = (int[])steps.Clone();
            var lines = new int[_columns][];
            for (var c = 0; c < _columns; c++) lines[c] = LinesAt(c, steps[c]);
            Rank(lines);
            var total = Score(lines, 0, lines[0], 1, lines[1], -1, null);
            int[] amounts = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
            long work = 0;
            for (var iteration = 0; iteration < 400 && work < WorkBound / 3; iteration++)
            {
                var best = (From: -1, To: -1, Also: -1, Amount: 0, Total: total - 1e-9);
                for (var from = 0; from < _columns; from++)
                    for (var to = 0; to < _columns; to++)
                    {
                        if (to == from) continue;
                        foreach (var amount in amounts)
                        {
                            if (steps[from] < amount) break;
                            var candidate = Score(lines, from, LinesAt(from, steps[from] - amount), to, LinesAt(to, steps[to] + amount), -1, null);
                            if (candidate < best.Total) best = (from, to, -1, amount, candidate);
                        }
                        // Two columns that are both a row's tallest only help together.
                        for (var also = to + 1; also < _columns; also++)
                        {
                            if (also == from) continue;
                            foreach (var amount in amounts)
                            {
                                if (steps[from] < 2 * amount) break;
                                var candidate = Score(lines, from, LinesAt(from, steps[from] - 2 * amount), to, LinesAt(to, steps[to] + amount), also, LinesAt(also, steps[also] + amount));
                                if (candidate < best.Total) best = (from, to, also, amount, candidate);
                            }
                        }
                    }
                work += (long)_columns * (_columns - 1) * amounts.Length * _columns / 2 * _rows;
                if (best.From < 0) break;
                steps[best.From] -= best.Also < 0 ? best.Amount : 2 * best.Amount;
                steps[best.To] += best.Amount;
                if (best.Also >= 0) steps[best.Also] += best.Amount;
                foreach (var c in new[] { best.From, best.To, best.Also })
                    if (c >= 0) lines[c] = LinesAt(c, steps[c]);
                Rank(lines);
                total = best.Total;
            }
            return new Result(steps, total);
        }
    }
}
