using System.Text.Json;
using ItaBot.Import;
using ItaBot.Import.Tables;
using ItaBot.Tests.Support;

namespace ItaBot.Tests.Import;

/// <summary>
/// Header rows of real agencies' tables (tests/fixtures/import/plan-headers.json, as they wrote them): measures
/// tables are read with the right role per column, score tables, OIT checklists and registers are skipped.
/// </summary>
public class HeaderCorpusTests
{
    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Corpus()) data.Add(entry.GetProperty("source").GetString()!);
        return data;
    }

    static IEnumerable<JsonElement> Corpus()
    {
        var path = Path.Combine(TestFiles.Folder("fixtures", "import"), "plan-headers.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("tables").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void EachTableIsReadOrSkippedAsItsAgencyMeantIt(string source)
    {
        var entry = Corpus().Single(e => e.GetProperty("source").GetString() == source);
        var table = TableOf(entry);

        var columns = PlanColumns.Find(table);

        var expect = entry.GetProperty("expect").GetString();
        if (expect == "skip")
        {
            Assert.True(columns is null || columns.Verdict == TableVerdict.Skipped,
                $"expected to be skipped, was {columns?.Verdict} at {columns?.Confidence:0.00}: {Describe(columns)}");
            return;
        }
        Assert.True(columns?.Verdict == TableVerdict.Read, $"expected measures, was {columns?.Verdict} at {columns?.Confidence:0.00}: {Describe(columns)}");
        foreach (var role in entry.GetProperty("roles").EnumerateObject())
        {
            var column = columns!.All.FirstOrDefault(c => c.Header == CellText.Clean(role.Name) || c.Header.StartsWith(CellText.Clean(role.Name) + " ", StringComparison.Ordinal));
            Assert.True(column is not null, $"no column “{role.Name}” in {Describe(columns)}");
            Assert.Contains(role.Value.GetString(), columns.KindsOf(column!).Select(HeaderVocabulary.Id).Append(HeaderVocabulary.Id(column!.Kind)));
        }
    }

    [Fact]
    public void TheCorpusHoldsBothMeasuresTablesAndTablesToSkip()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count(e => e.GetProperty("expect").GetString() == "measures") >= 10);
        Assert.True(corpus.Count(e => e.GetProperty("expect").GetString() == "skip") >= 10);
    }

    static SourceTable TableOf(JsonElement entry)
    {
        var spans = entry.TryGetProperty("spans", out var s) ? s.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()) : [];
        var rows = new List<SourceRow>();
        var r = 0;
        foreach (var row in entry.GetProperty("rows").EnumerateArray())
        {
            var texts = row.EnumerateArray().Select(c => c.GetString()!).ToList();
            var cells = new List<SourceCell>();
            for (var c = 0; c < texts.Count;)
            {
                var span = spans.GetValueOrDefault($"{r}:{c}", 1);
                cells.Add(new SourceCell(c, [new CellParagraph(texts[c])], Span: span));
                c += span;
            }
            rows.Add(new SourceRow(++r, cells));
        }
        return new SourceTable("ตาราง 1", rows, ColumnLetters: false);
    }

    static string Describe(PlanColumns? columns) =>
        columns is null ? "no header" : string.Join(" | ", columns.All.Select(c => $"{c.Header}={string.Join("+", columns.KindsOf(c))}"));
}
