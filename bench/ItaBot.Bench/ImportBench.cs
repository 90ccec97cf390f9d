using System.Diagnostics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using ItaBot.Data;
using ItaBot.Import;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Bench;

/// <summary>
/// Targets: importing a 200-measure DOCX plan takes under 1 s warm; reading the worst hostile file (a deflate
/// bomb, a merged-range bomb…, see tests' HostileFiles) peaks under 300 MB. The plan is laid out like agencies'
/// files: a table per page with the header repeated, rows continued over the page, numbered steps inline.
/// Each hostile file is read in a process of its own, so one file's memory is not another's.
/// </summary>
public static class ImportBench
{
    public static async Task RunAsync(string[] args)
    {
        await PlanAsync(args);
        Console.WriteLine();
        await HostileFilesAsync();
    }

    static async Task PlanAsync(string[] args)
    {
        var measures = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 200;
        var docx = BuildPlan(measures);
        var file = new PlanFile($"plan-{measures}.docx", docx);
        Figures.Print("measures in plan", measures.ToString());
        Figures.Print("docx size", $"{docx.Length / 1024} KB");

        // First run in the process pays for JIT and EF model building, as a one-off command does.
        var cold = await ImportIntoFreshDatabaseAsync(file);
        Figures.Print("cold: parse", Ms(cold.Parse));
        Figures.Print("cold: database write", Ms(cold.Write));
        Figures.Print("cold: total", Ms(cold.Parse + cold.Write));

        var warm = new List<Timings>();
        for (var i = 0; i < 7; i++) warm.Add(await ImportIntoFreshDatabaseAsync(file));
        var sorted = warm.OrderBy(w => w.Parse + w.Write).ToList();
        var median = sorted[sorted.Count / 2];
        Figures.Print("warm median: parse", Ms(median.Parse));
        Figures.Print("warm median: database write", Ms(median.Write));
        Figures.Print("warm total min / median / max", $"{Ms(sorted[0].Parse + sorted[0].Write)} / {Ms(median.Parse + median.Write)} / {Ms(sorted[^1].Parse + sorted[^1].Write)}");
        Figures.Print("warm median: parse, CPU time of the process", Ms(median.ParseCpu));
        Figures.Print("warm median: total, CPU time of the process", Ms(median.Cpu));
        Figures.Print("warm median: re-import unchanged (total)", Ms(median.Reimport));
        Figures.Print("target: total under", "1000 ms");
        Figures.Print("peak working set", $"{Figures.PeakWorkingSetMb()} MB");
        // Figures from a shared machine mean little without its load next to them.
        if (File.Exists("/proc/loadavg"))
            Figures.Print("machine load (1 min average) / cores", $"{File.ReadAllText("/proc/loadavg").Split(' ')[0]} / {Environment.ProcessorCount}");
    }

    /// <summary>Runs each hostile file in a child process and prints what the import said and the peak memory while it read.</summary>
    static async Task HostileFilesAsync()
    {
        Figures.Print("hostile file (size)", "peak RSS while importing (before) · time in a cold process · outcome");
        var worst = 0L;
        foreach (var (name, make) in ItaBot.Tests.Import.HostileFiles.All)
        {
            // Made here and handed over as a file: the child's memory is the import's, not the making's.
            var (fileName, content) = make();
            var path = Path.Combine(Path.GetTempPath(), $"itabot-bench-hostile-{Guid.NewGuid():N}-{fileName}");
            await File.WriteAllBytesAsync(path, content);
            var size = content.Length;
            content = [];
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ImportBench).Assembly.Location);
            start.ArgumentList.Add("import-hostile");
            start.ArgumentList.Add(path);
            using var child = Process.Start(start)!;
            var output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            File.Delete(path);
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
            if (line is null)
            {
                Figures.Print(name, $"child failed (exit {child.ExitCode}): {(await child.StandardError.ReadToEndAsync()).Trim()}");
                continue;
            }
            var parts = line["RESULT ".Length..].Split('\t');
            worst = Math.Max(worst, long.Parse(parts[0]));
            Figures.Print($"{name} ({(size >= 1024 * 1024 ? $"{size / (1024 * 1024)} MB" : $"{size / 1024.0:0.#} kB")})", $"{parts[0]} MB ({parts[1]} MB) · {parts[2]} ms · {parts[3]}");
        }
        Figures.Print("worst hostile file: peak RSS", $"{worst} MB");
        Figures.Print("target: peak under", "300 MB");
    }

    /// <summary>The child: imports one hostile file, reporting the process's peak memory while it did.</summary>
    public static async Task HostileAsync(string[] args)
    {
        var path = args[0];
        var database = Path.Combine(Path.GetTempPath(), $"itabot-bench-{Guid.NewGuid():N}.db");
        try
        {
            var builder = new DbContextOptionsBuilder<ItaBotDb>();
            builder.UseItaBotDatabase($"Data Source={database};Pooling=False");
            await using (var setup = new ItaBotDb(builder.Options)) await setup.Database.MigrateAsync();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var baseline = ResetPeakMb();
            var watch = Stopwatch.StartNew();
            string outcome;
            try
            {
                var file = await PlanFile.ReadAsync(path);
                await using var db = new ItaBotDb(builder.Options);
                var result = await new PlanImporter(db, TimeProvider.System).ImportAsync(file, "เทศบาลตำบลทดสอบ", 2568, dryRun: false);
                outcome = result.Succeeded ? $"imported {result.Measures.Count} measures" : $"refused: {Shorten(result.Problems[0].Message)}";
            }
            catch (ImportLimitExceeded e)
            {
                outcome = $"refused: {Shorten(e.Message)}";
            }
            Console.WriteLine($"RESULT {PeakMb()}\t{baseline}\t{watch.ElapsedMilliseconds}\t{outcome}");
        }
        finally
        {
            BenchApp.DeleteDatabase(database);
        }
    }

    static string Shorten(string text) => text.Length <= 90 ? text : text[..89] + "…";

    /// <summary>Resets the kernel's high-water mark of resident memory (Linux), returning the resident memory now.</summary>
    static long ResetPeakMb()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return PeakMb();
    }

    /// <summary>VmHWM: the most resident memory since the last reset; elsewhere the process's peak working set.</summary>
    static long PeakMb()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadAllLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        return Figures.PeakWorkingSetMb();
    }

    /// <param name="Cpu">Processor time of parse and write together: on a busy shared machine wall time mostly measures the others.</param>
    sealed record Timings(TimeSpan Parse, TimeSpan Write, TimeSpan ParseCpu, TimeSpan Cpu, TimeSpan Reimport);

    static TimeSpan CpuNow() { using var p = Process.GetCurrentProcess(); return p.TotalProcessorTime; }

    static async Task<Timings> ImportIntoFreshDatabaseAsync(PlanFile file)
    {
        var path = Path.Combine(Path.GetTempPath(), $"itabot-bench-{Guid.NewGuid():N}.db");
        try
        {
            var builder = new DbContextOptionsBuilder<ItaBotDb>();
            builder.UseItaBotDatabase($"Data Source={path};Pooling=False");
            var options = builder.Options;
            await using (var setup = new ItaBotDb(options)) await setup.Database.MigrateAsync();

            var cpu = CpuNow();
            var watch = Stopwatch.StartNew();
            var draft = PlanReader.Read(file, 2568);
            var parse = watch.Elapsed;
            var parseCpu = CpuNow() - cpu;
            if (!draft.IsValid) throw new InvalidOperationException(string.Join("\n", draft.Problems));

            watch.Restart();
            await using (var db = new ItaBotDb(options))
            {
                var result = await new PlanImporter(db, TimeProvider.System).ImportAsync(file.Name, draft, "เทศบาลตำบลทดสอบ", 2568, dryRun: false);
                if (!result.Succeeded || result.Counts.Created != draft.Measures.Count) throw new InvalidOperationException("import failed");
            }
            var write = watch.Elapsed;
            cpu = CpuNow() - cpu;

            watch.Restart();
            await using (var db = new ItaBotDb(options))
            {
                var again = await new PlanImporter(db, TimeProvider.System).ImportAsync(file, "เทศบาลตำบลทดสอบ", 2568, dryRun: false);
                if (again.Counts.ChangesAnything) throw new InvalidOperationException("re-import changed something");
            }
            return new Timings(parse, write, parseCpu, cpu, watch.Elapsed);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(path + suffix); } catch (IOException) { }
        }
    }

    static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:F0} ms";

    static readonly string[] Units = ["สำนักปลัด/งานธุรการ", "กองคลัง/งานพัสดุ", "กองช่าง", "สำนักปลัด กองคลัง กองช่าง", "ทุกสำนัก/กอง", "กองการศึกษา - งานธุรการ", "หน่วยตรวจสอบ ภายใน"];
    static readonly string[] Periods = ["ต.ค. ๖๗ - ก.ย. ๖๘", "ต.ค. - ธ.ค. ๖๗", "มกราคม ๒๕๖๘ – มีนาคม ๒๕๖๘", "ภายในปีงบประมาณ พ.ศ. ๒๕๖๘"];

    /// <summary>Six measures per page; every third page break cuts a measure's last step onto the next page.</summary>
    static byte[] BuildPlan(int measures)
    {
        string[] header = ["ประเด็นที่", "มาตรการ/โครงการ/กิจกรรม", "ขั้นตอน/วิธีปฏิบัติ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ"];
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body(Paragraph("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"));
            for (var page = 0; page * 6 < measures; page++)
            {
                var table = new Table(new TableProperties(new TableBorders(new InsideHorizontalBorder { Val = BorderValues.Single })), Row(header));
                if (page > 0 && page % 3 == 0)
                    table.Append(Row(["", "", "๔.รายงานผลให้ผู้บริหารทราบ", "", ""]));
                for (var i = page * 6; i < Math.Min(measures, page * 6 + 6); i++)
                {
                    table.Append(Row(
                    [
                        i % 3 == 0 ? $"({i / 3 + 1}) ประเด็นการประเมินที่ {i / 3 + 1} การเปิดเผยข้อมูลและการป้องกันการทุจริต" : "",
                        $"● จัดทำมาตรการที่ {i + 1} เพื่อส่งเสริมคุณธรรมและความโปร่งใสในการปฏิบัติงาน ● เผยแพร่ให้บุคลากรภายในหน่วยงานรับทราบ",
                        "๑.แต่งตั้งผู้รับผิดชอบ ๒.จัดทำแนวทางการปฏิบัติงานและแจ้งเวียนให้บุคลากรทราบ\n๓.เผยแพร่ทางเว็บไซต์ของหน่วยงาน",
                        Units[i % Units.Length],
                        Periods[i % Periods.Length],
                    ]));
                }
                body.Append(table, Paragraph(""));
            }
            document.AddMainDocumentPart().Document = new Document(body);
        }
        return stream.ToArray();
    }

    static TableRow Row(string[] cells) =>
        new(cells.Select(text => new TableCell(text.Split('\n').Select(Paragraph))));

    static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
}
