using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>The SelfHost's alert timer: evaluates the rules every minute, as the Functions app's timer trigger does.</summary>
sealed class AlertEvaluationService(
    AlertService alerts, StorageProvisioner storage, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertEvaluationService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // The rules read tables created at start: evaluating before they exist would only log TableNotFound.
        await storage.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await alerts.EvaluateAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Storage down or a webhook misbehaving must not stop the timer; the next tick tries again.
                logger.LogWarning("Alert evaluation failed ({Error}); retrying in {Interval}", ex.GetBaseException().Message, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
