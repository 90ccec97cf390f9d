namespace ItaBot.Reminders.Holidays;

/// <summary>
/// An organization's change to the shipped list: a day off of its own (a local festival, the Royal
/// Ploughing Ceremony) or, with <see cref="IsHoliday"/> false, a shipped holiday it works on.
/// </summary>
public sealed class OrganizationHoliday
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
    public bool IsHoliday { get; set; } = true;
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
}
