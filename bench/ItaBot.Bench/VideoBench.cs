using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using ItaBot.Tracking.Evidence;

namespace ItaBot.Bench;

/// <summary>
/// Taking in a 100 MB phone video (the video limit): copied to a temporary file, its metadata boxes and a GPS track of
/// one sample a second removed (<see cref="VideoMetadata"/>), checked again, hashed. Target: a few seconds at most and
/// memory independent of the file's size (the file is streamed, never held). Prints min/median/max of five runs.
///   dotnet run -c Release --project bench/ItaBot.Bench -- video [megabytes]
/// </summary>
public static class VideoBench
{
    public static async Task RunAsync(string[] args)
    {
        var megabytes = args.Length > 0 && int.TryParse(args[0], out var mb) ? mb : 100;
        var path = Path.Combine(Path.GetTempPath(), $"itabot-bench-video-{Guid.NewGuid():N}.mp4");
        try
        {
            var length = Write(path, megabytes * 1024L * 1024 - 64 * 1024);
            Figures.Print("video size", $"{length / (1024 * 1024.0):0.0} MB");
            Figures.Print("load average", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "-");

            var strip = new List<double>();
            var intake = new List<double>();
            var allocated = new List<double>();
            for (var run = 0; run < 5; run++)
            {
                await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                await using (var output = new FileStream(path + ".out", FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose))
                {
                    var watch = Stopwatch.StartNew();
                    VideoMetadata.Strip(input, output);
                    strip.Add(watch.Elapsed.TotalMilliseconds);
                }

                var before = GC.GetTotalAllocatedBytes(precise: true);
                await using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
                {
                    var watch = Stopwatch.StartNew();
                    var result = await EvidenceIntake.AcceptAsync(input, "อบรม.mp4", default, EvidenceLimits.MaxVideoBytes);
                    intake.Add(watch.Elapsed.TotalMilliseconds);
                    if (result.File is null) throw new InvalidOperationException(result.Refusal);
                    await result.File.DisposeAsync();
                }
                allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - before) / (1024 * 1024.0));
            }
            Figures.Print("strip only (ms, min/median/max)", Spread(strip, "0"));
            Figures.Print("whole intake: copy+strip+check+hash (ms)", Spread(intake, "0"));
            Figures.Print("managed allocations per intake (MB)", Spread(allocated, "0.0"));
            Figures.Print("peak working set of the process (MB)", Figures.PeakWorkingSetMb().ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    static string Spread(List<double> values, string format)
    {
        var sorted = values.Order().ToList();
        return $"{sorted[0].ToString(format)} / {sorted[sorted.Count / 2].ToString(format)} / {sorted[^1].ToString(format)}";
    }

    /// <summary>ftyp, a media data box of <paramref name="mediaBytes"/>, then the movie box with a video track, a GPS track of 300 samples, udta, meta and XMP.</summary>
    static long Write(string path, long mediaBytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var ftyp = Box("ftyp", Ascii("isom"), U32(0x200), Ascii("isomiso2avc1mp41"));
        file.Write(ftyp);
        var mediaStart = (uint)(ftyp.Length + 8);
        file.Write(U32((uint)(mediaBytes + 8)));
        file.Write(Ascii("mdat"));
        var chunk = new byte[1 << 20];
        new Random(1).NextBytes(chunk);
        for (var left = mediaBytes; left > 0; left -= chunk.Length) file.Write(chunk, 0, (int)Math.Min(chunk.Length, left));

        const int gpsSamples = 300, gpsSize = 40;
        var gpsStart = mediaStart + (uint)(mediaBytes - gpsSamples * gpsSize);
        var sizes = Enumerable.Repeat((uint)gpsSize, gpsSamples).ToArray();
        var moov = Box("moov",
            Full("mvhd", U32(3_823_838_100, 3_823_838_100, 600, 180_000, 0x00010000), new byte[76]),
            Track("vide", "avc1", [mediaStart], [(uint)(mediaBytes - gpsSamples * gpsSize)]),
            Track("meta", "gpmd", Enumerable.Range(0, gpsSamples).Select(i => gpsStart + (uint)(i * gpsSize)).ToArray(), sizes),
            Box("udta", Box("©xyz", Ascii("+13.7563+100.5018/")), Box("©mak", Ascii("samsung"))),
            Full("meta", Full("hdlr", U32(0), Ascii("mdta"), new byte[13]), Full("keys", U32(1), Box("mdta", Ascii("com.apple.quicktime.location.ISO6709")))),
            Box("uuid", new byte[16], Ascii("<x:xmpmeta>GPS</x:xmpmeta>")));
        file.Write(moov);
        return file.Length;
    }

    /// <summary>One sample per chunk, at the given offsets.</summary>
    static byte[] Track(string handler, string format, uint[] offsets, uint[] sizes) => Box("trak",
        Full("tkhd", U32(3_823_838_100, 3_823_838_100, 1, 0, 180_000), new byte[60]),
        Box("mdia", Full("mdhd", U32(3_823_838_100, 3_823_838_100, 600, 180_000), new byte[4]), Full("hdlr", U32(0), Ascii(handler), new byte[13]),
            Box("minf", Box("stbl",
                Full("stsd", U32(1), Box(format, new byte[8])),
                Full("stsc", U32(1, 1, 1, 1)),
                Full("stsz", U32(0, (uint)sizes.Length), U32(sizes)),
                Full("stco", U32((uint)offsets.Length), U32(offsets))))));

    static byte[] Box(string type, params byte[][] parts)
    {
        var payload = parts.SelectMany(p => p).ToArray();
        return [.. U32((uint)(payload.Length + 8)), .. Ascii(type), .. payload];
    }

    static byte[] Full(string type, params byte[][] parts) => Box(type, [new byte[4], .. parts]);

    static byte[] U32(params uint[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), values[i]);
        return bytes;
    }

    static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);
}
