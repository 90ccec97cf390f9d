using ItaBot.Tracking;

namespace ItaBot.Import;

/// <summary>
/// A position written alone in a ผู้รับผิดชอบ cell ("นักวิเคราะห์นโยบายและแผน") belongs to the unit the same
/// plan writes it with elsewhere ("สำนักปลัด/นักวิเคราะห์นโยบายและแผน"). Only the plan's own words count: a
/// position the plan never places, or places under two units, stays as written and is warned about.
/// </summary>
public static class PlanPositions
{
    public static List<DraftMeasure> MapPositionsToUnits(List<DraftMeasure> measures, List<string> warnings)
    {
        var placed = new Dictionary<string, (string Unit, string Code)?>();
        foreach (var measure in measures)
            foreach (var unit in measure.Responsible.Where(u => u.Kind == MentionKind.Unit))
                foreach (var detail in unit.Details.Where(d => ResponsibleUnits.KindOf(d) is MentionKind.Person or MentionKind.Group))
                {
                    var key = UnitNames.Normalize(detail);
                    if (!placed.TryGetValue(key, out var known)) placed[key] = (unit.Name, measure.Code);
                    else if (known is { } k && UnitNames.Normalize(k.Unit) != UnitNames.Normalize(unit.Name)) placed[key] = null;
                }
        if (placed.Count == 0) return measures;

        return measures.Select(measure =>
        {
            if (!measure.Responsible.Any(u => u.Kind is MentionKind.Person or MentionKind.Group && placed.GetValueOrDefault(UnitNames.Normalize(u.Name)) is not null))
                return measure;
            var mapped = new List<UnitMention>();
            foreach (var mention in measure.Responsible)
            {
                if (mention.Kind is MentionKind.Person or MentionKind.Group && placed.GetValueOrDefault(UnitNames.Normalize(mention.Name)) is { } unit)
                {
                    warnings.Add($"มาตรการ {measure.Code} ({measure.ResponsibleCell}): “{mention.Name}” นับเป็นของ {unit.Unit} ตามที่แผนเขียนไว้คู่กันในมาตรการ {unit.Code} "
                        + "(a position written alone was given the unit the plan writes it with)");
                    var existing = mapped.FindIndex(m => m.Kind == MentionKind.Unit && UnitNames.Normalize(m.Name) == UnitNames.Normalize(unit.Unit));
                    if (existing < 0) mapped.Add(new UnitMention(unit.Unit, MentionKind.Unit, [mention.Name]));
                    else mapped[existing] = mapped[existing] with { Details = [.. mapped[existing].Details, mention.Name] };
                }
                else if (mapped.FindIndex(m => m.Kind == mention.Kind && UnitNames.Normalize(m.Name) == UnitNames.Normalize(mention.Name)) is var same and >= 0)
                    mapped[same] = mapped[same] with { Details = [.. mapped[same].Details, .. mention.Details] };
                else
                    mapped.Add(mention);
            }
            return measure with { Responsible = mapped };
        }).ToList();
    }
}
