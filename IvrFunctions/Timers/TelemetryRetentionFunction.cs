using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Timers;

/// <summary>Hourly telemetry retention (records and minute rollups past Telemetry:RetentionDays); the SelfHost runs the same service.</summary>
public sealed class TelemetryRetentionFunction(TelemetryRetention retention)
{
    [Function("TelemetryRetention")]
    public Task Run([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        retention.PurgeAsync(cancellationToken);
}
