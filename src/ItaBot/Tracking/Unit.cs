namespace ItaBot.Tracking;

/// <summary>A สำนัก / กอง / งาน inside an organization; aliases are what people type for it ("คลัง", "Finance").</summary>
public sealed class Unit
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
    public List<string> Aliases { get; set; } = [];

    public bool IsCalled(string text)
    {
        var wanted = UnitNames.Normalize(text);
        return UnitNames.Normalize(Name) == wanted || Aliases.Any(a => UnitNames.Normalize(a) == wanted);
    }
}
