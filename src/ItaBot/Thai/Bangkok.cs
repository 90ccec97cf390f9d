namespace ItaBot.Thai;

/// <summary>Asia/Bangkok: every date a person sees (due dates, rounds, reminder slots) is a Bangkok date.</summary>
public static class Bangkok
{
    public static readonly TimeZoneInfo Zone = FindZone();

    static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok"); }
        catch (TimeZoneNotFoundException)
        {
            // Thailand has kept UTC+7 with no daylight saving since 1920; a machine without tzdata still gets it right.
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
    }

    public static DateTimeOffset Now(this TimeProvider time) => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone);

    public static DateOnly Today(this TimeProvider time) => DateOnly.FromDateTime(time.Now().DateTime);

    public static DateTime ToBangkok(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
