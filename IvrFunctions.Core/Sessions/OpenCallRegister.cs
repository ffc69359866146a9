using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Sessions;

/// <summary>
/// The calls in progress across every instance, kept in storage so that each start and end is counted once and all of them
/// in one order. One partition holds a row per open call and a counter row (<c>Open</c>, <c>Sequence</c>). Opening a call
/// inserts its row and raises the counter in one entity-group transaction guarded by the counter's ETag; closing deletes the
/// row and lowers the counter the same way. A transaction that loses a race to another instance is retried from a fresh
/// read, so the count a change returns is exactly the number of calls open right after it, whichever instance made it, and
/// the counter always equals the number of call rows. A second start or end of the same call (Exotel retrying, two
/// webhooks racing) fails on the call's row and changes nothing. A call whose end never arrives is taken off by
/// <see cref="ExpireAsync"/> once it has been open for <see cref="MaxCallDuration"/>.
/// </summary>
public sealed class OpenCallRegister(
    StorageAccount storage, IOptions<SessionsOptions> options, ITelemetry telemetry, TimeProvider time, ILogger<OpenCallRegister> logger)
{
    public const string Partition = "open";
    const string CounterRow = "counter";
    const string CallPrefix = "call_";
    const int MaxAttempts = 50;

    /// <summary>How long a call may stay counted open without an end before <see cref="ExpireAsync"/> takes it off (3 hours).</summary>
    public static readonly TimeSpan MaxCallDuration = TimeSpan.FromHours(3);

    readonly TableClient _table = storage.Table(options.Value.OpenCallsTable);
    readonly SemaphoreSlim _gate = new(1, 1);
    Counter? _known;
    bool _created;

    /// <summary>Counts the call open. Null when it already was (a repeated start): nothing changed.</summary>
    public Task<OpenCallCount?> OpenAsync(string callSid, CancellationToken cancellationToken = default) =>
        ChangeAsync(callSid, open: true, cancellationToken);

    /// <summary>Counts the call closed. Null when it was not open (already closed, expired, or never counted): nothing changed.</summary>
    public Task<OpenCallCount?> CloseAsync(string callSid, CancellationToken cancellationToken = default) =>
        ChangeAsync(callSid, open: false, cancellationToken);

    /// <summary>Calls open now, and the register's latest change number.</summary>
    public async Task<(long Open, long Sequence)> ReadAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var counter = await ReadCounterAsync(cancellationToken);
        return (counter.Open, counter.Sequence);
    }

    /// <summary>
    /// Takes off every call open longer than <see cref="MaxCallDuration"/> (its end was lost) and records each as a
    /// <see cref="SessionEventKind.Expired"/> session event carrying the new count. Returns how many were taken off.
    /// </summary>
    public async Task<int> ExpireAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var cutoff = time.GetUtcNow() - MaxCallDuration;
        var stale = new List<string>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {CallPrefix} and RowKey lt {"call`"} and StartedAt lt {cutoff}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            stale.Add(row.RowKey[CallPrefix.Length..]);
        }

        var expired = 0;
        foreach (var callSid in stale)
        {
            if (await CloseAsync(callSid, cancellationToken) is { } count)
            {
                expired++;
                telemetry.RecordSession(new SessionEvent(SessionEventKind.Expired, callSid, null, null, OpenCalls: count));
                logger.LogWarning("Call {CallSid} was open for over {Hours} h without an end; no longer counted as in progress",
                    callSid, MaxCallDuration.TotalHours);
            }
        }

        return expired;
    }

    async Task<OpenCallCount?> ChangeAsync(string callSid, bool open, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSid);
        await EnsureCreatedAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var counter = _known ?? await ReadCounterAsync(cancellationToken);
                var next = new Counter(Math.Max(0, counter.Open + (open ? 1 : -1)), counter.Sequence + 1, null);
                var counterEntity = new TableEntity(Partition, CounterRow) { ["Open"] = next.Open, ["Sequence"] = next.Sequence };
                var callEntity = new TableEntity(Partition, CallPrefix + callSid);
                if (open)
                {
                    callEntity["StartedAt"] = time.GetUtcNow();
                }

                TableTransactionAction[] actions =
                [
                    open ? new(TableTransactionActionType.Add, callEntity) : new(TableTransactionActionType.Delete, callEntity, ETag.All),
                    counter.ETag is { } etag ? new(TableTransactionActionType.UpdateReplace, counterEntity, etag) : new(TableTransactionActionType.Add, counterEntity),
                ];
                try
                {
                    var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
                    var at = time.GetUtcNow();
                    _known = response.Value.Count == 2 && response.Value[1].Headers.ETag is { } written ? next with { ETag = written } : null;
                    return new OpenCallCount(next.Open, next.Sequence, at);
                }
                catch (TableTransactionFailedException ex) when (attempt < MaxAttempts && ex.Status is 404 or 409 or 412)
                {
                    // Either the call's row already is as asked (counted before: nothing to change), or another instance
                    // changed the counter since it was read: read it again and retry.
                    _known = null;
                    var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, CallPrefix + callSid, ["RowKey"], cancellationToken);
                    if (row.HasValue == open)
                    {
                        return null;
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    async Task<Counter> ReadCounterAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, CounterRow, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row
            ? new Counter(row.GetInt64("Open") ?? 0, row.GetInt64("Sequence") ?? 0, row.ETag)
            : new Counter(0, 0, null);
    }

    /// <summary>Creates the table on first use (provisioning creates the default one; tests and renamed tables need this).</summary>
    async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }

    sealed record Counter(long Open, long Sequence, ETag? ETag);
}
