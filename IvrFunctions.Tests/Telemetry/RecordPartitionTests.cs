using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>Record partitions hold 10 seconds of one kind and sort by time, inside their minute's range.</summary>
public sealed class RecordPartitionTests
{
    static readonly DateTimeOffset Minute = new(2026, 11, 24, 13, 47, 0, TimeSpan.Zero);

    [Fact]
    public void TenSecondsShareAPartition_TheNextTenSecondsDoNot()
    {
        Assert.Equal("stage-2026112413470", TelemetrySchema.RecordPartition(TelemetryRecordKind.Stage, Minute));
        Assert.Equal("stage-2026112413470", TelemetrySchema.RecordPartition(TelemetryRecordKind.Stage, Minute.AddSeconds(9.999)));
        Assert.Equal("stage-2026112413471", TelemetrySchema.RecordPartition(TelemetryRecordKind.Stage, Minute.AddSeconds(10)));
        Assert.Equal("stage-2026112413475", TelemetrySchema.RecordPartition(TelemetryRecordKind.Stage, Minute.AddSeconds(59.9)));
    }

    [Fact]
    public void Partitions_SortByTime_AndStayInsideTheirMinute()
    {
        var times = Enumerable.Range(0, 3 * 60).Select(s => Minute.AddSeconds(s - 60)).ToList();
        var partitions = times.Select(t => TelemetrySchema.RecordPartition(TelemetryRecordKind.Error, t)).ToList();

        Assert.Equal(partitions.Order(StringComparer.Ordinal), partitions);
        // A minute-prefix range (what a reader bounded by minutes would ask) holds exactly that minute's partitions.
        var inMinute = partitions.Where(p => string.CompareOrdinal(p, "error-202611241347") >= 0 && string.CompareOrdinal(p, "error-202611241348") < 0);
        Assert.Equal(times.Where(t => t >= Minute && t < Minute.AddMinutes(1)).Select(t => TelemetrySchema.RecordPartition(TelemetryRecordKind.Error, t)), inMinute);
    }
}
