using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Runs telemetry retention hourly, as the Functions app's timer trigger does (first run a minute after start).</summary>
sealed class TelemetryRetentionService(TelemetryRetention retention, TimeProvider time) : BackgroundService
{
    static readonly TimeSpan FirstRun = TimeSpan.FromMinutes(1);
    static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRun, time, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await retention.PurgeAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Logged by TelemetryRetention; the next run retries.
                }

                await Task.Delay(Interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
