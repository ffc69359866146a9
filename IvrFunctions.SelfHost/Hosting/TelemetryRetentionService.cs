using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Runs telemetry retention hourly, as the Functions app's timer trigger does (first run a minute after start).</summary>
sealed class TelemetryRetentionService(TelemetryRetention retention, StorageProvisioner storage, TimeProvider time, ILogger<TelemetryRetentionService> logger)
    : SelfHostTimer(storage, time, logger)
{
    protected override string Job => "Telemetry retention";

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override TimeSpan FirstRun => TimeSpan.FromMinutes(1);

    protected override Task RunAsync(CancellationToken cancellationToken) => retention.PurgeAsync(cancellationToken);
}
