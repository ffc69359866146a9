using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

public sealed class RecordChunkTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    static TelemetryRecord Record(int i, DateTimeOffset at, string? detail = null) => new()
    {
        Kind = TelemetryRecordKind.Usage,
        Timestamp = at,
        Id = $"id{i:D5}",
        Component = "openai-chat",
        Success = i % 3 != 0,
        CallSid = $"call-{i}",
        TurnId = $"turn-{i}",
        DurationMs = 12.5 + i,
        Attempt = i % 4,
        StatusCode = 200 + i,
        ErrorCategory = i % 5 == 0 ? ErrorCategory.RateLimited : null,
        Retryable = i % 2 == 0,
        Fault = i % 5 == 0 ? ErrorFault.Provider : null,
        Detail = detail,
        AudioSeconds = i * 0.25,
        Characters = 3_000_000_000L + i,
        InputTokens = 1800,
        CachedInputTokens = 1024,
        OutputTokens = 5_000_000_000L,
        CostUsd = 0.000123 * i,
        Hit = i % 2 == 1,
        SessionKind = SessionEventKind.Ended,
        BilledPulses = i,
        Turns = 3,
        OpenCalls = 4_000_000_000L,
        OpenCallsSequence = 7,
    };

    [Fact]
    public void Chunks_RoundTripEveryPropertyWithItsType_InTimeOrder()
    {
        // 120 records of one partition with every property set, given out of order.
        var records = Enumerable.Range(0, 120).Select(i => Record(i, T0.AddMilliseconds(50 * i))).Reverse().ToList();

        var chunks = RecordChunkEntity.ToEntities(records).ToList();

        Assert.Equal(120, chunks.Sum(c => c.GetInt32(RecordChunkEntity.CountProperty)));
        Assert.All(chunks, c => Assert.Equal("usage-2026112409000", c.PartitionKey));
        var read = chunks.SelectMany(c => RecordChunkEntity.FromEntity(c, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).ToList();
        var expected = records.OrderBy(r => r.Timestamp).ToList();
        Assert.Equal(expected.Select(r => JsonSerializer.Serialize(r)), read.Select(r => JsonSerializer.Serialize(r)));
        var secondFirst = expected[chunks[0].GetInt32(RecordChunkEntity.CountProperty)!.Value];
        Assert.Equal(TelemetrySchema.RecordRow(secondFirst.Timestamp, secondFirst.Id), chunks[1].RowKey); // keyed by its first record
    }

    [Fact]
    public void Chunks_SmallRecords_AreCutAtFiftyRecords()
    {
        var records = Enumerable.Range(0, 120).Select(i => new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Cache,
            Timestamp = T0.AddMilliseconds(i),
            Id = $"id{i:D5}",
            Component = "audio",
            Success = true,
            Hit = true,
        }).ToList();

        var chunks = RecordChunkEntity.ToEntities(records).ToList();

        Assert.Equal([50, 50, 20], chunks.Select(c => c.GetInt32(RecordChunkEntity.CountProperty) ?? -1));
    }

    [Fact]
    public void Chunks_LongRecords_AreCutBeforeTheByteLimit()
    {
        var detail = new string('d', 500);
        var records = Enumerable.Range(0, 50).Select(i => Record(i, T0.AddMilliseconds(i), detail)).ToList();

        var chunks = RecordChunkEntity.ToEntities(records).ToList();

        Assert.True(chunks.Count > 1, "50 records of ~1 KB must not fit one 16 KiB chunk");
        Assert.All(chunks, c => Assert.InRange(c.GetBinary(RecordChunkEntity.RecordsProperty)!.Length, 1, RecordChunkEntity.MaxBytes));
        Assert.Equal(50, chunks.Sum(c => c.GetInt32(RecordChunkEntity.CountProperty)));
    }

    [Fact]
    public void Chunk_ReadWithAWindow_GivesOnlyTheRecordsInside()
    {
        var records = Enumerable.Range(0, 10).Select(i => Record(i, T0.AddSeconds(i))).ToList();
        var chunk = Assert.Single(RecordChunkEntity.ToEntities(records));

        var read = RecordChunkEntity.FromEntity(chunk, T0.AddSeconds(3), T0.AddSeconds(7));

        Assert.Equal(["turn-3", "turn-4", "turn-5", "turn-6"], read.Select(r => r.TurnId));
    }

    [Fact]
    public async Task TwoWritersInTheSamePartition_ReadBackInOneTimeOrder()
    {
        var service = await TelemetryHarness.ServiceAsync();
        var options = TelemetryHarness.NewOptions("chunkmix");
        var timeA = new FakeTimeProvider(T0);
        var timeB = new FakeTimeProvider(T0.AddMilliseconds(5));
        using var writerA = new TelemetryHarness(service, options, timeA);
        using var writerB = new TelemetryHarness(service, options, timeB);
        // Both write the same 10-second partition, their records interleaved in time, each flushing twice.
        for (var flush = 0; flush < 2; flush++)
        {
            for (var i = 0; i < 30; i++)
            {
                writerA.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("call-a", $"a{flush}-{i:D2}")));
                writerB.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, false, new TelemetryContext("call-b", $"b{flush}-{i:D2}")));
                timeA.Advance(TimeSpan.FromMilliseconds(10));
                timeB.Advance(TimeSpan.FromMilliseconds(10));
            }

            await writerB.Flusher.FlushAsync();
            await writerA.Flusher.FlushAsync();
        }

        var read = await writerA.ReadAllAsync(T0, T0.AddSeconds(10));

        Assert.Equal(120, read.Count);
        Assert.Equal(read.OrderBy(r => r.Timestamp).Select(r => r.TurnId), read.Select(r => r.TurnId));
        Assert.Equal(["a0-00", "b0-00", "a0-01", "b0-01"], read.Take(4).Select(r => r.TurnId));
    }
}
