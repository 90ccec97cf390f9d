using ItaBot.Data;
using ItaBot.Import;
using ItaBot.Tests.Support;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ItaBot.Tests.Import.ImportTestKit;

namespace ItaBot.Tests.Import;

public class DemoDataTests
{
    [Fact]
    public async Task ABotStartingOnAnEmptyDatabaseShowsTheMuangChanPlanInTodaysFiscalYear()
    {
        // 2 Dec 2026 is in FY 2570 (Oct 2026 – Sep 2027): the plan, written for FY 2568, is moved two years on.
        using var app = new TestApp().With("Demo:Load", "true");
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var organization = await db.Organizations.Include(o => o.Units).SingleAsync();
        Assert.Equal(DemoData.OrganizationName, organization.Name);
        Assert.Equal(["สำนักปลัด", "กองคลัง", "หน่วยตรวจสอบภายใน"], organization.Units.OrderBy(u => u.Id).Select(u => u.Name));
        Assert.True(organization.Units.Single(u => u.Name == "กองคลัง").IsCalled("คลัง"));
        var measures = await db.Measures.ToListAsync();
        Assert.Equal(9, measures.Count);
        Assert.All(measures, m => Assert.Equal(
            (2570, new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 1), "ต.ค. ๖๙ – ก.ย. ๗๐"),
            (m.FiscalYear, m.PeriodStart!.Value, m.PeriodEnd!.Value, m.PeriodText)));
        var rounds = await db.Rounds.Where(r => r.OrganizationId == organization.Id).OrderBy(r => r.WindowEnd).ToListAsync();
        Assert.Equal([RoundKind.SixMonth, RoundKind.TwelveMonth], rounds.Select(r => r.Kind));
        Assert.All(rounds, r => Assert.Equal((2570, RoundState.Open), (r.FiscalYear, r.State)));
        var current = await Rounds.CurrentAsync(db, organization.Id, default);
        Assert.Equal((RoundKind.SixMonth, new DateOnly(2027, 4, 15)), (current!.Kind, current.DueDate));
    }

    [Theory]
    [InlineData(2025, 9, 30, 2568, "ต.ค. ๖๗ - ก.ย. ๖๘")] // the plan's own year: as the agency wrote it
    [InlineData(2025, 10, 1, 2569, "ต.ค. ๖๘ – ก.ย. ๖๙")]
    [InlineData(2027, 10, 1, 2571, "ต.ค. ๗๐ – ก.ย. ๗๑")]
    public async Task TheDemoYearIsTheFiscalYearOfTheAppsClock(int year, int month, int day, int fiscalYear, string periodText)
    {
        using var app = new TestApp().With("Demo:Load", "true");
        app.Time.SetUtcNow(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.FromHours(7)));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var measure = await db.Measures.OrderBy(m => m.Order).FirstAsync();
        Assert.Equal((fiscalYear, periodText), (measure.FiscalYear, measure.PeriodText));
        Assert.Equal([fiscalYear], await db.Rounds.Select(r => r.FiscalYear).Distinct().ToListAsync());
    }

    [Fact]
    public async Task TheDemoRemindersAreForTodaysRound()
    {
        using var app = new TestApp().With("Demo:Load", "true");
        app.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 9, 5, 0, TimeSpan.FromHours(7))); // a working Monday in FY 2570
        _ = app.Services;
        int organizationId;
        var recipients = new ItaBot.Tests.Reminders.FakeRecipients();
        await using (var db = app.Database.NewContext())
        {
            var organization = await db.Organizations.Include(o => o.Units).SingleAsync();
            organizationId = organization.Id;
            foreach (var unit in organization.Units) recipients.Units.Add(new(organization.Id, "default", $"group-{unit.Id}", [unit.Id], 5));
        }

        using var harness = new ItaBot.Tests.Reminders.ReminderHarness(app.Database, app.Time, recipients, new ItaBot.Tests.Reminders.FakeQuotas());
        var wave = await harness.RunWaveAsync();

        Assert.Equal(3, wave.Planned.Count);
        Assert.All(wave.Planned, p => Assert.Equal((organizationId, "weekly:2026-12-14"), (p.OrganizationId, p.Slot)));
        Assert.All(wave.Planned, p => Assert.Contains("ภายใน ๑๕ เม.ย. ๗๐", p.Text));
    }

    [Fact]
    public async Task TestsAndDatabasesWithDataGetNoDemo()
    {
        using var app = new TestApp();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        Assert.False(await db.Organizations.AnyAsync());

        db.Organizations.Add(new Organization { Name = "อบต.ของเราเอง" });
        await db.SaveChangesAsync();
        using var withData = new TestApp().With("Demo:Load", "true").With("ConnectionStrings:Default", app.Database.ConnectionString);
        await using var again = withData.Services.CreateAsyncScope();
        Assert.Equal(["อบต.ของเราเอง"], await again.ServiceProvider.GetRequiredService<ItaBotDb>().Organizations.Select(o => o.Name).ToListAsync());
    }

    [Fact]
    public async Task TheDemoPlanIsTheAgencysPlanAsTheWordFileImports()
    {
        using var fromDemo = new TempDatabase();
        using var fromWord = new TempDatabase();
        var demoPath = Path.Combine(AppContext.BaseDirectory, "Import", "Demo", DemoData.PlanFileName);

        await ImportOkAsync(fromDemo, await PlanFile.ReadAsync(demoPath), "demo", DemoData.PlanFiscalYear);
        await ImportOkAsync(fromWord, new PlanFile("plan.docx", DocxBuilder.FromExtractedText(DomainFiles.Read("plan-muangchan-2568.txt"))), "word", 2568);

        var demo = await MeasuresAsync(fromDemo, "demo", 2568);
        var word = await MeasuresAsync(fromWord, "word", 2568);
        Assert.Equal(word.Select(m => (m.Code, m.Issue, m.Title, m.PeriodStart, m.PeriodEnd, m.PeriodText)),
            demo.Select(m => (m.Code, m.Issue, m.Title, m.PeriodStart, m.PeriodEnd, m.PeriodText)));
        Assert.Equal(word.Select(m => string.Join("|", m.Steps)), demo.Select(m => string.Join("|", m.Steps)));
        Assert.Equal(word.Select(m => string.Join("|", UnitsOf(m))), demo.Select(m => string.Join("|", UnitsOf(m))));
    }
}
