using Azure;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Storage;

/// <summary>
/// Creates the product's tables and containers if they are missing; safe to run on every start and from many instances.
/// Provisions again when storage comes back without them (<see cref="ProvisionAgainAsync"/>).
/// </summary>
public sealed class StorageProvisioner(StorageAccount storage, ILogger<StorageProvisioner> logger)
{
    readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Lock _gate = new();
    Task? _again;
    int _generation;

    /// <summary>Completes once every table and container exists (the first successful <see cref="EnsureCreatedAsync"/>).</summary>
    public Task Ready => _ready.Task;

    /// <summary>
    /// How many times storage was found without its tables or containers and provisioned again. Code that remembers
    /// what exists (a created-table flag, an in-process list of blobs) forgets it when this changes.
    /// </summary>
    public int Generation => Volatile.Read(ref _generation);

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

    /// <summary>
    /// Provisions again after an operation that started at <paramref name="seenGeneration"/> found a table or container
    /// missing. Concurrent callers share one run, and a caller whose operation started before a run that has since
    /// finished just retries: one burst of "not found" provisions once.
    /// </summary>
    public Task ProvisionAgainAsync(int seenGeneration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Generation != seenGeneration)
            {
                return Task.CompletedTask;
            }

            if (_again is null || _again.IsCompleted)
            {
                _again = ProvisionAgainCoreAsync();
            }

            return _again.WaitAsync(cancellationToken);
        }
    }

    async Task ProvisionAgainCoreAsync()
    {
        await Task.Yield();
        logger.LogWarning("Storage answered without a table or container it should have (storage restarted empty?); provisioning again");
        // Not cancelled by whichever caller started it: the others wait on the same run.
        await EnsureCreatedAsync(CancellationToken.None);
        Interlocked.Increment(ref _generation);
    }
}
