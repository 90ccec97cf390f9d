using System.Globalization;

namespace ItaBot.Web;

/// <summary>A file's size as pages show it beside its name ("820 B", "45.3 KB", "2.1 MB").</summary>
public static class FileSizes
{
    public static string Of(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MB"),
    };
}
