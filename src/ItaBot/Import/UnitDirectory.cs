using ItaBot.Tracking;

namespace ItaBot.Import;

/// <summary>
/// Matches the units a plan names to the organization's units (by name or alias, ignoring spaces, and
/// "สำนักปลัดเทศบาล" = "สำนักปลัด"), and makes the ones it does not know yet.
/// </summary>
public sealed class UnitDirectory
{
    static readonly string[] OrganizationSuffixes = ["องค์การบริหารส่วนจังหวัด", "องค์การบริหารส่วนตำบล", "เทศบาล", "อบจ", "อบต"];

    readonly List<Unit> _units;
    readonly HashSet<Unit> _existing;
    readonly List<(string Detail, string Unit)> _rolledUp = [];
    readonly List<(string Name, MentionKind Kind, string? Cell)> _notUnits = [];

    public UnitDirectory(IEnumerable<Unit> existing)
    {
        _units = existing.ToList();
        _existing = [.. _units];
    }

    public IEnumerable<Unit> Created => _units.Where(u => !_existing.Contains(u));

    /// <summary>Units a JSON plan declares: created with their aliases when new, left as they are when known.</summary>
    public void Declare(DeclaredUnit declared)
    {
        if (Find(declared.Name) is null && declared.Aliases.Select(Find).FirstOrDefault(u => u is not null) is null)
            _units.Add(new Unit { Name = declared.Name, Aliases = declared.Aliases.ToList() });
    }

    /// <summary>
    /// The units that answer for a mention. A sub-unit the organization already tracks as a unit of its own
    /// (it chose to bind that งาน's group) wins over the กอง / สำนัก it was written under.
    /// </summary>
    /// <param name="cell">Where the name was written, for the warning when it is not a unit's name.</param>
    public IEnumerable<Unit> Resolve(UnitMention mention, string? cell = null)
    {
        switch (mention.Kind)
        {
            case MentionKind.AllUnits:
                yield return Find(ResponsibleUnits.AllUnitsName)
                    ?? ResponsibleUnits.AllUnitsAliases.Select(Find).FirstOrDefault(u => u is not null)
                    ?? Create(ResponsibleUnits.AllUnitsName, ResponsibleUnits.AllUnitsAliases);
                yield break;
            case MentionKind.Unit:
                var tracked = mention.Details.Select(Find).OfType<Unit>().Where(u => _existing.Contains(u)).ToList();
                if (tracked.Count > 0)
                {
                    foreach (var unit in tracked) yield return unit;
                    yield break;
                }
                var owner = FindOrCreate(mention.Name);
                foreach (var detail in mention.Details)
                    if (!_rolledUp.Contains((detail, owner.Name))) _rolledUp.Add((detail, owner.Name));
                yield return owner;
                yield break;
            default:
                var found = Find(mention.Name);
                if (found is null && mention.Kind is MentionKind.Person or MentionKind.Group) _notUnits.Add((mention.Name, mention.Kind, cell));
                yield return found ?? Create(mention.Name, []);
                yield break;
        }
    }

    /// <summary>What the coordinator should know about how names became units.</summary>
    public IEnumerable<string> Notes()
    {
        if (_rolledUp.Count > 0)
            yield return "งานและตำแหน่งในช่องผู้รับผิดชอบนับเป็นของกอง/สำนักที่เขียนไว้ด้วยกัน (sub-units rolled up): "
                + string.Join(", ", _rolledUp.Select(r => $"{r.Detail} → {r.Unit}"));
        foreach (var group in _notUnits.GroupBy(n => n.Name))
        {
            var (name, kind, _) = group.First();
            var cells = string.Join(", ", group.Select(n => n.Cell).OfType<string>().Distinct());
            var where = cells.Length > 0 ? $" ({cells})" : "";
            yield return kind == MentionKind.Group
                ? $"“{name}”{where} เป็นคณะทำงาน/คณะกรรมการ ไม่ใช่กอง/สำนัก: สร้างเป็นหน่วยงานไว้ก่อน ให้ผูกกลุ่ม LINE ของคณะนี้ หรือเขียนกอง/สำนักที่รับผิดชอบในแผน (a working group was made a unit)"
                : $"“{name}”{where} เป็นชื่อตำแหน่ง ไม่ใช่กอง/สำนัก และแผนไม่ได้บอกว่าอยู่กอง/สำนักใด: สร้างเป็นหน่วยงานไว้ก่อน ตรวจชื่อให้ถูกต้อง (a position was made a unit)";
        }
    }

    Unit FindOrCreate(string name) => Find(name) ?? Create(name, []);

    Unit Create(string name, IEnumerable<string> aliases)
    {
        var unit = new Unit { Name = name, Aliases = aliases.ToList() };
        _units.Add(unit);
        return unit;
    }

    Unit? Find(string name)
    {
        var exact = _units.FirstOrDefault(u => u.IsCalled(name));
        if (exact is not null) return exact;
        var key = ShortKey(name);
        var similar = _units.FirstOrDefault(u => ShortKey(u.Name) == key || u.Aliases.Any(a => ShortKey(a) == key));
        // A new unit spelled two ways in one plan keeps the other spelling as an alias.
        if (similar is not null && !_existing.Contains(similar)) similar.Aliases.Add(name);
        return similar;
    }

    /// <summary>"สำนักปลัดเทศบาล", "สำนักปลัดองค์การบริหารส่วนตำบล" and "สำนักปลัด" are one unit.</summary>
    static string ShortKey(string name)
    {
        var key = UnitNames.Normalize(name).Replace(".", "");
        foreach (var suffix in OrganizationSuffixes)
            if (key.Length > suffix.Length + 3 && key.EndsWith(suffix, StringComparison.Ordinal))
                return key[..^suffix.Length];
        return key;
    }
}
