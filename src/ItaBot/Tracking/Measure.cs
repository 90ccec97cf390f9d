namespace ItaBot.Tracking;

/// <summary>A มาตรการ of one fiscal year: what the agency promised to do and which units do it.</summary>
public sealed class Measure
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>Buddhist Era fiscal year, e.g. 2568.</summary>
    public int FiscalYear { get; set; }

    /// <summary>Short code people type in chat ("M1"); unique per organization and fiscal year.</summary>
    public required string Code { get; set; }

    /// <summary>Position in the plan, for printing in the agency's own order.</summary>
    public int Order { get; set; }

    /// <summary>ประเด็น / ตัวชี้วัด text, as the plan writes it.</summary>
    public string? Issue { get; set; }

    /// <summary>OIT item code (O42, O43…); codes change between years, so this is data, not an enum.</summary>
    public string? OitItem { get; set; }

    public required string Title { get; set; }
    public List<string> Steps { get; set; } = [];

    /// <summary>First day of the first month of the period (Gregorian), when known.</summary>
    public DateOnly? PeriodStart { get; set; }

    /// <summary>First day of the last month of the period (Gregorian), when known.</summary>
    public DateOnly? PeriodEnd { get; set; }

    /// <summary>The period as the plan wrote it, printed back unchanged.</summary>
    public string? PeriodText { get; set; }

    /// <summary>การติดตามผล / การรายงานผล text.</summary>
    public string? FollowUp { get; set; }

    public List<MeasureUnit> Responsible { get; set; } = [];

    /// <summary>Columns the plan has beside the measure (ลำดับ, งบประมาณ, เป้าหมาย…), by header, as written.</summary>
    public Dictionary<string, string> Extra { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One responsible unit of a measure, in the order the plan names them.</summary>
public sealed class MeasureUnit
{
    public int MeasureId { get; set; }
    public Measure? Measure { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public int Order { get; set; }
}
