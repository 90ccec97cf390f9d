using System.Globalization;

namespace ItaBot.Bench;

/// <summary>Percentiles of one run and min / median / max across repeated runs, printed the same way everywhere.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static (double Min, double Median, double Max) Spread(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).Order().ToList();
        if (v.Count == 0) return (double.NaN, double.NaN, double.NaN);
        var median = v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        return (v[0], median, v[^1]);
    }

    /// <summary>"min / median / max unit (n=…)".</summary>
    public static string Show(IEnumerable<double> values, string unit, string format = "0")
    {
        var list = values.ToList();
        var (min, median, max) = Spread(list);
        return string.Create(CultureInfo.InvariantCulture, $"{min.ToString(format, CultureInfo.InvariantCulture)} / {median.ToString(format, CultureInfo.InvariantCulture)} / {max.ToString(format, CultureInfo.InvariantCulture)} {unit} (min / median / max, n={list.Count})");
    }

    /// <summary>CPU seconds (user + system) process <paramref name="pid"/> has used so far (man 5 proc: fields 14 and 15).</summary>
    public static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    public static string? Text(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    /// <summary>Every value of a repeatable option, e.g. <c>--env A=1 --env B=2</c>.</summary>
    public static List<string> All(string[] args, string name)
    {
        var values = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++) if (args[i] == name) values.Add(args[i + 1]);
        return values;
    }

    public static List<int> Ints(string[] args, string name, params int[] fallback) =>
        Text(args, name) is { } list ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : [.. fallback];
}
