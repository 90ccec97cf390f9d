namespace ItaBot.Tracking;

/// <summary>An agency (เทศบาล, อบต., อบจ.): the tenant that owns units, measures and rounds.</summary>
public sealed class Organization
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Random, URL-safe token that makes the public report address unguessable.</summary>
    public string PublicToken { get; set; } = NewToken();

    public DateTime CreatedAtUtc { get; set; }

    public List<Unit> Units { get; set; } = [];

    public static string NewToken() =>
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
