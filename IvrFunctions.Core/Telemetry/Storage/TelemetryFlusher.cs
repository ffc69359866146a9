using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry.Rollups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Moves records from <see cref="TelemetryBuffer"/> to Table Storage: raw records into their hour's table (created as the
/// hour begins), packed into chunk rows (<see cref="RecordChunkEntity"/>) written as entity-group
/// transactions per partition (upserts under deterministic row keys), then this writer's rollup rows (absolute values,
/// upsert replace). A batch taken from the buffer stays here until it is written, so while storage is down the buffer fills
/// and then drops (counted); a retried batch rewrites the same rows, so recovery leaves no duplicates.
/// </summary>
public sealed class TelemetryFlusher
{
    const int MaxTransactionSize = 100;

    /// <summary>Chunk rows per transaction: a transaction's body may not pass 4 MiB, and a chunk holds up to 16 KiB of JSON.</summary>
    const int MaxChunksPerTransaction = 64;
    const int BacklogTransactionsPerWriter = 4;

    readonly TelemetryBuffer _buffer;
    readonly TelemetryTables _tables;
    readonly TelemetryOptions _options;
    readonly TelemetryInstruments _instruments;
    readonly TimeProvider _time;
    readonly ILogger _logger;
    readonly RollupAccumulator _rollups;
    readonly SemaphoreSlim _gate = new(1, 1);
    Pending? _pending;
    long _flushed;
    long _rejected;

    public TelemetryFlusher(TelemetryBuffer buffer, TelemetryTables tables, IOptions<TelemetryOptions> options, TelemetryInstruments instruments,
        TimeProvider time, ILogger<TelemetryFlusher> logger)
    {
        _buffer = buffer;
        _tables = tables;
        _options = options.Value;
        _instruments = instruments;
        _time = time;
        _logger = logger;
        WriterId = string.IsNullOrWhiteSpace(_options.WriterId)
            ? $"{TelemetrySchema.SafeKey(Environment.MachineName)}-{Guid.NewGuid().ToString("N")[..8]}"
            : TelemetrySchema.SafeKey(_options.WriterId);
        _rollups = new RollupAccumulator(WriterId);
    }

    /// <summary>This writer's rollup shard (the last part of its rollup row keys).</summary>
    public string WriterId { get; }

    /// <summary>Records written since start.</summary>
    public long FlushedRecords => Interlocked.Read(ref _flushed);

    /// <summary>Records storage refused as invalid (never expected; logged as errors).</summary>
    public long RejectedRecords => Interlocked.Read(ref _rejected);

    /// <summary>True while the last attempt failed.</summary>
    public bool StorageFailing { get; private set; }

    /// <summary>Records taken from the buffer and not yet written.</summary>
    public int PendingRecords => _pending?.Records.Count ?? 0;

    /// <summary>
    /// Writes everything buffered now (several batches if needed) and returns how many records were written. Throws when
    /// storage fails; what was not written stays pending for the next attempt.
    /// </summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var written = await FlushBatchAsync(cancellationToken);
            total += written;
            if (written == 0 && _buffer.Count == 0 && _pending is null)
            {
                return total;
            }
        }
    }

    /// <summary>The background loop: one batch per interval, more when the buffer holds more; backs off while storage fails.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var delay = _options.FlushInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var written = await FlushBatchAsync(stoppingToken);
                if (StorageFailing)
                {
                    StorageFailing = false;
                    TelemetryLog.StorageRecovered(_logger, _buffer.DroppedRecords);
                }

                delay = _options.FlushInterval;
                if (written < _options.MaxBatchRecords || _buffer.Count == 0)
                {
                    await Task.Delay(_options.FlushInterval, _time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                delay = StorageFailing ? TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks)) : _options.FlushInterval;
                if (!StorageFailing)
                {
                    TelemetryLog.StorageUnavailable(_logger, ex.GetBaseException().Message, _buffer.Count + PendingRecords, delay.TotalSeconds, _buffer.Capacity);
                }

                StorageFailing = true;
                try
                {
                    await Task.Delay(delay, _time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>On shutdown: keeps writing until the buffer is empty or <see cref="TelemetryOptions.ShutdownFlushTimeout"/> passes.</summary>
    public async Task FlushOnShutdownAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ShutdownFlushTimeout);
        while (true)
        {
            try
            {
                await FlushAsync(timeout.Token);
                return;
            }
            catch (Exception ex) when (timeout.IsCancellationRequested || ex is OperationCanceledException)
            {
                TelemetryLog.ShutdownFlushIncomplete(_logger, _buffer.Count + PendingRecords, ex.GetBaseException().Message);
                return;
            }
            catch (Exception)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), _time, timeout.Token);
                }
                catch (OperationCanceledException ex)
                {
                    TelemetryLog.ShutdownFlushIncomplete(_logger, _buffer.Count + PendingRecords, ex.Message);
                    return;
                }
            }
        }
    }

    async Task<int> FlushBatchAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_pending is null)
            {
                var records = new List<TelemetryRecord>(Math.Min(_buffer.Count, _options.MaxBatchRecords));
                while (records.Count < _options.MaxBatchRecords && _buffer.Reader.TryRead(out var record))
                {
                    records.Add(record);
                }

                var dropped = _buffer.TakeUnreportedDrops();
                if (records.Count == 0 && dropped == 0 && !_rollups.HasDirty)
                {
                    return 0;
                }

                _pending = new Pending(records, dropped, _time.GetUtcNow());
            }

            var pending = _pending;
            await _tables.EnsureCreatedAsync(cancellationToken);
            if (!pending.Applied)
            {
                var targets = _rollups.TargetsFor(pending.Records, pending.Dropped, pending.TakenAt);
                foreach (var (partition, row) in _rollups.RowsToLoad(targets).ToList())
                {
                    var existing = await _tables.RollupsFor(partition).GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
                    _rollups.Restore(partition, row, existing.HasValue ? existing.Value : null);
                }

                _rollups.Apply(targets);
                pending.Applied = true;
            }

            await WriteRecordsAsync(pending, cancellationToken);
            await WriteRollupsAsync(cancellationToken);
            _pending = null;
            _rollups.Evict(_time.GetUtcNow());
            Interlocked.Add(ref _flushed, pending.Records.Count);
            _instruments.FlushedRecords.Add(pending.Records.Count);
            return pending.Records.Count;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            _tables.Reset(); // table deleted or never created: create it on the next attempt
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task WriteRecordsAsync(Pending pending, CancellationToken cancellationToken)
    {
        if (pending.RecordsWritten)
        {
            return;
        }

        var transactions = new List<(TableClient Table, TableEntity[] Entities)>();
        foreach (var hour in pending.Records.GroupBy(r => TimeBuckets.Floor(r.Timestamp, RollupGranularity.Hour)).OrderBy(g => g.Key))
        {
            var table = await _tables.EnsureRecordsTableAsync(hour.Key, cancellationToken);
            transactions.AddRange(RecordChunkEntity.ToEntities(hour)
                .GroupBy(e => e.PartitionKey)
                .SelectMany(g => g.Chunk(MaxChunksPerTransaction))
                .Select(entities => (table, entities)));
        }

        await SubmitAsync(transactions, cancellationToken);
        pending.RecordsWritten = true;
    }

    async Task WriteRollupsAsync(CancellationToken cancellationToken)
    {
        var dirty = _rollups.DirtyRows();
        if (dirty.Count == 0)
        {
            return;
        }

        foreach (var granularity in new[] { RollupGranularity.Minute, RollupGranularity.Hour })
        {
            var table = _tables.Rollups(granularity);
            var transactions = dirty.Where(d => d.State.Granularity == granularity).Select(d => d.Entity)
                .GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(MaxTransactionSize)).Select(entities => (table, entities)).ToList();
            await SubmitAsync(transactions, cancellationToken);
        }

        foreach (var (state, _) in dirty)
        {
            state.Dirty = false;
        }
    }

    async Task SubmitAsync(List<(TableClient Table, TableEntity[] Entities)> transactions, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(transactions, new ParallelOptions
        {
            MaxDegreeOfParallelism = WriteParallelismFor(transactions.Count),
            CancellationToken = cancellationToken,
        }, async (transaction, token) =>
        {
            var (table, entities) = transaction;
            try
            {
                await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token);
            }
            catch (TableTransactionFailedException ex) when (IsRejection(ex.Status))
            {
                await WriteOneByOneAsync(table, entities, token);
            }
        });
    }

    /// <summary>
    /// Transactions sent at once for this many: one while telemetry trickles in, up to <see cref="TelemetryOptions.WriteParallelism"/>
    /// when a backlog builds. Storage serves the call flow too (and Azurite serves requests one at a time), so a steady
    /// flush must not put several transactions ahead of a webhook's read; a backlog still drains at full speed.
    /// </summary>
    internal int WriteParallelismFor(int transactions) =>
        Math.Clamp(transactions / BacklogTransactionsPerWriter, 1, Math.Max(1, _options.WriteParallelism));

    // An entity storage refuses (too large, bad property) must not block the rest forever: write the batch singly and skip it.
    async Task WriteOneByOneAsync(TableClient table, TableEntity[] chunk, CancellationToken cancellationToken)
    {
        foreach (var entity in chunk)
        {
            try
            {
                await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (IsRejection(ex.Status))
            {
                Interlocked.Add(ref _rejected, entity.ContainsKey(RecordChunkEntity.RecordsProperty) ? entity.GetInt32(RecordChunkEntity.CountProperty) ?? 1 : 1);
                TelemetryLog.RecordRejected(_logger, ex.Status, ex.ErrorCode ?? ex.GetBaseException().Message, entity.PartitionKey);
            }
        }
    }

    static bool IsRejection(int status) => status is 400 or 413;

    sealed class Pending(List<TelemetryRecord> records, long dropped, DateTimeOffset takenAt)
    {
        public List<TelemetryRecord> Records { get; } = records;

        public long Dropped { get; } = dropped;

        public DateTimeOffset TakenAt { get; } = takenAt;

        public bool Applied { get; set; }

        public bool RecordsWritten { get; set; }
    }
}
