using ItaBot.Data;
using ItaBot.Tracking;

namespace ItaBot.Tests.Support;

/// <summary>Small builders for tracking data that tests need but do not test.</summary>
public static class Seed
{
    public static async Task<Organization> OrganizationAsync(ItaBotDb db, string name = "เทศบาลตำบลเมืองจันทร์")
    {
        var org = new Organization { Name = name, CreatedAtUtc = DateTime.UtcNow };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org;
    }

    public static async Task<Measure> MeasureAsync(ItaBotDb db, Organization org, string code, int fiscalYear = 2568, params Unit[] units)
    {
        var measure = new Measure
        {
            OrganizationId = org.Id,
            FiscalYear = fiscalYear,
            Code = code,
            Title = $"มาตรการ {code}",
            Order = int.TryParse(code.TrimStart('M'), out var n) ? n : 0,
        };
        for (var i = 0; i < units.Length; i++) measure.Responsible.Add(new MeasureUnit { Unit = units[i], Order = i });
        db.Measures.Add(measure);
        await db.SaveChangesAsync();
        return measure;
    }

    public static StatusReport Report(Measure measure, Round round, MeasureStatus status, TimeProvider time) => new()
    {
        MeasureId = measure.Id,
        RoundId = round.Id,
        Status = status,
        ReportedAtUtc = time.GetUtcNow().UtcDateTime,
        Source = ReportSource.Chat,
    };
}
