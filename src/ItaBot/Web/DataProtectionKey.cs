namespace ItaBot.Web;

/// <summary>One ASP.NET Core data-protection key (its XML), kept in the app's database so every instance shares it.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public required string Xml { get; set; }
}
