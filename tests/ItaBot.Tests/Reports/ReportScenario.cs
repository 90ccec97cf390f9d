using ItaBot.Data;
using ItaBot.Reports;
using ItaBot.Tracking;

namespace ItaBot.Tests.Reports;

/// <summary>
/// A small agency whose 6-month round has every status: a multi-unit measure done after an earlier
/// "in progress", one that cannot proceed for lack of budget, one nobody answered (owed by two units),
/// one not started, and answers written with Thai and Arabic digits. The clock stands at 3 Mar 2025 09:00 Bangkok.
/// </summary>
public sealed class ReportScenario
{
    public const string OrganizationName = "เทศบาลตำบลเมืองจันทร์";
    public const string Token = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.FromHours(7));

    public int OrganizationId { get; private set; }
    public int SixMonthRoundId { get; private set; }
    public Round SixMonthRound { get; private set; } = null!;
    public Dictionary<string, Measure> Measures { get; } = [];
    public Dictionary<string, Unit> Units { get; } = [];

    readonly ItaBotDb _db;
    Organization _organization = null!;

    ReportScenario(ItaBotDb db) => _db = db;

    public static async Task<ReportScenario> SeedAsync(ItaBotDb db)
    {
        var scenario = new ReportScenario(db);
        await scenario.SeedAsync();
        return scenario;
    }

    async Task SeedAsync()
    {
        _organization = new Organization { Name = OrganizationName, PublicToken = Token, CreatedAtUtc = Utc(2024, 9, 1) };
        _db.Organizations.Add(_organization);
        foreach (var name in new[] { "สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา" })
        {
            var unit = new Unit { Name = name, Organization = _organization };
            Units[name] = unit;
            _db.Units.Add(unit);
        }

        AddMeasure("M1", 1, "จัดทำคู่มือการปฏิบัติงาน", ["สำนักปลัด", "กองคลัง", "กองช่าง"],
            issue: "ประเด็นที่ ๑ กระบวนการปฏิบัติงานที่โปร่งใส", oit: "O36",
            steps: ["๑. ผู้รับผิดชอบจัดทำคู่มือ", "๒. เผยแพร่บนเว็บไซต์หน่วยงาน"],
            start: new DateOnly(2024, 10, 1), end: new DateOnly(2025, 9, 1));
        AddMeasure("M2", 2, "เปิดเผยแผนการจัดซื้อจัดจ้างประจำปี 2568", ["กองคลัง"],
            issue: "ประเด็นที่ 5 การใช้งบประมาณ", periodText: "ต.ค. 67 - ธ.ค. 67");
        AddMeasure("M3", 3, "ปรับปรุงช่องทางร้องเรียนออนไลน์", ["กองช่าง", "กองการศึกษา"],
            periodText: "ภายในปีงบประมาณ พ.ศ. ๒๕๖๘");
        AddMeasure("M4", 4, "ประกาศเจตจำนงสุจริตของผู้บริหาร", ["สำนักปลัด"]);
        AddMeasure("M5", 5, "อบรมคุณธรรมจริยธรรมให้บุคลากร", ["กองการศึกษา"], steps: ["จัดอบรม ๒ ครั้ง"]);
        AddMeasure("M6", 6, "ตรวจสอบการใช้ทรัพย์สินของราชการ", ["สำนักปลัด"]);

        var round = new Round
        {
            Organization = _organization, FiscalYear = 2568, Kind = RoundKind.SixMonth,
            WindowStart = new(2024, 10, 1), WindowEnd = new(2025, 3, 31), DueDate = new(2025, 4, 15), State = RoundState.Open,
        };
        _db.Rounds.Add(round);
        await _db.SaveChangesAsync();
        SixMonthRoundId = round.Id;
        SixMonthRound = round;
        OrganizationId = _organization.Id;

        // 4 Nov 2024 20:00 UTC is already 5 Nov in Bangkok: the report shows the Bangkok date.
        Report("M1", round, Utc(2024, 11, 4, 20), MeasureStatus.InProgress, result: "ร่างคู่มือแล้ว", reporter: "นายสมชาย");
        Report("M1", round, Utc(2025, 1, 10, 3), MeasureStatus.InProgress, result: "  ร่างคู่มือแล้ว ", evidence: ["https://muangchan.go.th/manual-draft"]);
        Report("M1", round, Utc(2025, 2, 20, 3), MeasureStatus.Done, result: "เผยแพร่คู่มือบนเว็บไซต์แล้ว 3 ฉบับ",
            outcome: "บุคลากรรับทราบแนวทางเดียวกัน", evidence: ["https://muangchan.go.th/manual", "https://muangchan.go.th/manual-draft"], reporter: "นางสาวศรี");
        Report("M2", round, Utc(2025, 1, 15, 2), MeasureStatus.InProgress, result: "เริ่มรวบรวมแผน", problems: "ข้อมูลไม่ครบ");
        Report("M2", round, Utc(2025, 2, 1, 2), MeasureStatus.CannotProceed, reason: CannotProceedReason.NoBudget,
            reasonText: "งบประมาณถูกตัดลด", problems: "ขอรับการสนับสนุนงบประมาณปี ๒๕๖๙");
        Report("M4", round, Utc(2025, 2, 25, 2), MeasureStatus.NotStarted);
        Report("M5", round, Utc(2025, 1, 20, 2), MeasureStatus.InProgress, result: "อบรมแล้ว ๑ ครั้ง จาก 2 ครั้ง");
        Report("M6", round, Utc(2025, 3, 1, 2), MeasureStatus.InProgress, result: "ตรวจสอบแล้วครึ่งหนึ่ง");
        // After the clock: not yet part of the report.
        Report("M6", round, Utc(2025, 3, 10, 2), MeasureStatus.Done, result: "ตรวจสอบครบแล้ว");
        await _db.SaveChangesAsync();
    }

    public Measure AddMeasure(
        string code, int order, string title, string[] units, string? issue = null, string? oit = null,
        string[]? steps = null, DateOnly? start = null, DateOnly? end = null, string? periodText = null, DateTime? createdAtUtc = null)
    {
        var measure = new Measure
        {
            Organization = _organization, FiscalYear = 2568, Code = code, Order = order, Title = title,
            Issue = issue, OitItem = oit, Steps = [.. steps ?? []], PeriodStart = start, PeriodEnd = end, PeriodText = periodText,
            CreatedAtUtc = createdAtUtc ?? Utc(2024, 10, 1), UpdatedAtUtc = createdAtUtc ?? Utc(2024, 10, 1),
        };
        for (var i = 0; i < units.Length; i++) measure.Responsible.Add(new MeasureUnit { Unit = Units[units[i]], Order = i });
        Measures[code] = measure;
        _db.Measures.Add(measure);
        return measure;
    }

    public StatusReport Report(
        string code, Round round, DateTime atUtc, MeasureStatus status, string? result = null, string? outcome = null,
        string? problems = null, string[]? evidence = null, CannotProceedReason? reason = null, string? reasonText = null, string? reporter = null)
    {
        var report = new StatusReport
        {
            Measure = Measures[code], Round = round, Status = status, Result = result, Outcome = outcome, Problems = problems,
            EvidenceUrls = [.. evidence ?? []], Reason = reason, ReasonText = reasonText, ReporterName = reporter,
            ReportedAtUtc = atUtc, Source = ReportSource.Chat,
        };
        _db.StatusReports.Add(report);
        return report;
    }

    public async Task<Round> AddRoundAsync(RoundKind kind, RoundState state, DateTime? closedAtUtc = null)
    {
        var (start, end) = kind == RoundKind.Custom
            ? (new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31))
            : ItaBot.Thai.ThaiCalendar.RoundWindow(2568, kind);
        var round = new Round
        {
            Organization = _organization, FiscalYear = 2568, Kind = kind, WindowStart = start, WindowEnd = end,
            DueDate = end.AddDays(15), State = state, ClosedAtUtc = closedAtUtc,
        };
        _db.Rounds.Add(round);
        await _db.SaveChangesAsync();
        return round;
    }

    public Task SaveAsync() => _db.SaveChangesAsync();

    public static DateTime Utc(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
