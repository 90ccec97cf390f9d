using System.Runtime.InteropServices;

namespace ItaBot.Thai;

/// <summary>
/// Where Thai words end, as ICU's dictionary-based word breaker finds them: Thai writes no spaces between words,
/// and Word and LibreOffice break lines between dictionary words, so a layout that wants no word broken must
/// know how long the words are. .NET has no word-breaking API; the ICU library it already uses for globalization
/// (libicuuc on Linux, icu.dll on Windows) has one, called here directly. Where no ICU can be found (invariant
/// globalization, an unusual system) <see cref="IsAvailable"/> is false and callers estimate instead.
/// </summary>
public static unsafe class ThaiWords
{
    const int WordBreak = 1; // UBRK_WORD
    const int LineBreak = 2; // UBRK_LINE
    const int Done = -1; // UBRK_DONE

    static readonly delegate* unmanaged[Cdecl]<int, byte*, char*, int, int*, nint> Open;
    static readonly delegate* unmanaged[Cdecl]<nint, int> First;
    static readonly delegate* unmanaged[Cdecl]<nint, int> Next;
    static readonly delegate* unmanaged[Cdecl]<nint, char*, int, int*, void> SetText;

    // Opening an iterator loads ICU's rules and dictionary: one of each kind is kept and given new text each time.
    static readonly Dictionary<int, nint> Iterators = [];
    static readonly Lock Gate = new();

    static ThaiWords()
    {
        foreach (var (library, suffix) in Candidates())
        {
            if (!NativeLibrary.TryLoad(library, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "ubrk_open" + suffix, out var open)
                || !NativeLibrary.TryGetExport(handle, "ubrk_first" + suffix, out var first)
                || !NativeLibrary.TryGetExport(handle, "ubrk_next" + suffix, out var next)
                || !NativeLibrary.TryGetExport(handle, "ubrk_setText" + suffix, out var setText))
                continue;
            Open = (delegate* unmanaged[Cdecl]<int, byte*, char*, int, int*, nint>)open;
            First = (delegate* unmanaged[Cdecl]<nint, int>)first;
            Next = (delegate* unmanaged[Cdecl]<nint, int>)next;
            SetText = (delegate* unmanaged[Cdecl]<nint, char*, int, int*, void>)setText;
            IsAvailable = true;
            return;
        }
    }

    /// <summary>True when ICU's word breaker could be loaded.</summary>
    public static bool IsAvailable { get; }

    /// <summary>Linux names its ICU libraries and functions by version (libicuuc.so.72, ubrk_open_72); Windows does not.</summary>
    static IEnumerable<(string Library, string Suffix)> Candidates()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return ("icu.dll", "");
            yield return ("icuuc.dll", "");
            yield break;
        }
        for (var version = 90; version >= 50; version--)
        {
            var library = OperatingSystem.IsMacOS() ? $"libicuuc.{version}.dylib" : $"libicuuc.so.{version}";
            yield return (library, $"_{version}");
            yield return (library, "");
        }
    }

    /// <summary>
    /// The offsets where words (and the spaces and punctuation between them) begin and end in <paramref name="text"/>,
    /// 0 and its length included; null when ICU is not available.
    /// </summary>
    public static int[]? Boundaries(string text) => Iterate(text, WordBreak);

    /// <summary>
    /// Where a line may break in <paramref name="text"/> (ICU's line breaker: between Thai words, after spaces, not
    /// before a closing bracket or after an opening one), 0 and its length included; null without ICU.
    /// </summary>
    public static int[]? LineBreaks(string text) => Iterate(text, LineBreak);

    /// <summary>The pieces of <paramref name="text"/> a line cannot break inside; the whole text without ICU.</summary>
    public static IReadOnlyList<string> SplitForLines(string text) => Pieces(text, LineBreaks(text));

    static int[]? Iterate(string text, int kind)
    {
        if (!IsAvailable) return null;
        if (text.Length == 0) return [0];
        var boundaries = new List<int>();
        var locale = "th"u8;
        lock (Gate)
        {
            fixed (byte* localeBytes = locale)
            fixed (char* chars = text)
            {
                // ICU wants a NUL-terminated locale; the literal has none, so copy it.
                var name = stackalloc byte[locale.Length + 1];
                for (var i = 0; i < locale.Length; i++) name[i] = localeBytes[i];
                name[locale.Length] = 0;
                var status = 0;
                if (!Iterators.TryGetValue(kind, out var iterator))
                {
                    iterator = Open(kind, name, chars, text.Length, &status);
                    if (status > 0 || iterator == 0) return null;
                    Iterators[kind] = iterator;
                }
                else
                {
                    SetText(iterator, chars, text.Length, &status);
                    if (status > 0) return null;
                }
                for (var b = First(iterator); b != Done; b = Next(iterator)) boundaries.Add(b);
                // The iterator keeps no pointer worth keeping: give it an empty text before the string is unpinned.
                var empty = '\0';
                SetText(iterator, &empty, 0, &status);
            }
        }
        return [.. boundaries];
    }

    /// <summary>The pieces of <paramref name="text"/> between boundaries; the whole text as one piece without ICU.</summary>
    public static IReadOnlyList<string> Split(string text) => Pieces(text, Boundaries(text));

    static IReadOnlyList<string> Pieces(string text, int[]? boundaries)
    {
        if (boundaries is null || boundaries.Length < 2) return [text];
        var pieces = new List<string>(boundaries.Length - 1);
        for (var i = 1; i < boundaries.Length; i++) pieces.Add(text[boundaries[i - 1]..boundaries[i]]);
        return pieces;
    }
}
