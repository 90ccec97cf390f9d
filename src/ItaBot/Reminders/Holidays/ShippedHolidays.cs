using System.Text.Json;
using System.Text.Json.Serialization;

namespace ItaBot.Reminders.Holidays;

/// <summary>
/// The official Thai public holidays shipped as <c>th-holidays-&lt;BE year&gt;.json</c> next to the app
/// (one file per year, date + Thai name). An operator can edit or add files; organizations add or
/// remove days of their own in <see cref="OrganizationHoliday"/>.
/// </summary>
public sealed class ShippedHolidays
{
    public IReadOnlyDictionary<DateOnly, string> Days { get; }
    public IReadOnlyList<HolidayFile> Files { get; }

    public ShippedHolidays(IReadOnlyList<HolidayFile> files)
    {
        Files = files;
        var days = new Dictionary<DateOnly, string>();
        foreach (var file in files)
            foreach (var day in file.Holidays)
                days[day.Date] = days.TryGetValue(day.Date, out var other) && other != day.Name ? $"{other} / {day.Name}" : day.Name;
        Days = days;
    }

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Reminders", "Holidays");

    /// <summary>Reads every holiday file in <paramref name="directory"/>; a bad file names itself and the entry that is wrong.</summary>
    public static ShippedHolidays Load(string directory)
    {
        var files = new List<HolidayFile>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "th-holidays-*.json").Order(StringComparer.Ordinal))
                files.Add(Read(path));
        }
        return new ShippedHolidays(files);
    }

    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip };

    static HolidayFile Read(string path)
    {
        HolidayFile? file;
        try { file = JsonSerializer.Deserialize<HolidayFile>(File.ReadAllText(path), Json); }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Holiday file {path}: {e.Message} (line {e.LineNumber + 1}). Each entry is {{ \"date\": \"2026-04-13\", \"name\": \"วันสงกรานต์\" }}.", e);
        }
        if (file is null) throw new InvalidDataException($"Holiday file {path} is empty.");
        for (var i = 0; i < file.Holidays.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(file.Holidays[i].Name))
                throw new InvalidDataException($"Holiday file {path}: entry {i + 1} ({file.Holidays[i].Date:yyyy-MM-dd}) has no name.");
        }
        return file;
    }
}

public sealed record HolidayFile(
    int Year,
    int GregorianYear,
    string? Source,
    string? Note,
    bool Provisional,
    [property: JsonRequired] List<HolidayEntry> Holidays);

public sealed record HolidayEntry([property: JsonRequired] DateOnly Date, [property: JsonRequired] string Name);
