namespace ItaBot.Line;

/// <summary>Messages LINE bills a channel for in one Bangkok calendar month, counted as the sender sends.</summary>
public sealed class LineUsage
{
    public required string Channel { get; set; }
    /// <summary>"2025-03": the Bangkok calendar month (LINE's quota month follows the account's time zone).</summary>
    public required string Month { get; set; }
    /// <summary>One per recipient per request, however many message objects the request held.</summary>
    public long Messages { get; set; }
    public long Requests { get; set; }
    /// <summary>Requests to a group or room whose member count LINE would not tell; each counted as one recipient.</summary>
    public long EstimatedRequests { get; set; }
}
