namespace ItaBot.Import;

/// <summary>Settings under <c>Import:</c> (environment: <c>Import__Limits__MaxFileBytes</c>, <c>Import__LibreOffice</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Import";

    public ImportLimits Limits { get; set; } = new();

    /// <summary>Path of LibreOffice's soffice; empty: looked up on PATH and in the usual places.</summary>
    public string? LibreOffice { get; set; }
}
