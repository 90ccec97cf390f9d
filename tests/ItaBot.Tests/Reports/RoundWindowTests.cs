using ItaBot.Reports;
using ItaBot.Tests.Support;
using ItaBot.Tracking;

namespace ItaBot.Tests.Reports;

/// <summary>A round counts every answer of its window, whichever round the answer was filed under.</summary>
public sealed class RoundWindowTests : IDisposable
{
    readonly TempDatabase _database = new();
    readonly FakeTimeProvider _time = new(ReportScenario.Now);

    public void Dispose() => _database.Dispose();

    async Task<ReportScenario> SeedAsync() => await ReportScenario.SeedAsync(await _database.MigratedContextAsync());

    Task<RoundReport?> CompileAsync(ReportScenario scenario, RoundKey key) =>
        new RoundReportCompiler(_database.NewContext(), _time).CompileAsync(scenario.OrganizationId, 2568, key);

    [Fact]
    public async Task ADoneInTheSixMonthRoundIsDoneWithItsResultsInTheTwelveMonthReport()
    {
        var scenario = await SeedAsync();
        await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Open);
        _time.SetUtcNow(new DateTimeOffset(2025, 9, 1, 3, 0, 0, TimeSpan.Zero));

        var twelve = (await CompileAsync(scenario, RoundKey.TwelveMonth))!;

        var m1 = twelve.Measures.Single(m => m.Code == "M1");
        Assert.Equal(ReportStatus.Done, m1.Status);
        Assert.Equal(["ร่างคู่มือแล้ว", "เผยแพร่คู่มือบนเว็บไซต์แล้ว 3 ฉบับ"], m1.Results.Select(r => r.Text));
        Assert.Equal(["บุคลากรรับทราบแนวทางเดียวกัน"], m1.Outcomes.Select(o => o.Text));
        Assert.Equal(["https://muangchan.go.th/manual-draft", "https://muangchan.go.th/manual"], m1.EvidenceUrls);
        var m2 = twelve.Measures.Single(m => m.Code == "M2");
        Assert.Equal(ReportStatus.CannotProceed, m2.Status);
        Assert.Equal((CannotProceedReason.NoBudget, "งบประมาณถูกตัดลด"), (m2.Reason, m2.ReasonText));
        // M6's Done of 10 March is inside the year, so the 12-month report has it.
        Assert.Equal(ReportStatus.Done, twelve.Measures.Single(m => m.Code == "M6").Status);
        Assert.Equal(ReportStatus.AwaitingReport, twelve.Measures.Single(m => m.Code == "M3").Status);
        Assert.Equal(2, twelve.Totals.All.Done);
    }

    [Fact]
    public async Task LaterAnswersOfTheTwelveMonthRoundFollowTheSixMonthOnesInDateOrder()
    {
        var scenario = await SeedAsync();
        var twelveRound = await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Open);
        scenario.Report("M5", twelveRound, ReportScenario.Utc(2025, 6, 10, 3), MeasureStatus.Done, result: "อบรมครั้งที่ ๒ แล้ว", outcome: "ผู้เข้าอบรม ๔๕ คน");
        await scenario.SaveAsync();
        _time.SetUtcNow(new DateTimeOffset(2025, 9, 1, 3, 0, 0, TimeSpan.Zero));

        var m5 = (await CompileAsync(scenario, RoundKey.TwelveMonth))!.Measures.Single(m => m.Code == "M5");

        Assert.Equal(ReportStatus.Done, m5.Status);
        Assert.Equal([(new DateOnly(2025, 1, 20), "อบรมแล้ว ๑ ครั้ง จาก 2 ครั้ง"), (new DateOnly(2025, 6, 10), "อบรมครั้งที่ ๒ แล้ว")],
            m5.Results.Select(r => (r.Date, r.Text)));
        Assert.Equal(2, m5.ReportCount);
    }

    [Fact]
    public async Task TheSixMonthReportDoesNotTakeLaterAnswersFiledUnderTheTwelveMonthRound()
    {
        var scenario = await SeedAsync();
        var twelveRound = await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Open);
        scenario.Report("M3", twelveRound, ReportScenario.Utc(2025, 6, 10, 3), MeasureStatus.Done, result: "เปิดช่องทางออนไลน์แล้ว");
        await scenario.SaveAsync();
        _time.SetUtcNow(new DateTimeOffset(2025, 9, 1, 3, 0, 0, TimeSpan.Zero));

        var six = (await CompileAsync(scenario, RoundKey.SixMonth))!;

        Assert.Equal(ReportStatus.AwaitingReport, six.Measures.Single(m => m.Code == "M3").Status);
    }

    [Fact]
    public async Task AnswersFiledUnderARoundBetweenItsWindowsEndAndItsClosingCountForIt()
    {
        var scenario = await SeedAsync();
        // 10 April: after the window (Oct–Mar), before the due date, filed under the 6-month round as chat does.
        scenario.Report("M3", scenario.SixMonthRound, ReportScenario.Utc(2025, 4, 10, 3), MeasureStatus.InProgress, result: "กำลังปรับปรุงหน้าเว็บ");
        await scenario.SaveAsync();
        _time.SetUtcNow(new DateTimeOffset(2025, 4, 11, 3, 0, 0, TimeSpan.Zero));

        var m3 = (await CompileAsync(scenario, RoundKey.SixMonth))!.Measures.Single(m => m.Code == "M3");

        Assert.Equal(ReportStatus.InProgress, m3.Status);
        Assert.Equal(["กำลังปรับปรุงหน้าเว็บ"], m3.Results.Select(r => r.Text));
    }

    [Fact]
    public async Task ACustomRoundCountsTheAnswersOfItsOwnDaysOnly()
    {
        var scenario = await SeedAsync();
        // 1–31 January 2025.
        var custom = await scenario.AddRoundAsync(RoundKind.Custom, RoundState.Open);
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 3, 3, 0, 0, TimeSpan.Zero));

        var report = (await CompileAsync(scenario, RoundKey.Custom(custom.Id)))!;

        var m1 = report.Measures.Single(m => m.Code == "M1");
        Assert.Equal(ReportStatus.InProgress, m1.Status); // 10 Jan InProgress; the Done of 20 Feb is after the window
        Assert.Equal(["ร่างคู่มือแล้ว"], m1.Results.Select(r => r.Text));
        var m2 = report.Measures.Single(m => m.Code == "M2");
        Assert.Equal(ReportStatus.InProgress, m2.Status);
        Assert.Equal(["ข้อมูลไม่ครบ"], m2.Problems.Select(p => p.Text));
        Assert.Equal(ReportStatus.InProgress, report.Measures.Single(m => m.Code == "M5").Status);
        Assert.Equal(ReportStatus.AwaitingReport, report.Measures.Single(m => m.Code == "M4").Status);
        Assert.Equal(ReportStatus.AwaitingReport, report.Measures.Single(m => m.Code == "M6").Status);
        Assert.Contains("รอบติดตามผล ๑ ม.ค. ๖๘ – ๓๑ ม.ค. ๖๘", RoundNames.Name(RoundKind.Custom, custom.WindowStart, custom.WindowEnd));
        Assert.Equal("(๑ มกราคม ๒๕๖๘ – ๓๑ มกราคม ๒๕๖๘)", ReportText.RoundSpan(report.Round));
    }

    [Fact]
    public async Task AClosedTwelveMonthReportKeepsTheYearAsItStoodAtClosing()
    {
        var scenario = await SeedAsync();
        var closedAt = ReportScenario.Utc(2025, 10, 15, 10);
        var twelveRound = await scenario.AddRoundAsync(RoundKind.TwelveMonth, RoundState.Closed, closedAt);
        _time.SetUtcNow(new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero));
        var before = ReportDump.Describe((await CompileAsync(scenario, RoundKey.TwelveMonth))!);

        scenario.Report("M3", twelveRound, ReportScenario.Utc(2025, 10, 18, 3), MeasureStatus.Done, result: "ส่งช้า");
        await scenario.SaveAsync();
        var after = ReportDump.Describe((await CompileAsync(scenario, RoundKey.TwelveMonth))!);

        Assert.Equal(before, after);
        Assert.Contains("M1 Done", after);
    }
}
