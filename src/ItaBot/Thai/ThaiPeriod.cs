namespace ItaBot.Thai;

/// <summary>A span of whole months (Gregorian; each end is the first day of its month).</summary>
public sealed record MonthPeriod(DateOnly Start, DateOnly End)
{
    public static MonthPeriod WholeFiscalYear(int fiscalYear) =>
        new(ThaiCalendar.FiscalYearStart(fiscalYear), new DateOnly(ThaiCalendar.ToGregorianYear(fiscalYear), 9, 1));
}

/// <summary>Reads a period as plans write it: "ต.ค. ๖๗ - ก.ย. ๖๘", "ตุลาคม 2567 – กันยายน 2568", "ภายในปีงบประมาณ พ.ศ.๒๕๖๘"…</summary>
public static class ThaiPeriod
{
    /// <summary>
    /// Parses <paramref name="text"/> in the context of a plan for <paramref name="fiscalYear"/> (BE).
    /// Returns null when the text is not a period it understands.
    /// </summary>
    public static MonthPeriod? Parse(string? text, int fiscalYear) =>
        throw new NotImplementedException("ThaiPeriod.Parse is being written on the calendar branch.");
}
