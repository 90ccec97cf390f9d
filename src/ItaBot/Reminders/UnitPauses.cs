using ItaBot.Data;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Reminders;

/// <summary>Units asking for quiet until a date, and asking to hear again.</summary>
public sealed class UnitPauses(ItaBotDb db, TimeProvider time)
{
    public async Task PauseAsync(int organizationId, IReadOnlyCollection<int> unitIds, DateOnly until, string? by, CancellationToken ct)
    {
        var existing = await db.UnitPauses.Where(p => unitIds.Contains(p.UnitId)).ToDictionaryAsync(p => p.UnitId, ct);
        foreach (var unitId in unitIds.Distinct())
        {
            if (!existing.TryGetValue(unitId, out var pause))
                db.UnitPauses.Add(pause = new UnitPause { UnitId = unitId, OrganizationId = organizationId });
            pause.Until = until;
            pause.CreatedAtUtc = time.GetUtcNow().UtcDateTime;
            pause.CreatedBy = by;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <returns>How many of the units had been paused.</returns>
    public Task<int> ResumeAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct) =>
        db.UnitPauses.Where(p => unitIds.Contains(p.UnitId)).ExecuteDeleteAsync(ct);

    /// <summary>Pauses still in force today, by unit.</summary>
    public async Task<Dictionary<int, DateOnly>> ActiveAsync(int organizationId, DateOnly today, CancellationToken ct) =>
        await db.UnitPauses.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Until >= today)
            .ToDictionaryAsync(p => p.UnitId, p => p.Until, ct);
}
