using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Windows;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Insights;

public sealed class WindowParserTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 7, 30, TimeSpan.Zero);

    static WindowParser Parser(int maxDays = 31) =>
        new(Options.Create(new InsightsOptions { MaxWindowDays = maxDays }), new FakeTimeProvider(Now));

    [Theory]
    [InlineData("15m", 15, 60)]
    [InlineData("1h", 60, 60)]
    [InlineData("24h", 1440, 3600)]
    [InlineData("7d", 10080, 3600)]
    [InlineData("30d", 43200, 86400)]
    public void Parse_Preset_EndsAtTheNextWholeMinuteWithTheBucketForItsLength(string preset, int minutes, int bucketSeconds)
    {
        var window = Parser().Parse(preset, (string?)null, null);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 8, 0, TimeSpan.Zero), window.To);
        var exact = window.To.AddMinutes(-minutes);
        // Hour and day buckets start the window on a whole hour (08:08 → 08:00), so only hour rollups are read.
        var expectedFrom = bucketSeconds >= 3600 ? new DateTimeOffset(exact.Year, exact.Month, exact.Day, exact.Hour, 0, 0, TimeSpan.Zero) : exact;
        Assert.Equal(expectedFrom, window.From);
        Assert.Equal(TimeSpan.FromSeconds(bucketSeconds), window.BucketSize);
        Assert.Equal(preset, window.Preset);
    }

    [Fact]
    public void Parse_Nothing_IsTheLastHour()
    {
        var window = Parser().Parse(null, (string?)null, null);

        Assert.Equal(TimeSpan.FromHours(1), window.Span);
        Assert.Equal("1h", window.Preset);
    }

    [Fact]
    public void Parse_FromTo_RoundsOutwardToWholeMinutesAndReadsOffsets()
    {
        var window = Parser().Parse(null, "2026-11-24T08:00:30+05:30", "2026-11-24T04:00:00.001Z");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 30, 0, TimeSpan.Zero), window.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 4, 1, 0, TimeSpan.Zero), window.To);
        Assert.Null(window.Preset);
    }

    [Fact]
    public void Parse_FromWithoutTo_EndsNow()
    {
        var window = Parser().Parse(null, "2026-11-24T09:00:00Z", null);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 8, 0, TimeSpan.Zero), window.To);
    }

    [Fact]
    public void Parse_NoOffset_IsUtc()
    {
        var window = Parser().Parse(null, "2026-11-24T09:00:00", "2026-11-24T09:30:00");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), window.From);
    }

    [Fact]
    public void Parse_ExactlyTheMaximum_IsAccepted_OneMinuteMore_IsNot()
    {
        var parser = Parser(maxDays: 2);

        Assert.Equal(TimeSpan.FromDays(2), parser.Parse(null, "2026-11-22T10:00:00Z", "2026-11-24T10:00:00Z").Span);
        var error = Assert.Throws<InvalidParameterException>(() => parser.Parse(null, "2026-11-22T09:59:00Z", "2026-11-24T10:00:00Z"));
        Assert.Equal("from", error.Parameter);
    }

    [Fact]
    public void BucketStarts_PartialFirstAndLastBuckets_AreIncludedAndIndexedFromTheAlignedStart()
    {
        var window = TimeWindow.Create(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 24, 16, 15, 0, TimeSpan.Zero));

        var starts = window.BucketStarts();

        Assert.Equal(TimeSpan.FromHours(1), window.BucketSize);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), starts[0]);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero), starts[^1]);
        Assert.Equal(9, starts.Count);
        Assert.Equal(-1, window.BucketIndex(new DateTimeOffset(2026, 11, 24, 8, 29, 59, TimeSpan.Zero)));
        Assert.Equal(0, window.BucketIndex(new DateTimeOffset(2026, 11, 24, 8, 30, 0, TimeSpan.Zero)));
        Assert.Equal(1, window.BucketIndex(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal(-1, window.BucketIndex(new DateTimeOffset(2026, 11, 24, 16, 15, 0, TimeSpan.Zero)));
    }
}
