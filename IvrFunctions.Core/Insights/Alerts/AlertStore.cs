using System.Globalization;
using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>
/// Alert state and history in Table storage (table <c>Alerts:TableName</c>, default <see cref="StorageNames.AlertsTable"/>; one
/// partition: alerts are few).
/// A state change and its transition row are written in one entity-group transaction guarded by the state row's ETag, so
/// two instances evaluating at once produce one transition, never two. Reads go through <see cref="StorageGuard"/>, so
/// storage that came back without the table gets it again.
/// </summary>
public sealed class AlertStore(StorageAccount storage, StorageGuard guard, StorageProvisioner provisioner, IOptions<AlertsOptions> options)
{
    public const string Partition = "alerts";
    const string Store = "Alert table";
    const string StatePrefix = "s_";
    const string TransitionPrefix = "t_";

    readonly TableClient _table = storage.Table(options.Value.TableName);
    readonly SemaphoreSlim _createGate = new(1, 1);
    int _createdAt = -1; // the storage generation the table was last created in (-1: not yet)

    TableClient Table => _table;

    /// <summary>
    /// Creates the table on first use (provisioning creates the default one; tests and renamed tables need this), and again
    /// after storage came back without its tables.
    /// </summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var generation = provisioner.Generation;
        if (Volatile.Read(ref _createdAt) == generation)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (_createdAt != generation)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken);
                Volatile.Write(ref _createdAt, generation);
            }
        }
        finally
        {
            _createGate.Release();
        }
    }

    public Task<IReadOnlyList<AlertStateEntity>> ReadStatesAsync(CancellationToken cancellationToken = default) =>
        guard.RunAsync<IReadOnlyList<AlertStateEntity>>(Store, async () =>
        {
            await EnsureCreatedAsync(cancellationToken);
            var states = new List<AlertStateEntity>();
            await foreach (var state in Table.QueryAsync<AlertStateEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {StatePrefix} and RowKey lt {"s`"}"), cancellationToken: cancellationToken))
            {
                states.Add(state);
            }

            return states;
        }, cancellationToken);

    /// <summary>Transitions at or after <paramref name="since"/>, newest first.</summary>
    public Task<IReadOnlyList<AlertTransitionEntity>> ReadTransitionsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        guard.RunAsync<IReadOnlyList<AlertTransitionEntity>>(Store, async () =>
        {
            await EnsureCreatedAsync(cancellationToken);
            var upper = TransitionPrefix + Inverted(since) + "`";
            var transitions = new List<AlertTransitionEntity>();
            await foreach (var transition in Table.QueryAsync<AlertTransitionEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {TransitionPrefix} and RowKey lt {upper}"), cancellationToken: cancellationToken))
            {
                transitions.Add(transition);
            }

            return transitions;
        }, cancellationToken);

    /// <summary>
    /// Moves an alert to the condition's verdict. Returns the transition written, or null when nothing changed state (or
    /// another instance made the same change first).
    /// </summary>
    public async Task<AlertTransitionEntity?> ApplyAsync(
        AlertCondition condition, AlertStateEntity? current, DateTimeOffset now, bool delivered, CancellationToken cancellationToken = default)
    {
        var wasFiring = current?.State == AlertStates.Firing;
        if (!condition.Firing && !wasFiring)
        {
            return null;
        }

        var state = current ?? new AlertStateEntity { RowKey = StatePrefix + Sanitize(condition.Key), Rule = condition.Rule, Subject = condition.Subject };
        state.Severity = condition.Severity;
        state.Threshold = condition.Threshold;
        state.Unit = condition.Unit;
        state.Suggestion = condition.Suggestion;
        state.LastEvaluated = now;
        if (condition.Firing)
        {
            state.Value = condition.Value;
            state.Message = condition.Message;
        }

        if (condition.Firing == wasFiring)
        {
            // Still firing: refresh the value; losing a race here only loses a refresh.
            try
            {
                await Table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 412 or 404)
            {
            }

            return null;
        }

        if (condition.Firing)
        {
            state.State = AlertStates.Firing;
            state.Since = now;
            state.ResolvedAt = null;
        }
        else
        {
            state.State = AlertStates.Resolved;
            state.ResolvedAt = now;
            state.Message = $"Resolved: {condition.Message}";
        }

        var transition = new AlertTransitionEntity
        {
            RowKey = $"{TransitionPrefix}{Inverted(now)}_{Sanitize(condition.Key)}_{state.State}",
            TransitionId = $"{condition.Key}|{state.State}|{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}",
            Rule = state.Rule,
            Subject = state.Subject,
            Severity = state.Severity,
            State = state.State,
            Since = state.Since,
            At = now,
            Value = condition.Value,
            Threshold = condition.Threshold,
            Unit = condition.Unit,
            Message = state.Message,
            Suggestion = condition.Suggestion,
            Delivered = delivered,
        };

        TableTransactionAction stateAction = current is null
            ? new(TableTransactionActionType.Add, state)
            : new(TableTransactionActionType.UpdateReplace, state, current.ETag);
        try
        {
            await Table.SubmitTransactionAsync([stateAction, new TableTransactionAction(TableTransactionActionType.Add, transition)], cancellationToken);
            return transition;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // Another instance moved this alert first; its transition stands.
            return null;
        }
    }

    /// <summary>Transitions not yet delivered to the webhook and not claimed by another instance, oldest first.</summary>
    public async Task<IReadOnlyList<AlertTransitionEntity>> ReadUndeliveredAsync(DateTimeOffset since, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var pending = (await ReadTransitionsAsync(since, cancellationToken))
            .Where(t => !t.Delivered && (t.ClaimedUntil is null || t.ClaimedUntil < now))
            .OrderBy(t => t.At)
            .ToList();
        return pending;
    }

    /// <summary>Claims a transition for delivery until <paramref name="until"/>; false if another instance changed it first.</summary>
    public async Task<bool> TryClaimAsync(AlertTransitionEntity transition, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        transition.ClaimedUntil = until;
        try
        {
            var response = await Table.UpdateEntityAsync(transition, transition.ETag, TableUpdateMode.Replace, cancellationToken);
            transition.ETag = response.Headers.ETag ?? transition.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    public async Task SaveDeliveryAsync(AlertTransitionEntity transition, CancellationToken cancellationToken = default)
    {
        var response = await Table.UpdateEntityAsync(transition, transition.ETag, TableUpdateMode.Replace, cancellationToken);
        transition.ETag = response.Headers.ETag ?? transition.ETag;
    }

    static string Inverted(DateTimeOffset time) => (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    static string Sanitize(string key) => string.Concat(key.Select(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c) ? '~' : c));
}
