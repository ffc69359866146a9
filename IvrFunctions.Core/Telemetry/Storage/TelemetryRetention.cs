using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Deletes telemetry past its retention: raw records and minute rollups older than <see cref="TelemetryOptions.RetentionDays"/>,
/// hour rollups older than <see cref="TelemetryOptions.RollupRetentionDays"/>. Raw records go a whole hour's table at a time
/// (an hour is dropped once all of it is past the cutoff); rollups go by partition-range query plus batched deletes. Safe to run from both hosts at once (deleting a gone row is fine).
/// Called hourly by the SelfHost's background service and by the Functions app's timer trigger.
/// </summary>
public sealed class TelemetryRetention(TelemetryTables tables, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<TelemetryRetention> logger)
{
    const int MaxTransactionSize = 100;

    public async Task<RetentionResult> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddDays(-options.Value.RetentionDays);
        var rollupCutoff = now.AddDays(-options.Value.RollupRetentionDays);
        try
        {
            await tables.EnsureCreatedAsync(cancellationToken);
            // Record tables whose whole hour ended by the cutoff (one table per hour: dropping it deletes the hour at once).
            long recordTables = 0;
            foreach (var hour in await tables.ListRecordHoursBeforeAsync(cutoff, cancellationToken))
            {
                recordTables += await tables.DropRecordsTableAsync(hour, cancellationToken) ? 1 : 0;
            }

            long rollups = 0;
            // Minute rows live in hour partitions, hour rows in day partitions: delete the partitions wholly before the cutoffs.
            rollups += await DeleteRangeAsync(tables.MinuteRollups, "m", TelemetrySchema.RollupPartition(TimeBuckets.Floor(cutoff, Rollups.RollupGranularity.Hour), Rollups.RollupGranularity.Minute), cancellationToken);
            rollups += await DeleteRangeAsync(tables.HourlyRollups, "h", TelemetrySchema.RollupPartition(rollupCutoff, Rollups.RollupGranularity.Hour), cancellationToken);
            TelemetryLog.RetentionDone(logger, recordTables, rollups, cutoff);
            return new RetentionResult(recordTables, rollups, cutoff);
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            TelemetryLog.RetentionFailed(logger, ex.GetBaseException().Message);
            throw;
        }
    }

    /// <summary>Deletes every row whose partition key is in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    static async Task<long> DeleteRangeAsync(TableClient table, string low, string high, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {low} and PartitionKey lt {high}");
        long deleted = 0;
        var batch = new List<TableEntity>(MaxTransactionSize);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 1000, ["PartitionKey", "RowKey"], cancellationToken))
        {
            if (batch.Count > 0 && (batch.Count == MaxTransactionSize || batch[0].PartitionKey != entity.PartitionKey))
            {
                deleted += await DeleteBatchAsync(table, batch, cancellationToken);
                batch.Clear();
            }

            batch.Add(entity);
        }

        if (batch.Count > 0)
        {
            deleted += await DeleteBatchAsync(table, batch, cancellationToken);
        }

        return deleted;
    }

    static async Task<long> DeleteBatchAsync(TableClient table, List<TableEntity> batch, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            // Another instance deleted some of them first: delete the rest one by one (a missing row is not an error).
            foreach (var entity in batch)
            {
                await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            }
        }

        return batch.Count;
    }
}
