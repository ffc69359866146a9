using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Azurite;

/// <summary>
/// When storage is <c>UseDevelopmentStorage=true</c> and nothing listens on Azurite's ports, starts the pinned Azurite
/// with its data in a local folder, and stops it when the host stops. Registered before the web server, so requests
/// never arrive before storage exists.
/// </summary>
sealed class DevelopmentAzuriteService(IOptions<StorageOptions> storage, ILogger<DevelopmentAzuriteService> logger) : IHostedService
{
    AzuriteProcess? _azurite;

    public static string DefaultDataFolder => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "IvrFunctions", "azurite");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.IsDevelopmentStorage)
        {
            return;
        }

        var settings = AzuriteSettings.Development(DefaultDataFolder);
        if (await AzuriteProcess.IsListeningAsync(settings.BlobPort, cancellationToken)
            || await AzuriteProcess.IsListeningAsync(settings.TablePort, cancellationToken))
        {
            logger.LogInformation("Development storage: using the Azurite already listening on 127.0.0.1:{BlobPort}/{TablePort}", settings.BlobPort, settings.TablePort);
            return;
        }

        logger.LogInformation("Development storage: starting Azurite, data in {DataFolder}", settings.DataFolder);
        _azurite = await AzuriteProcess.StartAsync(settings, message => logger.LogInformation("{Message}", message), cancellationToken);
        logger.LogInformation("Azurite started (pid {Pid}) on 127.0.0.1:{BlobPort} blob, {QueuePort} queue, {TablePort} table",
            _azurite.ProcessId, settings.BlobPort, settings.QueuePort, settings.TablePort);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
            logger.LogInformation("Azurite stopped");
            _azurite = null;
        }
    }
}
