namespace IvrFunctions.Core.Storage;

/// <summary>
/// How the call-flow stores reach storage: a storage failure surfaces as <see cref="Errors.ClassifiedException"/>
/// (<see cref="Errors.ErrorCategory.Storage"/>) whatever shape the SDK gave it, and a table or container found missing is
/// provisioned again (once for all concurrent callers) and the operation retried once.
/// </summary>
public sealed class StorageGuard(StorageProvisioner provisioner)
{
    /// <summary>Runs <paramref name="operation"/>; <paramref name="store"/> names it in the error (e.g. "Turn table").</summary>
    public async Task<T> RunAsync<T>(string store, Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        var generation = provisioner.Generation;
        try
        {
            return await operation();
        }
        catch (Exception ex) when (StorageFailures.IsMissingTableOrContainer(ex))
        {
            try
            {
                await provisioner.ProvisionAgainAsync(generation, cancellationToken);
            }
            catch (Exception again) when (StorageFailures.IsStorageFailure(again))
            {
                throw StorageFailures.Classify(store, again);
            }
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            throw StorageFailures.Classify(store, ex);
        }

        try
        {
            return await operation();
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            throw StorageFailures.Classify(store, ex);
        }
    }

    public Task RunAsync(string store, Func<Task> operation, CancellationToken cancellationToken) =>
        RunAsync(store, async () =>
        {
            await operation();
            return true;
        }, cancellationToken);
}
