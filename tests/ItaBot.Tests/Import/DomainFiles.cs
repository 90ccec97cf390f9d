namespace ItaBot.Tests.Import;

/// <summary>The real agency documents in ../shared/domain, found by walking up from the test binaries.</summary>
public static class DomainFiles
{
    public static string Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "domain", name);
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException($"shared/domain/{name} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The line numbers (1-based) of the first and last line of the table rows that start at a header.</summary>
    public static (int From, int To) MeasuresSection(string text, string firstHeaderCell)
    {
        var lines = text.Split('\n');
        var from = Array.FindIndex(lines, l => l.StartsWith(firstHeaderCell + "\t", StringComparison.Ordinal));
        var to = Array.FindLastIndex(lines, l => l.Contains('\t'));
        return (from + 1, to + 1);
    }
}
