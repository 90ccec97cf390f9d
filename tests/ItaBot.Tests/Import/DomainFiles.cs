using ItaBot.Tests.Support;

namespace ItaBot.Tests.Import;

/// <summary>The real agency documents vendored in tests/fixtures/domain (copied beside the test binaries).</summary>
public static class DomainFiles
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(TestFiles.Folder("fixtures", "domain"), name));

    /// <summary>The line numbers (1-based) of the first and last line of the table rows that start at a header.</summary>
    public static (int From, int To) MeasuresSection(string text, string firstHeaderCell)
    {
        var lines = text.Split('\n');
        var from = Array.FindIndex(lines, l => l.StartsWith(firstHeaderCell + "\t", StringComparison.Ordinal));
        var to = Array.FindLastIndex(lines, l => l.Contains('\t'));
        return (from + 1, to + 1);
    }
}
