namespace ItaBot.Reports;

/// <summary>Settings under <c>Reports:</c>.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Who signs the report (ผู้รายงาน); dotted lines are printed when not set, to be signed by hand.</summary>
    public string? CoordinatorName { get; set; }

    public string? CoordinatorPosition { get; set; }

    /// <summary>
    /// The bot's public address (e.g. https://ita.example.go.th) for absolute links in chat. When not set,
    /// links are built from the address of the request being answered.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
