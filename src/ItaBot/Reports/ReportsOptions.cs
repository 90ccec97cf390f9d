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

    /// <summary>PDF conversion (<c>Reports:Pdf:…</c>).</summary>
    public PdfOptions Pdf { get; set; } = new();

    /// <summary>The approval memo (<c>Reports:Memo:…</c>).</summary>
    public MemoOptions Memo { get; set; } = new();
}

/// <summary>Settings under <c>Reports:Pdf</c>.</summary>
public sealed class PdfOptions
{
    /// <summary>The LibreOffice program; found on PATH and in the usual places when not set.</summary>
    public string? Soffice { get; set; }

    /// <summary>After this long a conversion is stopped.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>How long a web request waits for its PDF before it is told the file is being prepared.</summary>
    public int WaitSeconds { get; set; } = 20;

    /// <summary>Conversions waiting at most; more requests are asked to come back.</summary>
    public int QueueLimit { get; set; } = 4;
}

/// <summary>
/// Settings under <c>Reports:Memo</c>: the approval memo's header and signers. Anything not set prints as a
/// dotted line, to be written in by hand.
/// </summary>
public sealed class MemoOptions
{
    /// <summary>ส่วนราชการ, e.g. "สำนักปลัด เทศบาลตำบลเมืองจันทร์ โทร. ๐ ๔๕๖๑ ๒๓๔๕".</summary>
    public string? Unit { get; set; }

    /// <summary>ที่, e.g. "ศก ๕๑๒๐๑/".</summary>
    public string? Number { get; set; }

    /// <summary>เรียน, e.g. "นายกเทศมนตรีตำบลเมืองจันทร์".</summary>
    public string? To { get; set; }

    /// <summary>Who proposes (the ITA coordinator); Reports:CoordinatorName/Position when not set.</summary>
    public string? CoordinatorName { get; set; }

    public string? CoordinatorPosition { get; set; }

    /// <summary>The head of สำนักปลัด, who comments.</summary>
    public string? HeadName { get; set; }

    public string? HeadPosition { get; set; }

    /// <summary>The executive, who acknowledges and allows publishing.</summary>
    public string? ExecutiveName { get; set; }

    public string? ExecutivePosition { get; set; }
}
