namespace ItaBot.Tracking;

/// <summary>Comparison key for unit names: plans write "สำนักปลัด/งาน ธุรการ" with stray spaces and case.</summary>
public static class UnitNames
{
    public static string Normalize(string name) =>
        string.Concat(name.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
}
