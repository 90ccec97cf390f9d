using System.Diagnostics;

namespace ItaBot.Bench;

/// <summary>Timing and memory figures printed the same way by every benchmark.</summary>
public static class Figures
{
    public static void Print(string name, string value) => Console.WriteLine($"{name,-44} {value}");

    public static long WorkingSetMb() { using var p = Process.GetCurrentProcess(); p.Refresh(); return p.WorkingSet64 / (1024 * 1024); }

    public static long PeakWorkingSetMb() { using var p = Process.GetCurrentProcess(); p.Refresh(); return p.PeakWorkingSet64 / (1024 * 1024); }

    /// <summary>Starts the peak working set afresh (Linux: /proc/self/clear_refs), so a later phase is measured on its own.</summary>
    public static bool ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>The process's CPU time so far (user and system, all threads), in ms.</summary>
    public static double CpuMs() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime.TotalMilliseconds; }

    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }
}
