using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Tests.Reports;

public sealed class RoundReportCompilerTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeTimeProvider _time = new(ReportScenario.Now);

    public void Dispose() => _database.Dispose();

    async Task<(ReportScenario Scenario, RoundReportCompiler Compiler)> SeedAsync()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        return (scenario, new RoundReportCompiler(_database.NewContext(), _time));
    }

    [Fact]
    public async Task SixMonthRoundReportsEveryMeasureWithItsStatusResultsAndTotals()
    {
        var (scenario, compiler) = await SeedAsync();

        var report = await compiler.CompileAsync(scenario.OrganizationId, 2568, RoundKey.SixMonth);

        Assert.NotNull(report);
        Assert.Equal("""
            เทศบาลตำบลเมืองจันทร์ | 2568 6m SixMonth Open | 2024-10-01..2025-03-31 | cut-off 2025-03-03T02:00:00Z
            1. M1 Done | ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส | O36 | จัดทำคู่มือการปฏิบัติงาน
               steps: ๑. ผู้รับผิดชอบจัดทำคู่มือ / ๒. เผยแพร่บนเว็บไซต์หน่วยงาน
               units: สำนักปลัด, กองคลัง, กองช่าง
               period: ต.ค. ๖๗ – ก.ย. ๖๘
               result 2024-11-05: ร่างคู่มือแล้ว
               result 2025-02-20: เผยแพร่คู่มือบนเว็บไซต์แล้ว 3 ฉบับ
               outcome 2025-02-20: บุคลากรรับทราบแนวทางเดียวกัน
               evidence: https://muangchan.go.th/manual-draft, https://muangchan.go.th/manual
               last: 2025-02-20 (3 reports)
            2. M2 CannotProceed | ประเด็นที่ 5 การใช้งบประมาณ | - | เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี 2568
               units: กองคลัง
               period: ต.ค. 67 - ธ.ค. 67
               reason: NoBudget งบประมาณถูกตัดลด
               result 2025-01-15: เริ่มรวบรวมแผน
               problems 2025-01-15: ข้อมูลไม่ครบ
               problems 2025-02-01: ขอรับการสนับสนุนงบประมาณปี ๒๕๖๙
               last: 2025-02-01 (2 reports)
            3. M3 AwaitingReport | - | - | ปรับปรุงช่องทางร้องเรียนออนไลน์
               units: กองช่าง, กองการศึกษา
               period: ภายในปีงบประมาณ พ.ศ. ๒๕๖๘
               owing: กองช่าง, กองการศึกษา
            4. M4 NotStarted | - | - | ประกาศเจตจำนงสุจริตของผู้บริหาร
               units: สำนักปลัด
               period: -
               last: 2025-02-25 (1 reports)
            5. M5 InProgress | - | - | อบรมคุณธรรมจริยธรรมให้บุคลากร
               steps: จัดอบรม ๒ ครั้ง
               units: กองการศึกษา
               period: -
               result 2025-01-20: อบรมแล้ว ๑ ครั้ง จาก 2 ครั้ง
               last: 2025-01-20 (1 reports)
            6. M6 InProgress | - | - | ตรวจสอบการใช้ทรัพย์สินของราชการ
               units: สำนักปลัด
               period: -
               result 2025-03-01: ตรวจสอบแล้วครึ่งหนึ่ง
               last: 2025-03-01 (1 reports)
            totals: done=1 inProgress=2 notStarted=1 cannotProceed=1 awaiting=1 total=6 done%=16.7
            unit สำนักปลัด: done=1 inProgress=1 notStarted=1 cannotProceed=0 awaiting=0 total=3 done%=33.3
            unit กองคลัง: done=1 inProgress=0 notStarted=0 cannotProceed=1 awaiting=0 total=2 done%=50.0
            unit กองช่าง: done=1 inProgress=0 notStarted=0 cannotProceed=0 awaiting=1 total=2 done%=50.0
            unit กองการศึกษา: done=0 inProgress=1 notStarted=0 cannotProceed=0 awaiting=1 total=2 done%=0.0

            """, ReportDump.Describe(report));
    }

    [Fact]
    public async Task AnOpenRoundCountsAnswersUpToNowOnly()
    {
        var (scenario, compiler) = await SeedAsync();
        Assert.Equal(ReportStatus.InProgress, (await compiler.CompileAsync(scenario.SixMonthRoundId))!.Measures.Single(m => m.Code == "M6").Status);

        _time.SetUtcNow(new DateTimeOffset(2025, 3, 11, 0, 0, 0, TimeSpan.Zero));
        var later = await compiler.CompileAsync(scenario.SixMonthRoundId);

        var m6 = later!.Measures.Single(m => m.Code == "M6");
        Assert.Equal(ReportStatus.Done, m6.Status);
        Assert.Equal(["ตรวจสอบแล้วครึ่งหนึ่ง", "ตรวจสอบครบแล้ว"], m6.Results.Select(r => r.Text));
        Assert.Equal(2, later.Totals.All.Done);
    }

    [Fact]
    public async Task AClosedRoundsReportDoesNotChangeWhenLaterReportsArrive()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        var closedAt = ReportScenario.Utc(2025, 9, 30, 10);
        var round = await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Closed, closedAt);
        scenario.Report("M1", round, ReportScenario.Utc(2025, 9, 1, 3), MeasureStatus.InProgress, result: "ร่างคู่มือ");
        await scenario.SaveAsync();
        _time.SetUtcNow(new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero));
        var compiler = new RoundReportCompiler(_database.NewContext(), _time);
        var before = ReportDump.Describe((await compiler.CompileAsync(scenario.OrganizationId, 2568, RoundKey.TwelveMonth))!);

        // A late answer and a measure added to the plan after closing.
        scenario.Report("M1", round, ReportScenario.Utc(2025, 10, 5, 3), MeasureStatus.Done, result: "เผยแพร่แล้ว");
        scenario.AddMeasure("M7", 7, "มาตรการที่เพิ่มภายหลัง", ["กองคลัง"], createdAtUtc: ReportScenario.Utc(2025, 10, 10));
        await scenario.SaveAsync();
        var after = (await new RoundReportCompiler(_database.NewContext(), _time).CompileAsync(scenario.OrganizationId, 2568, RoundKey.TwelveMonth))!;

        Assert.Equal(before, ReportDump.Describe(after));
        Assert.Equal(ReportStatus.InProgress, after.Measures.Single(m => m.Code == "M1").Status);
        Assert.DoesNotContain(after.Measures, m => m.Code == "M7");
        Assert.Equal(closedAt, after.CutOffUtc);
    }

    [Fact]
    public async Task AFileAttachedAfterARoundClosedIsNotInThatRoundsReport()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        var closedAt = ReportScenario.Utc(2025, 9, 30, 10);
        var round = await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Closed, closedAt);
        var entry = scenario.Report("M1", round, ReportScenario.Utc(2025, 9, 1, 3), MeasureStatus.Done, result: "เผยแพร่แล้ว");
        db.EvidenceFiles.Add(Photo(entry, "ก่อนปิดรอบ.jpg", "a1", ReportScenario.Utc(2025, 9, 2)));
        db.EvidenceFiles.Add(Photo(entry, "หลังปิดรอบ.jpg", "b2", ReportScenario.Utc(2025, 10, 3)));
        await scenario.SaveAsync();
        _time.SetUtcNow(new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero));

        var report = (await new RoundReportCompiler(_database.NewContext(), _time).CompileAsync(scenario.OrganizationId, 2568, RoundKey.TwelveMonth))!;

        Assert.Equal(["ก่อนปิดรอบ.jpg"], report.Measures.Single(m => m.Code == "M1").EvidenceFiles.Select(f => f.FileName));
    }

    static ItaBot.Tracking.Evidence.EvidenceFile Photo(StatusReport entry, string name, string sha, DateTime atUtc) => new()
    {
        StatusReport = entry, FileName = name, ContentType = "image/jpeg", Kind = ItaBot.Tracking.Evidence.EvidenceKind.Image,
        Length = 10, Sha256 = sha, StorageKey = sha, CreatedAtUtc = atUtc,
    };

    [Fact]
    public async Task ACustomRoundIsFoundByItsIdAndOnlyForItsOwnOrganization()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        var custom = await scenario.AddRoundAsync(RoundKind.Custom, RoundState.Open);
        var other = new Organization { Name = "อบต.สบป่อง" };
        db.Organizations.Add(other);
        await db.SaveChangesAsync();
        var compiler = new RoundReportCompiler(_database.NewContext(), _time);

        var report = await compiler.CompileAsync(scenario.OrganizationId, 2568, RoundKey.Custom(custom.Id));
        var foreign = await compiler.CompileAsync(other.Id, 2568, RoundKey.Custom(custom.Id));
        var wrongYear = await compiler.CompileAsync(scenario.OrganizationId, 2569, RoundKey.SixMonth);

        Assert.Equal(custom.Id, report!.Round.Id);
        Assert.Equal(custom.Id.ToString(), report.Round.Key.ToString());
        Assert.Null(foreign);
        Assert.Null(wrongYear);
    }

    [Fact]
    public async Task CurrentRoundIsTheOpenOneBeforeAnyClosedOne()
    {
        var db = await _database.MigratedContextAsync();
        var scenario = await ReportScenario.SeedAsync(db);
        await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Closed, ReportScenario.Utc(2025, 10, 1));
        var compiler = new RoundReportCompiler(_database.NewContext(), _time);

        var current = await compiler.FindCurrentRoundAsync(scenario.OrganizationId);

        Assert.Equal(scenario.SixMonthRoundId, current!.Id);
    }

    [Fact]
    public async Task CompilingAReportTakesAFewQueriesWhateverTheNumberOfMeasuresAndTracksNothing()
    {
        var (scenario, _) = await SeedAsync();
        var queries = new QueryCounter();
        var options = new DbContextOptionsBuilder<ItaBotDb>();
        options.UseItaBotDatabase(_database.ConnectionString).AddInterceptors(queries);
        await using var db = new ItaBotDb(options.Options);

        var report = await new RoundReportCompiler(db, _time).CompileAsync(scenario.SixMonthRoundId);

        Assert.Equal(6, report!.Measures.Count);
        // Round, organization, measures with their units, counted answers, their evidence files.
        Assert.InRange(queries.Count, 1, 5);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    sealed class QueryCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Count;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Theory]
    [InlineData("6m", RoundKind.SixMonth, null)]
    [InlineData("๖m", RoundKind.SixMonth, null)]
    [InlineData("12M", RoundKind.TwelveMonth, null)]
    [InlineData("๑๒m", RoundKind.TwelveMonth, null)]
    [InlineData("42", RoundKind.Custom, 42)]
    [InlineData("๔๒", RoundKind.Custom, 42)]
    public void RoundKeysAcceptThaiAndArabicDigits(string text, RoundKind kind, int? id)
    {
        Assert.True(RoundKey.TryParse(text, out var key));
        Assert.Equal(new RoundKey(kind, id), key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6m.docx")]
    [InlineData("half")]
    [InlineData("-3")]
    public void RoundKeysRejectAnythingElse(string text)
    {
        Assert.False(RoundKey.TryParse(text, out _));
    }
}
