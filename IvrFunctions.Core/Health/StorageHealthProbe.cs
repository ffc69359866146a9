using System.Diagnostics;
using IvrFunctions.Core.Storage;

namespace IvrFunctions.Core.Health;

/// <summary>Checks that both the Table and Blob services answer, within a short bound.</summary>
public sealed class StorageHealthProbe(StorageAccount storage, TimeProvider time)
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    public async Task<StorageHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Bound);
        try
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            await storage.Blobs.GetBlobContainersAsync(cancellationToken: timeout.Token).AsPages(pageSizeHint: 1).GetAsyncEnumerator(timeout.Token).MoveNextAsync();
            return new StorageHealth(true, storage.Blobs.AccountName, Elapsed(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StorageHealth(false, storage.Blobs.AccountName, Elapsed(started), $"no answer within {Bound.TotalSeconds:0} s");
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex) || ex is IOException)
        {
            return new StorageHealth(false, storage.Blobs.AccountName, Elapsed(started), StorageFailures.Describe(ex));
        }
    }

    double Elapsed(long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 1);
}
