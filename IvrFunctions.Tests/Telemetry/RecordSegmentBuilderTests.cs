using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Tests.Telemetry;

public sealed class RecordSegmentBuilderTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    static List<RecordSegment> Plan(DateTimeOffset from, DateTimeOffset to, long target, params (int Minute, long Count)[] minutes)
    {
        var builder = new RecordSegmentBuilder(TelemetryRecordKind.Stage, from, to, target);
        var segments = new List<RecordSegment>();
        var counts = minutes.ToDictionary(m => m.Minute, m => m.Count);
        for (var at = from; at < to; at = at.AddMinutes(1))
        {
            builder.Add(at, at.AddMinutes(1), counts.GetValueOrDefault((int)(at - T0).TotalMinutes), segments);
        }

        builder.Finish(segments);
        return segments;
    }

    static void AssertCoversWithoutGaps(IReadOnlyList<RecordSegment> segments, DateTimeOffset from, DateTimeOffset to)
    {
        Assert.Equal(from, segments[0].From);
        Assert.Equal(to, segments[^1].To);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.Equal(segments[i - 1].To, segments[i].From);
            Assert.True(segments[i].From < segments[i].To);
        }
    }

    [Fact]
    public void Plan_NothingCounted_IsOneSegmentOverTheWholeWindow()
    {
        var segments = Plan(T0, T0.AddHours(3), 1000);

        var only = Assert.Single(segments);
        Assert.Equal(new RecordSegment(TelemetryRecordKind.Stage, T0, T0.AddHours(3), 0), only);
    }

    [Fact]
    public void Plan_SpansJoinUpToTheTarget_EmptyMinutesJoinTheirNeighbours()
    {
        // 400 + 500 fit one segment; 300 more would pass 1,000, so a new segment starts at minute 50 and runs to the end.
        var segments = Plan(T0, T0.AddHours(2), 1000, (10, 400), (20, 500), (50, 300), (90, 100));

        Assert.Equal(
            [
                new RecordSegment(TelemetryRecordKind.Stage, T0, T0.AddMinutes(50), 900),
                new RecordSegment(TelemetryRecordKind.Stage, T0.AddMinutes(50), T0.AddHours(2), 400),
            ],
            segments);
    }

    [Fact]
    public void Plan_BusyMinute_IsCutIntoEqualTimeSlicesOfAtMostTheTarget()
    {
        var segments = Plan(T0, T0.AddMinutes(10), 1000, (2, 700), (5, 2500), (6, 100));

        // Minute 2 with the empty minutes around it; minute 5 (2,500) in three slices of 20 s (834 each), the last staying open
        // for minute 6 and the empty rest.
        Assert.Equal(
            [
                new RecordSegment(TelemetryRecordKind.Stage, T0, T0.AddMinutes(5), 700),
                new RecordSegment(TelemetryRecordKind.Stage, T0.AddMinutes(5), T0.AddMinutes(5).AddSeconds(20), 834),
                new RecordSegment(TelemetryRecordKind.Stage, T0.AddMinutes(5).AddSeconds(20), T0.AddMinutes(5).AddSeconds(40), 834),
                new RecordSegment(TelemetryRecordKind.Stage, T0.AddMinutes(5).AddSeconds(40), T0.AddMinutes(10), 934),
            ],
            segments);
    }

    [Fact]
    public void Plan_BusyMinuteAfterAnEmptyStretch_TakesTheStretchIntoItsFirstSlice()
    {
        var segments = Plan(T0, T0.AddMinutes(4), 1000, (2, 1500));

        Assert.Equal(
            [
                new RecordSegment(TelemetryRecordKind.Stage, T0, T0.AddMinutes(2).AddSeconds(30), 750),
                new RecordSegment(TelemetryRecordKind.Stage, T0.AddMinutes(2).AddSeconds(30), T0.AddMinutes(4), 750),
            ],
            segments);
    }

    [Fact]
    public void Plan_RandomCounts_CoverTheWindowWithoutGapsAndNeverPlanMoreThanTheTargetExceptForOneSpan()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var from = T0.AddSeconds(random.Next(0, 59));
            var to = T0.AddHours(4).AddSeconds(-random.Next(0, 59));
            var counts = Enumerable.Range(0, 240).Where(_ => random.Next(3) == 0).Select(m => (m, (long)random.Next(0, 3000))).ToArray();
            var builder = new RecordSegmentBuilder(TelemetryRecordKind.Usage, from, to, 1000);
            var segments = new List<RecordSegment>();
            var map = counts.ToDictionary(c => c.m, c => c.Item2);
            for (var minute = T0; minute < to; minute = minute.AddMinutes(1))
            {
                var start = minute < from ? from : minute;
                var end = minute.AddMinutes(1) > to ? to : minute.AddMinutes(1);
                builder.Add(start, end, map.GetValueOrDefault((int)(minute - T0).TotalMinutes), segments);
            }

            builder.Finish(segments);

            AssertCoversWithoutGaps(segments, from, to);
            Assert.All(segments, s => Assert.InRange(s.Estimate, 0, 1000));
            Assert.Equal(counts.Sum(c => c.Item2), segments.Sum(s => s.Estimate), 0.01 * counts.Sum(c => c.Item2) + 10);
        }
    }

    [Fact]
    public void Add_SpanThatDoesNotFollowTheLastOne_IsRefused()
    {
        var builder = new RecordSegmentBuilder(TelemetryRecordKind.Stage, T0, T0.AddHours(1), 1000);
        var segments = new List<RecordSegment>();
        builder.Add(T0, T0.AddMinutes(1), 5, segments);

        Assert.Throws<ArgumentException>(() => builder.Add(T0.AddMinutes(2), T0.AddMinutes(3), 5, segments));
        Assert.Throws<ArgumentException>(() => builder.Add(T0.AddMinutes(1), T0.AddHours(2), 5, segments));
    }
}
