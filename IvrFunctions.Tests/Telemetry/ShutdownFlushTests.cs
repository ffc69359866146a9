using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Telemetry;

public sealed class ShutdownFlushTests
{
    [Fact]
    public async Task FlushService_Stop_WritesEverythingBuffered()
    {
        var options = TelemetryHarness.NewOptions("stop");
        options.FlushInterval = TimeSpan.FromHours(1); // the loop would not write on its own during the test
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), options, TimeProvider.System);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var service = new TelemetryFlushService(harness.Flusher);
        await service.StartAsync(CancellationToken.None);
        await Task.Delay(200); // the loop's first (empty) pass is done; it now waits an hour

        for (var i = 0; i < 250; i++)
        {
            harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Response, i % 2 == 0, new TelemetryContext("call-stop", $"turn-{i}")));
        }

        Assert.Equal(250, harness.Buffer.Count);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, harness.Buffer.Count);
        Assert.Equal(250, (await harness.ReadAllAsync(from, TimeProvider.System.GetUtcNow().AddMinutes(1))).Count);
    }

    [Fact]
    public async Task SelfHost_RecordsThroughITelemetry_AndFlushesThemWhenItStops()
    {
        var callSid = "selfhost-" + Guid.NewGuid().ToString("N");
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        TelemetryReader reader;
        await using (var server = await SelfHostServer.StartAsync())
        {
            var telemetry = server.Services.GetRequiredService<ITelemetry>();
            Assert.IsType<TableTelemetry>(telemetry);
            reader = server.Services.GetRequiredService<TelemetryReader>();
            using (var stage = telemetry.StartStage(StageNames.Webhook, new TelemetryContext(callSid, "turn-1")))
            {
                stage.Succeed();
            }

            telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, callSid, "+910000000001", "en-IN"));
        }

        var found = new List<TelemetryRecord>();
        foreach (var kind in new[] { TelemetryRecordKind.Stage, TelemetryRecordKind.Session })
        {
            await foreach (var record in reader.ReadRecordsAsync(kind, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
            {
                if (record.CallSid == callSid)
                {
                    found.Add(record);
                }
            }
        }

        Assert.Equal(2, found.Count);
        Assert.All(found, r => Assert.Equal("selfhost", r.Host));
    }
}
