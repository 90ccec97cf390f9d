namespace ItaBot.Reminders;

/// <summary>A unit asked for quiet (<c>พักการแจ้งเตือน ถึง 15 ม.ค.</c>): no reminders up to and including <see cref="Until"/>.</summary>
public sealed class UnitPause
{
    public int UnitId { get; set; }
    public int OrganizationId { get; set; }
    public DateOnly Until { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string? CreatedBy { get; set; }
}
