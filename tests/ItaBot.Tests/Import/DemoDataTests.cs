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
    public async Task ABotStartingOnAnEmptyDatabaseShowsTheMuangChanPlanAtOnce()
    {
        using var app = new TestApp().With("Demo:Load", "true");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ItaBotDb>();
        var organization = await db.Organizations.Include(o => o.Units).SingleAsync();
        Assert.Equal(DemoData.OrganizationName, organization.Name);
        Assert.Equal(["สำนักปลัด", "กองคลัง", "หน่วยตรวจสอบภายใน"], organization.Units.OrderBy(u => u.Id).Select(u => u.Name));
        Assert.True(organization.Units.Single(u => u.Name == "กองคลัง").IsCalled("คลัง"));
        Assert.Equal(9, await db.Measures.CountAsync(m => m.FiscalYear == DemoData.FiscalYear));
        var rounds = await db.Rounds.Where(r => r.OrganizationId == organization.Id).OrderBy(r => r.WindowEnd).ToListAsync();
        Assert.Equal([RoundKind.SixMonth, RoundKind.TwelveMonth], rounds.Select(r => r.Kind));
        Assert.All(rounds, r => Assert.Equal((DemoData.FiscalYear, RoundState.Open), (r.FiscalYear, r.State)));
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

        await ImportOkAsync(fromDemo, await PlanFile.ReadAsync(demoPath), "demo", 2568);
        await ImportOkAsync(fromWord, new PlanFile("plan.docx", DocxBuilder.FromExtractedText(DomainFiles.Read("plan-muangchan-2568.txt"))), "word", 2568);

        var demo = await MeasuresAsync(fromDemo, "demo", 2568);
        var word = await MeasuresAsync(fromWord, "word", 2568);
        Assert.Equal(word.Select(m => (m.Code, m.Issue, m.Title, m.PeriodStart, m.PeriodEnd, m.PeriodText)),
            demo.Select(m => (m.Code, m.Issue, m.Title, m.PeriodStart, m.PeriodEnd, m.PeriodText)));
        Assert.Equal(word.Select(m => string.Join("|", m.Steps)), demo.Select(m => string.Join("|", m.Steps)));
        Assert.Equal(word.Select(m => string.Join("|", UnitsOf(m))), demo.Select(m => string.Join("|", UnitsOf(m))));
    }
}
