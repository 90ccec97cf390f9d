namespace ItaBot.Tests.Support;

/// <summary>
/// Files the tests read, kept in the repository (tests/contracts, tests/fixtures) and copied beside the test
/// binaries by the build: a clone of the project alone has everything its tests need.
/// </summary>
public static class TestFiles
{
    public static string Folder(params string[] parts)
    {
        var path = Path.Combine([AppContext.BaseDirectory, .. parts]);
        return Directory.Exists(path)
            ? path
            : throw new DirectoryNotFoundException($"{Path.Combine(parts)} is missing beside the test binaries ({AppContext.BaseDirectory}); it is copied from tests/ by the build.");
    }
}
