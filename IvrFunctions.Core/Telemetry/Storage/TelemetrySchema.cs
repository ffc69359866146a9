using System.Globalization;
using IvrFunctions.Core.Telemetry.Rollups;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// The table keys, in one place (README "Telemetry" describes them for readers).
/// Records: PartitionKey <c>{kind}-{yyyyMMddHHmm}{s}</c> with <c>s</c> the tens digit of the second (one partition per kind
/// and 10 seconds: Azurite's write cost grows with the partition written to, and the call flow shares its one thread),
/// RowKey <c>{yyyyMMddHHmmssfffffff}-{id}</c>. A minute's partitions sort between <c>{kind}-{minute}</c> and the next minute's. Rollups (minute and hour rows in two tables): PartitionKey <c>m{yyyyMMddHH}</c> (minute rows of an hour) or
/// <c>h{yyyyMMdd}</c> (hour rows of a day), RowKey <c>{bucket}|{dimension}|{key}|{writer}</c> with bucket
/// <c>yyyyMMddHHmm</c> or <c>yyyyMMddHH</c>. Partition keys sort by time, so any window is one partition-range query;
/// small partitions keep each one well under Table Storage's per-partition throughput target.
/// </summary>
public static class TelemetrySchema
{
    public const char RollupSeparator = '|';

    public static string KindName(TelemetryRecordKind kind) => kind switch
    {
        TelemetryRecordKind.Stage => "stage",
        TelemetryRecordKind.Usage => "usage",
        TelemetryRecordKind.Cache => "cache",
        TelemetryRecordKind.Session => "session",
        TelemetryRecordKind.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TelemetryRecordKind ParseKind(string name) => name switch
    {
        "stage" => TelemetryRecordKind.Stage,
        "usage" => TelemetryRecordKind.Usage,
        "cache" => TelemetryRecordKind.Cache,
        "session" => TelemetryRecordKind.Session,
        "error" => TelemetryRecordKind.Error,
        _ => throw new FormatException($"Unknown telemetry record kind '{name}'."),
    };

    public static string RecordPartition(TelemetryRecordKind kind, DateTimeOffset time) =>
        $"{KindName(kind)}-{TimeBuckets.Format(time, TimeBuckets.MinuteFormat)}{(char)('0' + time.UtcDateTime.Second / 10)}";

    public static string RecordRowPrefix(DateTimeOffset time) => TimeBuckets.Format(time, TimeBuckets.InstantFormat);

    public static string RecordRow(DateTimeOffset time, string id) => $"{RecordRowPrefix(time)}-{id}";

    /// <summary>The exact (100 ns) record time at the start of a record row key.</summary>
    public static DateTimeOffset ParseRecordTime(string rowKey) =>
        new(DateTime.ParseExact(rowKey.AsSpan(0, TimeBuckets.InstantFormat.Length), TimeBuckets.InstantFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    public static string RollupPartition(DateTimeOffset bucketStart, RollupGranularity granularity) => granularity == RollupGranularity.Minute
        ? "m" + TimeBuckets.Format(bucketStart, TimeBuckets.HourFormat)
        : "h" + TimeBuckets.Format(bucketStart, TimeBuckets.DayFormat);

    public static string RollupRow(DateTimeOffset bucketStart, RollupGranularity granularity, string dimension, string key, string writer) =>
        string.Join(RollupSeparator, TimeBuckets.BucketKey(bucketStart, granularity), dimension, SafeKey(key), writer);

    /// <summary>Row and partition keys may not contain / \ # ? or control characters, nor the separator.</summary>
    public static string SafeKey(string value)
    {
        if (value.AsSpan().IndexOfAny("/\\#?|") < 0 && !value.Any(char.IsControl))
        {
            return value;
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '_' : c;
            }
        });
    }
}
