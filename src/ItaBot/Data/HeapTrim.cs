using System.Runtime.InteropServices;

namespace ItaBot.Data;

/// <summary>
/// Hands start-up's spare memory back to the system: the GC heap it grew (compacted, then decommitted) and the
/// C library's heap, where the JIT and the runtime keep their scratch memory. glibc keeps what was freed there for
/// the next malloc and gives it back only when asked (<c>malloc_trim</c>); other C libraries have no such call.
/// </summary>
static partial class HeapTrim
{
    public static void Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            MallocTrim(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl (Alpine) and other C libraries: nothing to trim this way.
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
