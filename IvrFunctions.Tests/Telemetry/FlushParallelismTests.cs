using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// A steady flush sends its transactions one at a time, so telemetry never queues several batches in front of a webhook's
/// storage call; a backlog (after an outage, or a burst) is written with up to the configured parallelism.
/// </summary>
public sealed class FlushParallelismTests
{
    [Theory]
    [InlineData(8, 1, 1)]
    [InlineData(8, 7, 1)]
    [InlineData(8, 8, 2)]
    [InlineData(8, 20, 5)]
    [InlineData(8, 32, 8)]
    [InlineData(8, 500, 8)]
    [InlineData(1, 500, 1)]
    [InlineData(0, 500, 1)]
    public async Task TransactionsInFlight_GrowWithTheBacklog_UpToTheConfiguredParallelism(int configured, int transactions, int expected)
    {
        var options = TelemetryHarness.NewOptions("par");
        options.WriteParallelism = configured;
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), options, TimeProvider.System);

        Assert.Equal(expected, harness.Flusher.WriteParallelismFor(transactions));
    }
}
