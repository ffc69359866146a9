using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Turns in Table Storage: partition = CallSid, row = turn id. Creation is create-if-not-exists (409 = a duplicate
/// webhook), and each stage merges only its own columns, so a step finishing late never overwrites another's result.
/// </summary>
public sealed class TurnStore(StorageAccount storage)
{
    static readonly string[] StageNames = [Telemetry.StageNames.Stt, Telemetry.StageNames.Rag, Telemetry.StageNames.Tts];

    TableClient Table => storage.Table(StorageNames.TurnsTable);

    /// <summary>True when this call created the turn; false when it already existed.</summary>
    public async Task<bool> CreateAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(input.CallSid, input.TurnId)
        {
            ["RecordingUrl"] = input.RecordingUrl,
            ["Language"] = input.Language,
            ["AcceptedAt"] = input.AcceptedAt,
            ["Deadline"] = input.Deadline,
            ["Status"] = TurnStatuses.Running,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
        catch (RequestFailedException ex)
        {
            throw Classified(ex);
        }
    }

    public async Task<TurnRecord?> GetAsync(string turnId, CancellationToken cancellationToken)
    {
        var callSid = TurnIds.CallSidOf(turnId);
        if (callSid is null)
        {
            return null;
        }

        try
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(callSid, turnId, cancellationToken: cancellationToken);
            return response.HasValue && response.Value is not null ? FromEntity(response.Value) : null;
        }
        catch (RequestFailedException ex)
        {
            throw Classified(ex);
        }
    }

    /// <summary>The call's most recently accepted turn.</summary>
    public async Task<TurnRecord?> GetLatestAsync(string callSid, CancellationToken cancellationToken)
    {
        try
        {
            TableEntity? latest = null;
            await foreach (var entity in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {callSid}"), cancellationToken: cancellationToken))
            {
                if (latest is null || entity.GetDateTimeOffset("AcceptedAt") > latest.GetDateTimeOffset("AcceptedAt"))
                {
                    latest = entity;
                }
            }

            return latest is null ? null : FromEntity(latest);
        }
        catch (RequestFailedException ex)
        {
            throw Classified(ex);
        }
    }

    public async Task<int> CountAsync(string callSid, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {callSid}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Merges one stage's record and any values it produced (transcript, answer, audio).</summary>
    public Task RecordStageAsync(TurnInput turn, StageRecord stage, IReadOnlyDictionary<string, object?>? values, CancellationToken cancellationToken)
    {
        var prefix = Prefix(stage.Name);
        var entity = new TableEntity(turn.CallSid, turn.TurnId)
        {
            [prefix + "StartedAt"] = stage.StartedAt,
            [prefix + "Ms"] = stage.DurationMs,
            [prefix + "Attempts"] = stage.Attempts,
            [prefix + "Ok"] = stage.Succeeded,
            [prefix + "Error"] = stage.Error?.ToString(),
            [prefix + "Provider"] = stage.Provider,
            [prefix + "Model"] = stage.Model,
        };
        foreach (var (key, value) in values ?? new Dictionary<string, object?>())
        {
            entity[key] = value;
        }

        return MergeAsync(entity, cancellationToken);
    }

    public Task CompleteAsync(TurnInput turn, TurnOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken) =>
        MergeAsync(
            new TableEntity(turn.CallSid, turn.TurnId)
            {
                ["Status"] = TurnStatuses.Completed,
                ["CompletedAt"] = completedAt,
                ["OutcomeKind"] = outcome.Kind.ToString(),
                ["SpokenText"] = outcome.SpokenText,
                ["AudioContainer"] = outcome.AudioContainer,
                ["AudioBlob"] = outcome.AudioBlob,
                ["ErrorCategory"] = outcome.Error?.ToString(),
                ["ErrorStage"] = outcome.ErrorStage,
                ["TimedOut"] = outcome.TimedOut,
            },
            cancellationToken);

    async Task MergeAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw Classified(ex);
        }
    }

    static string Prefix(string stage) => char.ToUpperInvariant(stage[0]) + stage[1..];

    static ClassifiedException Classified(RequestFailedException ex) =>
        new(ErrorCategory.Storage, $"Turn table: {ex.Status} {ex.ErrorCode}", ex);

    static TurnRecord FromEntity(TableEntity e)
    {
        var stages = new List<StageRecord>();
        foreach (var name in StageNames)
        {
            var prefix = Prefix(name);
            if (e.GetDateTimeOffset(prefix + "StartedAt") is { } started)
            {
                stages.Add(new StageRecord(
                    name,
                    started,
                    e.GetDouble(prefix + "Ms") ?? 0,
                    e.GetInt32(prefix + "Attempts") ?? 0,
                    e.GetBoolean(prefix + "Ok") ?? false,
                    ParseCategory(e.GetString(prefix + "Error")),
                    e.GetString(prefix + "Provider"),
                    e.GetString(prefix + "Model")));
            }
        }

        TurnOutcome? outcome = null;
        if (Enum.TryParse<TurnOutcomeKind>(e.GetString("OutcomeKind"), out var kind))
        {
            outcome = new TurnOutcome(
                kind,
                e.GetString("SpokenText") ?? string.Empty,
                e.GetString("AudioContainer"),
                e.GetString("AudioBlob"),
                ParseCategory(e.GetString("ErrorCategory")),
                e.GetString("ErrorStage"),
                e.GetBoolean("TimedOut") ?? false);
        }

        return new TurnRecord(
            e.RowKey,
            e.PartitionKey,
            e.GetString("Language") ?? "en-IN",
            e.GetString("Status") ?? TurnStatuses.Running,
            e.GetDateTimeOffset("AcceptedAt") ?? DateTimeOffset.MinValue,
            e.GetDateTimeOffset("Deadline") ?? DateTimeOffset.MinValue,
            stages,
            e.GetString("Transcript"),
            e.GetString("AnswerText"),
            e.GetBoolean("AnswerFound"),
            outcome,
            e.GetDateTimeOffset("CompletedAt"),
            e.GetDouble("AudioDurationSeconds"),
            e.GetBoolean("AudioFromCache"));
    }

    static ErrorCategory? ParseCategory(string? value) => Enum.TryParse<ErrorCategory>(value, out var category) ? category : null;
}
