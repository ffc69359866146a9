using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Storage;

/// <summary>
/// Creates the tables and containers at start in both hosts without holding the host up: while storage is down the host
/// still serves (health says why) and this keeps trying until storage answers.
/// </summary>
public sealed class StorageProvisioningService(StorageProvisioner provisioner, TimeProvider time, ILogger<StorageProvisioningService> logger)
    : BackgroundService
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await provisioner.EnsureCreatedAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (attempt == 1)
                {
                    logger.LogWarning("Storage could not be prepared at start ({Error}); retrying every {Interval} s, /api/health reports it until storage answers",
                        ex.GetBaseException().Message, RetryInterval.TotalSeconds);
                }
            }

            await Task.Delay(RetryInterval, time, stoppingToken);
        }
    }
}
