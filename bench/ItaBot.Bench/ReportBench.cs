using System.Diagnostics;
using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tracking;
using ItaBot.Tracking.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItaBot.Bench;

/// <summary>
/// A 200-measure round (10 units, 1–3 responsible units per measure) with 2,000 status reports and 500 evidence
/// files of 1 MB each (stored in the database, as by default) on a temporary SQLite file: compile the round and
/// render every format, cold (first run in the process) and warm, then stream every evidence file out through
/// the store. Target: all formats in under 2 s with memory under 200 MB (files are streamed, never loaded whole).
/// </summary>
public static class ReportBench
{
    public static async Task RunAsync(string[] args)
    {
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var measures = positional.Length > 0 && int.TryParse(positional[0], out var m) ? m : 200;
        var reports = positional.Length > 1 && int.TryParse(positional[1], out var r) ? r : 2000;
        var files = positional.Length > 2 && int.TryParse(positional[2], out var f) ? f : 500;
        var repeats = Stats.Option(args, "--repeats", 5);
        // Tiered compilation optimizes hot code on a background thread, late on a busy machine: the first runs are not the server's steady state.
        var warmups = Stats.Option(args, "--warmups", 3);
        var path = Path.Combine(Path.GetTempPath(), $"itabot-report-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={path};Pooling=False";
        try
        {
            Figures.Print("load average at start (1, 5, 15 min)", $"{Stats.LoadAverage()} on {Environment.ProcessorCount} cores");
            var roundId = 0;
            var seedingMeasures = await Figures.TimeAsync(async () => roundId = await SeedAsync(connection, measures, reports));
            var seeding = await Figures.TimeAsync(() => SeedFilesAsync(connection, files));
            Figures.Print("seeded", $"{measures} measures, 10 units, {reports} status reports ({seedingMeasures.TotalSeconds:F0} s), {files} evidence files of 1 MB ({seeding.TotalSeconds:F1} s)");
            // Seeding's memory is not the report's: handed back to the system (an aggressive collection decommits the
            // freed heap), and the peak measured from here on.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            var peakReset = Figures.ResetPeakWorkingSet();
            Figures.Print("working set before compiling", $"{Figures.WorkingSetMb()} MB{(peakReset ? "" : " (peak could not be reset: it includes seeding)")}");

            var documents = new ReportDocuments(Options.Create(new ReportsOptions { CoordinatorName = "นางสาวมาลี ใจดี", CoordinatorPosition = "นักวิเคราะห์นโยบายและแผน" }));
            var times = new Dictionary<string, List<double>>();
            var cpu = new Dictionary<string, List<double>>();
            void Add(string name, double ms, double? cpuMs = null)
            {
                if (!times.TryGetValue(name, out var list)) times[name] = list = [];
                list.Add(ms);
                if (cpuMs is { } c) { if (!cpu.TryGetValue(name, out var cl)) cpu[name] = cl = []; cl.Add(c); }
            }
            var sizes = new Dictionary<string, long>();
            for (var i = 0; i < warmups + repeats; i++)
            {
                // The first runs warm up (JIT, ICU's dictionary); the figures are of the runs after them.
                var run = i - warmups + 1;
                var total = Stopwatch.StartNew();
                var totalCpu = Figures.CpuMs();
                RoundReport report = null!;
                var compileCpu = Figures.CpuMs();
                var compile = await Figures.TimeAsync(async () =>
                {
                    await using var db = NewContext(connection);
                    report = await new RoundReportCompiler(db, TimeProvider.System).CompileAsync(roundId) ?? throw new InvalidOperationException("no round");
                });
                if (run > 0) Add("compile", compile.TotalMilliseconds, Figures.CpuMs() - compileCpu);

                // As the server sends them: each file written to a temporary file, then streamed out.
                var page = new Uri("https://ita.example.go.th/r/tok/2568/6m");
                var links = ReportDocuments.SiblingLinks("6m", page, served: true);
                foreach (var format in ReportFormats.Rendered)
                {
                    long bytes = 0;
                    var formatCpu = Figures.CpuMs();
                    var elapsed = await Figures.TimeAsync(async () =>
                    {
                        await using var file = documents.WriteTemporary(report, format, links);
                        bytes = file.Length;
                        await file.CopyToAsync(Stream.Null);
                    });
                    if (run > 0) Add(format.Extension(), elapsed.TotalMilliseconds, Figures.CpuMs() - formatCpu);
                    sizes[format.Extension()] = bytes;
                }
                var pages = HtmlReportRenderer.PageCount(report);
                if (pages > 1)
                {
                    // Every page of a paginated report, one after another, as someone paging through it would fetch them.
                    long bytes = 0;
                    var pagesCpu = Figures.CpuMs();
                    var elapsed = await Figures.TimeAsync(async () =>
                    {
                        for (var p = 1; p <= pages; p++)
                        {
                            await using var file = documents.WriteTemporary(report, ReportFormat.Html, links, p);
                            bytes += file.Length;
                        }
                    });
                    if (run > 0) Add($"html, all {pages} pages", elapsed.TotalMilliseconds, Figures.CpuMs() - pagesCpu);
                    sizes[$"html, all {pages} pages"] = bytes;
                }
                var flex = await Figures.TimeAsync(() =>
                {
                    ReportFlexSummary.Build(report, ReportUrls.Build(new Uri("https://ita.example.go.th"), report.Organization.PublicToken, report.Round.FiscalYear, report.Round.Key));
                    return Task.CompletedTask;
                });
                if (run > 0) Add("flex summary", flex.TotalMilliseconds);
                if (run > 0)
                {
                    var allPages = times.TryGetValue($"html, all {pages} pages", out var all) ? all[^1] : 0;
                    var allPagesCpu = cpu.TryGetValue($"html, all {pages} pages", out var allCpu) ? allCpu[^1] : 0;
                    Add("total (compile + every format, first page)", total.Elapsed.TotalMilliseconds - allPages, Figures.CpuMs() - totalCpu - allPagesCpu);
                }
            }
            // Wall time on a shared machine mostly says how busy it was; the process's own CPU time says what the work costs.
            Console.WriteLine($"figures of {repeats} runs after {warmups} warm-up runs (wall time, then the process's CPU time):");
            foreach (var (name, list) in times)
            {
                Figures.Print($"  {name}", $"{Stats.Show(list, "ms")}{(sizes.TryGetValue(name, out var size) ? $"  {size / 1024} KB" : "")}");
                if (cpu.TryGetValue(name, out var cpuList)) Figures.Print("    cpu", Stats.Show(cpuList, "ms"));
            }
            Figures.Print("peak working set while reporting", $"{Figures.PeakWorkingSetMb()} MB");

            long streamed = 0;
            var serving = await Figures.TimeAsync(async () =>
            {
                await using var db = NewContext(connection);
                var store = new DatabaseEvidenceStore(db);
                var keys = await db.EvidenceFiles.AsNoTracking().Select(e => e.StorageKey).ToListAsync();
                var buffer = new byte[64 * 1024];
                foreach (var key in keys)
                {
                    await using var content = (await store.OpenReadAsync(key, CancellationToken.None))!;
                    int n;
                    while ((n = await content.ReadAsync(buffer)) > 0) streamed += n;
                }
            });
            Figures.Print("stream every evidence file out", $"{serving.TotalMilliseconds,7:F0} ms  {streamed / (1024 * 1024)} MB");
            Figures.Print("peak working set (reports, then files streamed)", $"{Figures.PeakWorkingSetMb()} MB");
            if (!args.Contains("--no-pdf")) await PdfAsync(connection, roundId);
            Figures.Print("load average at end (1, 5, 15 min)", Stats.LoadAverage());
            Console.WriteLine("targets: total < 2000 ms, memory < 200 MB");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                try { File.Delete(path + suffix); } catch (IOException) { }
        }
    }

    /// <summary>1 MB files (random bytes, a JPEG start) attached to the first answers, written through the store as the form does.</summary>
    static async Task SeedFilesAsync(string connection, int count)
    {
        if (count == 0) return;
        await using var db = NewContext(connection);
        var store = new DatabaseEvidenceStore(db);
        var entries = await db.StatusReports.OrderBy(s => s.Id).Select(s => s.Id).Take(count).ToListAsync();
        var random = new Random(11);
        var bytes = new byte[1024 * 1024];
        // Fifty files per transaction: one commit (and one sync of the file) per batch rather than per 256 KB row.
        var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
            var key = await store.SaveAsync(new MemoryStream(bytes, writable: false), CancellationToken.None);
            db.EvidenceFiles.Add(new EvidenceFile
            {
                StatusReportId = entries[i % entries.Count], FileName = $"ภาพกิจกรรม-{i + 1}.jpg", ContentType = "image/jpeg", Kind = EvidenceKind.Image,
                Length = bytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), StorageKey = key,
                CreatedAtUtc = DateTime.UtcNow,
            });
            if (i % 50 == 49)
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                db.ChangeTracker.Clear();
                transaction = await db.Database.BeginTransactionAsync();
            }
        }
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
    }

    /// <summary>
    /// The same round's Word file through LibreOffice (when installed), three times: the first starts LibreOffice
    /// with a new profile (cold), the others reuse it (warm), as the server's one converter does.
    /// </summary>
    static async Task PdfAsync(string connection, int roundId)
    {
        using var converter = new ItaBot.Reports.Pdf.LibreOfficeConverter(
            Options.Create(new ReportsOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ItaBot.Reports.Pdf.LibreOfficeConverter>.Instance, TimeProvider.System);
        if (!converter.IsAvailable)
        {
            Console.WriteLine("pdf: LibreOffice is not installed, skipped");
            return;
        }
        await using var db = NewContext(connection);
        var report = await new RoundReportCompiler(db, TimeProvider.System).CompileAsync(roundId) ?? throw new InvalidOperationException("no round");
        var docx = new ReportDocuments(Options.Create(new ReportsOptions())).Render(report, ReportFormat.Docx, ReportDocuments.SiblingLinks("6m"));
        var times = new List<double>();
        for (var run = 1; run <= 3; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            var pdf = await converter.ConvertAsync(docx);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
            Figures.Print($"  pdf (LibreOffice) {(run == 1 ? "cold" : "warm")} run {run}", $"{stopwatch.Elapsed.TotalMilliseconds,7:F0} ms  {pdf.Length / 1024,6} KB");
        }
    }

    static ItaBotDb NewContext(string connection)
    {
        var options = new DbContextOptionsBuilder<ItaBotDb>();
        options.UseItaBotDatabase(connection);
        return new ItaBotDb(options.Options);
    }

    static async Task<int> SeedAsync(string connection, int measureCount, int reportCount)
    {
        await using var db = NewContext(connection);
        await db.Database.MigrateAsync();
        var random = new Random(2568);
        var org = new Organization { Name = "เทศบาลตำบลทดสอบประสิทธิภาพ", CreatedAtUtc = new DateTime(2024, 9, 1, 0, 0, 0, DateTimeKind.Utc) };
        var units = Enumerable.Range(1, 10).Select(i => new Unit { Name = $"กองที่ {i}", Organization = org }).ToList();
        db.AddRange(units);
        var measures = new List<Measure>();
        for (var i = 1; i <= measureCount; i++)
        {
            var measure = new Measure
            {
                Organization = org, FiscalYear = 2568, Code = $"M{i}", Order = i,
                Issue = $"ประเด็นที่ {1 + i % 7} การเปิดเผยข้อมูลและการป้องกันการทุจริต", OitItem = $"O{10 + i % 40}",
                Title = $"มาตรการที่ {i} เผยแพร่ข้อมูลการจัดซื้อจัดจ้างและแผนการใช้จ่ายงบประมาณประจำปีบนเว็บไซต์หน่วยงาน",
                Steps = ["๑. ผู้รับผิดชอบจัดทำข้อมูลให้เป็นปัจจุบัน", "๒. เสนอผู้บริหารพิจารณาอนุมัติ", "๓. เผยแพร่บนเว็บไซต์หน่วยงานและรายงานผล"],
                PeriodStart = new DateOnly(2024, 10, 1), PeriodEnd = new DateOnly(2025, 9, 1),
                CreatedAtUtc = org.CreatedAtUtc, UpdatedAtUtc = org.CreatedAtUtc,
            };
            var responsible = units.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
            for (var u = 0; u < responsible.Count; u++) measure.Responsible.Add(new MeasureUnit { Unit = responsible[u], Order = u });
            measures.Add(measure);
        }
        db.AddRange(measures);
        var round = new Round
        {
            Organization = org, FiscalYear = 2568, Kind = RoundKind.SixMonth, WindowStart = new(2024, 10, 1), WindowEnd = new(2025, 3, 31),
            DueDate = new(2025, 4, 15), State = RoundState.Closed, ClosedAtUtc = new DateTime(2025, 4, 15, 10, 0, 0, DateTimeKind.Utc),
        };
        db.Add(round);
        await db.SaveChangesAsync();

        var statuses = Enum.GetValues<MeasureStatus>();
        // A tenth of the measures get no answer, so the report has owing units to name.
        var answering = measures.Where((_, i) => i % 10 != 9).ToList();
        for (var i = 0; i < reportCount; i++)
        {
            var status = statuses[random.Next(statuses.Length)];
            db.StatusReports.Add(new StatusReport
            {
                MeasureId = answering[random.Next(answering.Count)].Id, RoundId = round.Id, Status = status,
                Reason = status == MeasureStatus.CannotProceed ? CannotProceedReason.NoBudget : null,
                Result = $"ดำเนินการเผยแพร่ข้อมูลครั้งที่ {i} บนเว็บไซต์หน่วยงาน และแจ้งเวียนให้บุคลากรทราบในการประชุมประจำเดือน",
                Outcome = i % 3 == 0 ? "บุคลากรและประชาชนเข้าถึงข้อมูลได้สะดวกขึ้น" : null,
                Problems = i % 5 == 0 ? "ข้อมูลบางส่วนยังไม่ครบถ้วน" : null,
                EvidenceUrls = [$"https://www.example.go.th/news/{i}"],
                ReporterName = $"ผู้รายงาน {i % 37}",
                ReportedAtUtc = new DateTime(2024, 10, 2, 3, 0, 0, DateTimeKind.Utc).AddMinutes(i * 80),
                Source = ReportSource.Chat,
            });
        }
        await db.SaveChangesAsync();
        return round.Id;
    }
}
