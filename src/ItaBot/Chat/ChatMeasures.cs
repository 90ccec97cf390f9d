using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Chat;

/// <summary>Finding the measures a chat talks about.</summary>
public static class ChatMeasures
{
    /// <summary>The measure a reference ("M1", "ม.๑", "1") names in the organization's fiscal year, if exactly one does.</summary>
    public static async Task<Measure?> FindAsync(ItaBotDb db, int organizationId, int fiscalYear, string reference, CancellationToken ct)
    {
        var key = Understanding.MeasureKeys.Of(reference);
        var measures = await InYear(db, organizationId, fiscalYear).ToListAsync(ct);
        var matches = measures.Where(m => Understanding.MeasureKeys.Of(m.Code) == key).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    public static async Task<Measure?> ByIdAsync(ItaBotDb db, int measureId, CancellationToken ct) =>
        await db.Measures.AsNoTracking().Include(m => m.Responsible).ThenInclude(r => r.Unit).AsSplitQuery().FirstOrDefaultAsync(m => m.Id == measureId, ct);

    /// <summary>Measures of the given units in the fiscal year, in plan order.</summary>
    public static async Task<List<Measure>> OfUnitsAsync(ItaBotDb db, int organizationId, int fiscalYear, IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        (await InYear(db, organizationId, fiscalYear).Where(m => m.Responsible.Any(r => unitIds.Contains(r.UnitId))).ToListAsync(ct))
            .OrderBy(m => m.Order).ThenBy(m => m.Code, StringComparer.Ordinal).ToList();

    /// <summary>Read-only: chat never changes a measure, and an event's every save would otherwise look the measures and their units over.</summary>
    static IQueryable<Measure> InYear(ItaBotDb db, int organizationId, int fiscalYear) =>
        db.Measures.AsNoTracking().Include(m => m.Responsible).ThenInclude(r => r.Unit).AsSplitQuery()
            .Where(m => m.OrganizationId == organizationId && m.FiscalYear == fiscalYear);

    public static string UnitNames(Measure measure) =>
        string.Join(", ", measure.Responsible.OrderBy(r => r.Order).Select(r => r.Unit?.Name).OfType<string>());
}
