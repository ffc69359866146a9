using Microsoft.Extensions.Hosting;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>Runs <see cref="TelemetryFlusher"/> in the background of either host, and flushes what is left when the host stops.</summary>
public sealed class TelemetryFlushService(TelemetryFlusher flusher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => flusher.RunAsync(stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await flusher.FlushOnShutdownAsync(cancellationToken);
    }
}
