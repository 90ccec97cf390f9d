using System.Diagnostics;

namespace ItaBot.Bench;

/// <summary>Timing and memory figures printed the same way by every benchmark.</summary>
public static class Figures
{
    public static void Print(string name, string value) => Console.WriteLine($"{name,-44} {value}");

    public static long WorkingSetMb() { using var p = Process.GetCurrentProcess(); p.Refresh(); return p.WorkingSet64 / (1024 * 1024); }

    public static long PeakWorkingSetMb() { using var p = Process.GetCurrentProcess(); p.Refresh(); return p.PeakWorkingSet64 / (1024 * 1024); }

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
