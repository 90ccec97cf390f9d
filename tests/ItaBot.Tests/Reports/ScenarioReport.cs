using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tracking;

namespace ItaBot.Tests.Reports;

/// <summary>The scenario's 6-month report, compiled once per test class that renders it.</summary>
public sealed class ScenarioReport : IAsyncLifetime
{
    readonly TempDatabase _database = new();

    public RoundReport Report { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await using var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        await using var readDb = _database.NewContext();
        Report = (await new RoundReportCompiler(readDb, new FakeTimeProvider(ReportScenario.Now)).CompileAsync(scenario.SixMonthRoundId))!;
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The same report with one more measure whose every text is something a renderer must not trust.</summary>
    public RoundReport WithHostileMeasure()
    {
        var hostile = new MeasureLine(
            999, "X1", 99, "ประเด็น \"quoted\", with comma", "O99", "<script>alert('x')</script> & co",
            ["=HYPERLINK(\"http://evil\")", "line one\nline two"], ["กอง \"ช่าง\" \\ {{unit}}"], "ต.ค. 67\u0001 – ก.ย. 68",
            ReportStatus.CannotProceed, CannotProceedReason.Other, "เหตุผล <b>ตัวหนา</b>",
            [new ResultEntry(new DateOnly(2025, 1, 2), "ทำแล้ว\r\nบรรทัดที่สอง, มีจุลภาค")], [new ResultEntry(new DateOnly(2025, 1, 2), "ผล \"ดี\"")],
            [new ResultEntry(new DateOnly(2025, 1, 2), "ปัญหา ' ; ")],
            ["javascript:alert(1)", "https://example.go.th/a?b=1&c=2"],
            [new EvidenceFileLine(7, new DateOnly(2025, 1, 2), "ภาพ \"กิจกรรม\" <b>.jpg", ItaBot.Tracking.Evidence.EvidenceKind.Image, "image/jpeg", 1234)],
            [], new DateOnly(2025, 1, 2), 1);
        return Report with { Measures = [.. Report.Measures, hostile] };
    }
}
