namespace ItaBot.Import.Tables;

/// <summary>One line of a cell as the file holds it: a Word paragraph, a line of a spreadsheet cell.</summary>
/// <param name="IsListItem">Word numbering or bullets applied by the list feature, which leave no marker in the text.</param>
public sealed record CellParagraph(string Text, bool IsListItem = false);

/// <summary>A cell placed on the table grid (merged cells take the grid column they start at).</summary>
/// <param name="MergedFromAbove">The cell continues a vertical merge: people read it as "same as above".</param>
/// <param name="Span">Grid columns the cell covers (Word gridSpan, a spreadsheet's merged range across columns).</param>
/// <param name="Shaded">The cell is filled with a colour: how Gantt-style plans mark the months a measure runs.</param>
public sealed record SourceCell(int Column, IReadOnlyList<CellParagraph> Paragraphs, bool MergedFromAbove = false, int Span = 1, bool Shaded = false)
{
    public string Text => string.Join("\n", Paragraphs.Select(p => p.Text));

    /// <summary>Nothing but spaces and invisible characters; asked several times per cell, so worked out once.</summary>
    public bool IsEmpty { get; } = Paragraphs.All(p => !CellText.HasVisibleText(p.Text));

    /// <summary>Characters in the cell: a header cell is short, so long cells are not looked at as headers.</summary>
    public int Length { get; } = Paragraphs.Sum(p => p.Text.Length);

    public bool Covers(int column) => column >= Column && column < Column + Span;
}

/// <param name="Number">Row number people see: Word table row (1 = first row), spreadsheet row, CSV record.</param>
public sealed record SourceRow(int Number, IReadOnlyList<SourceCell> Cells)
{
    public SourceCell? At(int column) => Cells.FirstOrDefault(c => c.Column == column);

    /// <summary>The cell whose span covers the column (a merged header cell covers the columns under it).</summary>
    public SourceCell? Covering(int column) => Cells.FirstOrDefault(c => c.Covers(column));

    public bool IsBlank => Cells.All(c => c.IsEmpty && !c.MergedFromAbove);
}

/// <summary>A table as found in a file, before anything is known about its columns.</summary>
/// <param name="Name">How a person finds it again: "ตาราง 3" (Word), "ชีต “แผน”" (Excel); null for a CSV file.</param>
/// <param name="Key">What `--table` takes to name it: "3", "3.1" (a table inside table 3), the sheet's name.</param>
/// <param name="ColumnLetters">Spreadsheets name columns by letter (A, B…); Word tables do not.</param>
/// <param name="Parent">Index (in the document's table list) of the table this one sits in, for tables inside tables.</param>
public sealed record SourceTable(string? Name, IReadOnlyList<SourceRow> Rows, bool ColumnLetters, string Key = "1", int? Parent = null)
{
    public int ColumnCount => Rows.Count == 0 ? 0 : Rows.Max(r => r.Cells.Count == 0 ? 0 : r.Cells.Max(c => c.Column + c.Span));

    /// <summary>How a person names a column: "C" in a spreadsheet, "คอลัมน์ที่ 3" in Word.</summary>
    public string ColumnName(int column) => ColumnLetters ? XlsxTables.LetterOf(column) : $"คอลัมน์ที่ {column + 1}";
}
