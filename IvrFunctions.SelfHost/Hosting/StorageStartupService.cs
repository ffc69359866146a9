using IvrFunctions.Core.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Creates tables and containers at start without holding the host up: if storage is down the host still serves, and health says why.</summary>
sealed class StorageStartupService(StorageProvisioner provisioner, ILogger<StorageStartupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await provisioner.EnsureCreatedAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Storage could not be prepared at start ({Error}); /api/health reports it until storage answers", ex.GetBaseException().Message);
        }
    }
}
