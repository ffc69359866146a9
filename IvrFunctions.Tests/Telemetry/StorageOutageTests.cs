using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.SelfHost.Azurite;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>Storage stops mid-run and comes back on the same ports: calls keep completing, drops are counted, nothing is written twice.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    readonly string _dataFolder = Directory.CreateTempSubdirectory("ivr-outage-").FullName;
    AzuriteSettings _settings = null!;
    AzuriteProcess? _azurite;

    public async Task InitializeAsync()
    {
        _settings = new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), _dataFolder);
        _azurite = await AzuriteProcess.StartAsync(_settings);
    }

    [Fact]
    public async Task StorageDownThenBack_NoCrash_DropsCounted_NoDuplicatesAfterRecovery()
    {
        var options = TelemetryHarness.NewOptions("outage");
        options.BufferCapacity = 500;
        options.MaxBatchRecords = 300;
        options.FlushInterval = TimeSpan.FromMilliseconds(100);
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(_settings.ConnectionString), options, TimeProvider.System);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var turn = 0;
        void RecordStages(int count)
        {
            for (var i = 0; i < count; i++)
            {
                using var stage = harness.Telemetry.StartStage(StageNames.Rag, new Core.Telemetry.TelemetryContext("call-outage", $"turn-{turn++}"));
                stage.Succeed();
            }
        }

        RecordStages(200);
        Assert.Equal(200, await harness.Flusher.FlushAsync());

        await StopAzuriteAsync();
        RecordStages(1_000); // 500 fit in the buffer, 500 are dropped
        Assert.Equal(500, harness.Buffer.DroppedRecords);
        await Assert.ThrowsAnyAsync<Exception>(() => harness.Flusher.FlushAsync()); // takes a batch of 300 and keeps it pending
        Assert.Equal(300, harness.Flusher.PendingRecords);
        RecordStages(100); // room again in the buffer: accepted

        // The background loop keeps running (backing off) while storage is down, and stops cleanly.
        using (var cts = new CancellationTokenSource())
        {
            var loop = harness.Flusher.RunAsync(cts.Token);
            for (var i = 0; i < 300 && !harness.Flusher.StorageFailing; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(harness.Flusher.StorageFailing);
            await Task.Delay(500); // a few backed-off retries
            Assert.False(loop.IsCompleted);
            await cts.CancelAsync();
            await loop;
        }

        Assert.Equal(500, harness.Buffer.DroppedRecords);
        _azurite = await AzuriteProcess.StartAsync(_settings);
        var written = await harness.Flusher.FlushAsync();

        Assert.Equal(600, written);
        var to = TimeProvider.System.GetUtcNow().AddMinutes(1);
        var records = await harness.ReadAllAsync(from, to);
        Assert.Equal(800, records.Count);
        Assert.Equal(800, records.Select(r => r.TurnId).Distinct().Count());
        var totals = await harness.Reader.ReadTotalsAsync(from, to, RollupGranularity.Hour);
        Assert.Equal(800, totals.Single(t => t.Dimension == RollupDimensions.Stage && t.Key == StageNames.Rag).Values.Count);
        Assert.Equal(500, totals.Single(t => t.Dimension == RollupDimensions.Internal && t.Key == RollupDimensions.DroppedKey).Values.Count);
        var minuteTotals = await harness.Reader.ReadTotalsAsync(from, to, RollupGranularity.Minute);
        Assert.Equal(800, minuteTotals.Single(t => t.Dimension == RollupDimensions.Stage).Values.Count);
    }

    /// <summary>Stops Azurite as a service manager would (SIGTERM), so it saves its data folder first.</summary>
    async Task StopAzuriteAsync()
    {
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _azurite!.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        for (var i = 0; i < 300 && !_azurite.HasExited; i++)
        {
            await Task.Delay(100);
        }

        await _azurite.DisposeAsync();
        _azurite = null;
        Assert.False(await AzuriteProcess.IsListeningAsync(_settings.TablePort));
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_dataFolder, recursive: true);
    }
}
