using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// A flood of invalid webhooks beside a real call, with the real Table-backed telemetry (tables of this test's own): never
/// a 5xx, the real call is answered, and every refused webhook's error record is stored once or counted as dropped.
/// </summary>
public sealed class WebhookFloodTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync(
        null,
        storedTelemetry: true,
        $"--Telemetry:RecordsTablePrefix={TestAzurite.UniqueRecordsPrefix("floodrec")}",
        $"--Telemetry:RollupsTable={TestAzurite.UniqueName("floodmin")}",
        $"--Telemetry:HourlyRollupsTable={TestAzurite.UniqueName("floodhour")}",
        "--Telemetry:FlushInterval=00:00:00.200");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task FloodOfInvalidWebhooks_Never5xx_RealCallStillAnswered_EveryRefusalCounted()
    {
        const int flood = 2_000;
        const int validSidRecordingRefused = 4; // the one garbage with a valid CallSid: only the question webhook refuses it
        string[] routes = ["exotel/incoming", "exotel/question", "exotel/answer-ready", "exotel/status", "exotel/answer"];
        string[] garbage = ["", "CallSid=", "CallSid=%C3%28", "CallSid=../../x", "CallSid=0123456789abcdef0123456789abcdef&RecordingUrl=http://169.254.169.254/", "%ZZ=%%"];
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<int>();
        using var gate = new SemaphoreSlim(16);
        var real = new CallerWalk(_harness);

        var sending = Task.WhenAll(Enumerable.Range(0, flood).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await _harness.Client.GetAsync($"/api/{routes[i % routes.Length]}?code={SelfHostServer.TestKey}&{garbage[i % garbage.Length]}");
                statuses.Add((int)response.StatusCode);
            }
            finally
            {
                gate.Release();
            }
        }));
        var call = real.CallAsync(2, TimeSpan.FromSeconds(30));
        await Task.WhenAll(sending, call).WaitAsync(TimeSpan.FromSeconds(180));

        Assert.Equal(flood, statuses.Count);
        Assert.All(statuses, s => Assert.True(s is 200 or 302, s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(real.ServerErrors);
        Assert.Equal(2, real.Answers.Count);
        Assert.All(real.Answers, a => Assert.StartsWith("http", a.Answer, StringComparison.Ordinal));

        // Each refused webhook leaves exactly one webhook error record: stored, or counted as dropped by the buffer.
        var refused = Enumerable.Range(0, flood).Count(i => i % garbage.Length != validSidRecordingRefused || routes[i % routes.Length] == "exotel/question");
        var buffer = _harness.Get<TelemetryBuffer>();
        var reader = _harness.Get<TelemetryReader>();
        var stored = 0;
        await Eventually.TrueAsync(async () =>
        {
            stored = 0;
            await foreach (var record in reader.ReadRecordsAsync(TelemetryRecordKind.Error, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
            {
                stored += record.Component == StageNames.Webhook ? 1 : 0;
            }

            return stored + buffer.DroppedRecords >= refused;
        }, TimeSpan.FromSeconds(90), $"{refused} webhook error records stored or counted as dropped");
        Assert.InRange(stored, refused - buffer.DroppedRecords, refused);
    }
}
