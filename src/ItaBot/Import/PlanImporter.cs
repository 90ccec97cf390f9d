using ItaBot.Data;
using ItaBot.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ItaBot.Import;

/// <summary>
/// The one way a plan gets into the database, for the command line now and chat and web later.
/// Identity of a measure is (organization, fiscal year, code): importing the same plan again changes nothing,
/// and a changed plan updates measures in place, so their status history stays attached. Everything is
/// written in one transaction, or not at all.
/// </summary>
public sealed class PlanImporter(ItaBotDb db, TimeProvider time, PlanPreviewer? previewer = null)
{
    /// <summary>Rows written per round trip: well under every database's limit on parameters in one statement.</summary>
    const int Batch = 500;
    const string Savepoint = "plan_import";

    readonly PlanPreviewer _previewer = previewer ?? PlanPreviewer.Default;

    public ImportLimits Limits => _previewer.Limits;

    public async Task<ImportResult> ImportAsync(PlanFile file, string organizationName, int fiscalYear, bool dryRun, CancellationToken ct = default,
        PlanMapping? mapping = null)
    {
        var preview = await _previewer.PreviewAsync(file, fiscalYear, mapping, ct);
        var result = await ImportAsync(file.Name, preview.Draft, organizationName, fiscalYear, dryRun, ct);
        return result with { Tables = preview.Tables };
    }

    /// <summary>Imports a plan already read (the benchmark times reading and writing apart).</summary>
    public async Task<ImportResult> ImportAsync(string file, PlanDraft draft, string organizationName, int fiscalYear, bool dryRun, CancellationToken ct = default)
    {
        var name = CellText.Clean(organizationName);
        var problems = new List<ImportProblem>(draft.Problems);
        if (name.Length == 0)
            problems.Add(new ImportProblem(file, null, null, null, "ไม่ได้ระบุชื่อหน่วยงาน (organization name is missing)"));
        else if (name.Length > 300)
            problems.Add(new ImportProblem(file, null, null, null, "ชื่อหน่วยงานยาวเกิน ๓๐๐ ตัวอักษร (organization name too long)"));
        if (fiscalYear is < 2500 or > 2700)
            problems.Add(new ImportProblem(file, null, null, null,
                $"ปีงบประมาณ {fiscalYear} ไม่ถูกต้อง: ใช้ปี พ.ศ. เช่น 2568 (fiscal year must be Buddhist Era)"));
        if (problems.Count > 0) return Failed(file, name, fiscalYear, dryRun, draft.Warnings, problems);

        // Called while handling a LINE event, the inbox worker's transaction is already open: join it (one commit per
        // event), behind a savepoint so that a failure part-way still leaves nothing of the import in it.
        var outer = dryRun ? null : db.Database.CurrentTransaction;
        await using var transaction = dryRun || outer is not null ? null : await db.Database.BeginTransactionAsync(ct);
        var organization = await db.Organizations.Include(o => o.Units).FirstOrDefaultAsync(o => o.Name == name, ct);
        var units = new UnitDirectory(organization?.Units ?? []);
        foreach (var declared in draft.Units ?? []) units.Declare(declared);
        var responsible = draft.Measures.ToDictionary(m => m, m => m.Responsible.SelectMany(u => units.Resolve(u, m.ResponsibleCell)).Distinct().ToList());

        var existing = organization is null ? [] : await db.Measures.Include(m => m.Responsible)
            .Where(m => m.OrganizationId == organization.Id && m.FiscalYear == fiscalYear).ToListAsync(ct);
        var reported = new HashSet<int>();
        foreach (var ids in existing.Select(m => m.Id).Chunk(Batch))
            reported.UnionWith(await db.StatusReports.Where(s => ids.Contains(s.MeasureId)).Select(s => s.MeasureId).Distinct().ToListAsync(ct));

        var now = time.GetUtcNow().UtcDateTime;
        var warnings = new List<string>(draft.Warnings);
        var byCode = existing.ToDictionary(m => m.Code, StringComparer.Ordinal);
        var imported = new List<ImportedMeasure>();
        var toCreate = new List<DraftMeasure>();
        var toUpdate = new List<(Measure Measure, DraftMeasure Draft)>();
        foreach (var draftMeasure in draft.Measures)
        {
            var change = MeasureChange.Unchanged;
            if (!byCode.Remove(draftMeasure.Code, out var measure))
            {
                change = MeasureChange.Created;
                toCreate.Add(draftMeasure);
            }
            else if (Differs(measure, draftMeasure, responsible[draftMeasure]))
            {
                change = MeasureChange.Updated;
                toUpdate.Add((measure, draftMeasure));
                if (reported.Contains(measure.Id) && measure.Title != draftMeasure.Title)
                    warnings.Add($"มาตรการ {measure.Code} เปลี่ยนชื่อ และมีผลรายงานแล้ว: ตรวจว่ารหัส {measure.Code} ยังหมายถึงมาตรการเดิม "
                        + "(title changed on a measure that has reports; codes M1, M2… follow plan order, add a รหัส column to keep them fixed)");
            }
            imported.Add(ToImported(draftMeasure, responsible[draftMeasure], change));
        }

        // Measures dropped from the plan go, unless units already reported on them: deleting would delete the reports.
        var leftOver = byCode.Values.OrderBy(m => m.Order).ToList();
        var toRemove = leftOver.Where(m => !reported.Contains(m.Id)).ToList();
        foreach (var kept in leftOver.Where(m => reported.Contains(m.Id)))
            warnings.Add($"มาตรการ {kept.Code} ไม่มีในแผนที่นำเข้า แต่มีผลรายงานแล้วจึงยังเก็บไว้ (measure not in the plan kept: it has reports)");

        var createdUnits = units.Created.ToList();
        warnings.AddRange(units.Notes());
        var counts = new ImportCounts(organization is null, toCreate.Count, toUpdate.Count, imported.Count - toCreate.Count - toUpdate.Count,
            toRemove.Select(m => m.Code).ToList(), leftOver.Except(toRemove).Select(m => m.Code).ToList(), createdUnits.Select(u => u.Name).ToList());
        var result = new ImportResult(file, name, fiscalYear, dryRun, imported, counts, warnings, []);
        if (dryRun || !counts.ChangesAnything) return result;

        if (outer is not null) await outer.CreateSavepointAsync(Savepoint, ct);
        try
        {
            // Written in batches inside the one transaction: a 10,000-measure plan stays within the databases'
            // limits per statement, and a failure part-way still leaves nothing imported.
            organization ??= db.Organizations.Add(new Organization { Name = name, CreatedAtUtc = now }).Entity;
            foreach (var unit in createdUnits) organization.Units.Add(unit);
            await db.SaveChangesAsync(ct);
            foreach (var batch in toRemove.Chunk(Batch))
            {
                db.Measures.RemoveRange(batch);
                await db.SaveChangesAsync(ct);
            }
            foreach (var batch in toUpdate.Chunk(Batch))
            {
                foreach (var (measure, d) in batch) Update(measure, d, responsible[d], now);
                await db.SaveChangesAsync(ct);
            }
            foreach (var batch in toCreate.Chunk(Batch))
            {
                foreach (var d in batch) db.Measures.Add(NewMeasure(organization, fiscalYear, d, responsible[d], now));
                await db.SaveChangesAsync(ct);
            }
            if (transaction is not null) await transaction.CommitAsync(ct);
            else if (outer is not null) await outer.ReleaseSavepointAsync(Savepoint, ct);
            return result;
        }
        catch (DbUpdateException e)
        {
            if (outer is not null) await outer.RollbackToSavepointAsync(Savepoint, ct);
            db.ChangeTracker.Clear();
            return Failed(file, name, fiscalYear, dryRun, warnings, [new ImportProblem(file, null, null, null,
                $"บันทึกลงฐานข้อมูลไม่สำเร็จ จึงไม่ได้นำเข้าอะไรเลย (nothing imported: {e.InnerException?.Message ?? e.Message})")]);
        }
    }

    static ImportResult Failed(string file, string organization, int fiscalYear, bool dryRun, IReadOnlyList<string> warnings, IReadOnlyList<ImportProblem> problems) =>
        new(file, organization, fiscalYear, dryRun, [], ImportCounts.None, warnings, problems);

    static Measure NewMeasure(Organization organization, int fiscalYear, DraftMeasure draft, List<Unit> units, DateTime now)
    {
        var measure = new Measure { Organization = organization, FiscalYear = fiscalYear, Code = draft.Code, Title = draft.Title, CreatedAtUtc = now };
        Update(measure, draft, units, now);
        return measure;
    }

    static bool Differs(Measure measure, DraftMeasure draft, List<Unit> units) =>
        measure.Order != draft.Order || measure.Issue != draft.Issue || measure.OitItem != draft.OitItem
        || measure.Title != draft.Title || !measure.Steps.SequenceEqual(draft.Steps)
        || measure.PeriodStart != draft.Period?.Start || measure.PeriodEnd != draft.Period?.End
        || measure.PeriodText != draft.PeriodText || measure.FollowUp != draft.FollowUp
        || !measure.Extra.SequenceEqual(draft.Extra ?? new Dictionary<string, string>())
        || !measure.Responsible.OrderBy(r => r.Order).Select(r => r.UnitId).SequenceEqual(units.Select(u => u.Id));

    static void Update(Measure measure, DraftMeasure draft, List<Unit> units, DateTime now)
    {
        measure.Order = draft.Order;
        measure.Issue = draft.Issue;
        measure.OitItem = draft.OitItem;
        measure.Title = draft.Title;
        measure.Steps = draft.Steps.ToList();
        measure.PeriodStart = draft.Period?.Start;
        measure.PeriodEnd = draft.Period?.End;
        measure.PeriodText = draft.PeriodText;
        measure.FollowUp = draft.FollowUp;
        measure.Extra = draft.Extra is null ? [] : new Dictionary<string, string>(draft.Extra);
        measure.UpdatedAtUtc = now;

        // Keep the join rows of units that stay (their key cannot change), drop the others, add the new ones.
        measure.Responsible.RemoveAll(r => !units.Any(u => u.Id != 0 && u.Id == r.UnitId));
        for (var i = 0; i < units.Count; i++)
        {
            var link = measure.Responsible.FirstOrDefault(r => units[i].Id != 0 && r.UnitId == units[i].Id);
            if (link is null) measure.Responsible.Add(new MeasureUnit { Unit = units[i], Order = i });
            else link.Order = i;
        }
    }

    static ImportedMeasure ToImported(DraftMeasure draft, List<Unit> units, MeasureChange change) =>
        new(draft.Code, draft.Issue, draft.OitItem, draft.Title, draft.Steps, units.Select(u => u.Name).ToList(),
            draft.Period, draft.PeriodText, draft.FollowUp, change, draft.Extra);
}
