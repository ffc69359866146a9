using Azure.Data.Tables;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Turns chunk rows, read in key order, into records in time order. Chunks of one partition come from different flushes and
/// writers and overlap in time, so a partition's records (a kind's 10 seconds, clipped to <c>[from, to)</c>) are gathered and
/// sorted before any is handed on; partitions themselves follow each other in time.
/// </summary>
sealed class PartitionRecordOrder(DateTimeOffset from, DateTimeOffset to)
{
    readonly List<TelemetryRecord> _partition = [];
    string? _partitionKey;

    /// <summary>Adds a chunk; when it starts a new partition, the previous partition's records are moved to <paramref name="ready"/>.</summary>
    public void Add(TableEntity chunk, List<TelemetryRecord> ready)
    {
        if (_partitionKey is not null && !string.Equals(_partitionKey, chunk.PartitionKey, StringComparison.Ordinal))
        {
            Finish(ready);
        }

        _partitionKey = chunk.PartitionKey;
        _partition.AddRange(RecordChunkEntity.FromEntity(chunk, from, to));
    }

    /// <summary>Moves the current partition's records, sorted, to <paramref name="ready"/>.</summary>
    public void Finish(List<TelemetryRecord> ready)
    {
        _partition.Sort(RecordChunkEntity.CompareRecords);
        ready.AddRange(_partition);
        _partition.Clear();
        _partitionKey = null;
    }
}
