using ItaBot.Tracking;

namespace ItaBot.Reminders;

/// <summary>The round a wave reminds about, as read once for the whole wave.</summary>
public sealed record RoundInfo(int Id, int OrganizationId, int FiscalYear, RoundKind Kind, DateOnly WindowStart, DateOnly WindowEnd, DateOnly DueDate)
{
    public RoundDates Dates => new(WindowStart, DueDate);
}

public sealed record OwedMeasure(int Id, string Code, string Title, int Order);

/// <summary>A unit and the measures it has not answered in the round.</summary>
public sealed record OwingUnit(int UnitId, string Name, IReadOnlyList<OwedMeasure> Measures);
