using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// A stage timed from a wall-clock start taken elsewhere (a turn accepted by one Functions instance and finished by
/// another) is stored with the duration from that start, in the partition of the minute it ended.
/// </summary>
public sealed class EarlierStartTests
{
    [Fact]
    public async Task StageStartedEarlier_IsStoredWithTheDurationSinceThatStart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("early"), time);
        var acceptedAt = time.GetUtcNow();
        time.Advance(TimeSpan.FromMilliseconds(3_250));

        using (var turn = harness.Telemetry.StartStage(StageNames.Turn, new TelemetryContext("call-1", "turn-1", "en-IN"), acceptedAt))
        {
            time.Advance(TimeSpan.FromMilliseconds(750));
            turn.Succeed();
        }

        await harness.Flusher.FlushAsync();
        var stored = await harness.ReadAllAsync(acceptedAt.AddMinutes(-1), acceptedAt.AddMinutes(1));
        var record = Assert.Single(stored, r => r.Kind == TelemetryRecordKind.Stage);
        Assert.Equal(StageNames.Turn, record.Component);
        Assert.Equal(4_000, record.DurationMs!.Value, precision: 3);
        Assert.True(record.Success);
    }
}
