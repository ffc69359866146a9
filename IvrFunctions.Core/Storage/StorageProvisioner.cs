using Azure;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Storage;

/// <summary>Creates the product's tables and containers if they are missing; safe to run on every start and from many instances.</summary>
public sealed class StorageProvisioner(StorageAccount storage, ILogger<StorageProvisioner> logger)
{
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once every table and container exists (the first successful <see cref="EnsureCreatedAsync"/>).</summary>
    public Task Ready => _ready.Task;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in StorageNames.Tables)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }

        foreach (var container in StorageNames.Containers)
        {
            try
            {
                await storage.Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another instance created it between the check and the create.
            }
        }

        logger.LogInformation("Storage ready: {TableCount} tables, {ContainerCount} containers", StorageNames.Tables.Count, StorageNames.Containers.Count);
        _ready.TrySetResult();
    }
}
