namespace IvrFunctions.Core.Insights.Windows;

/// <summary>Rounds UTC times to multiples of a bucket width counted from the epoch.</summary>
public static class TimeAlign
{
    public static DateTimeOffset Floor(DateTimeOffset time, TimeSpan size)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % size.Ticks), TimeSpan.Zero);
    }

    public static DateTimeOffset Ceiling(DateTimeOffset time, TimeSpan size)
    {
        var floor = Floor(time, size);
        return floor == time.ToUniversalTime() ? floor : floor + size;
    }

    public static DateTimeOffset StartOfMonth(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero);
    }
}
