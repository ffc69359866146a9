using System.Globalization;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>UTC time buckets and the fixed-width keys that make them sort (and range-query) as strings.</summary>
public static class TimeBuckets
{
    public const string MinuteFormat = "yyyyMMddHHmm";
    public const string HourFormat = "yyyyMMddHH";
    public const string DayFormat = "yyyyMMdd";
    public const string MonthFormat = "yyyyMM";
    public const string InstantFormat = "yyyyMMddHHmmssfffffff";

    public static DateTimeOffset Floor(DateTimeOffset time, RollupGranularity granularity)
    {
        var utc = time.UtcDateTime;
        return granularity switch
        {
            RollupGranularity.Minute => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero),
            RollupGranularity.Hour => new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero),
            _ => throw new ArgumentOutOfRangeException(nameof(granularity)),
        };
    }

    public static TimeSpan Length(RollupGranularity granularity) =>
        granularity == RollupGranularity.Minute ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);

    /// <summary>The part of <c>[from, to)</c> inside the bucket starting at <paramref name="bucketStart"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Clip(DateTimeOffset bucketStart, RollupGranularity granularity, DateTimeOffset from, DateTimeOffset to) =>
        (Max(bucketStart, from), Min(bucketStart + Length(granularity), to));

    public static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    public static string Format(DateTimeOffset time, string format) => time.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    public static string BucketKey(DateTimeOffset bucketStart, RollupGranularity granularity) =>
        Format(bucketStart, granularity == RollupGranularity.Minute ? MinuteFormat : HourFormat);

    public static DateTimeOffset ParseBucket(string key, RollupGranularity granularity) =>
        new(DateTime.ParseExact(key, granularity == RollupGranularity.Minute ? MinuteFormat : HourFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    public static DateTimeOffset StartOfMonth(DateTimeOffset time) => new(time.UtcDateTime.Year, time.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
}
