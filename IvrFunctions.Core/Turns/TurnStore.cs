using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// Turns in Table Storage: partition = CallSid, row = turn id. Creation is create-if-not-exists (409 = a duplicate
/// webhook), and each stage merges only its own columns, so a step finishing late never overwrites another's result.
/// Every failure surfaces as a <see cref="ErrorCategory.Storage"/> <see cref="ClassifiedException"/> (<see cref="StorageGuard"/>).
/// </summary>
public sealed class TurnStore(StorageAccount storage, StorageGuard guard)
{
    const string Store = "Turn table";

    static readonly string[] StageNames = [Telemetry.StageNames.Stt, Telemetry.StageNames.Rag, Telemetry.StageNames.Tts];

    TableClient Table => storage.Table(StorageNames.TurnsTable);

    /// <summary>True when this call created the turn; false when it already existed.</summary>
    public async Task<bool> CreateAsync(TurnInput input, CancellationToken cancellationToken)
    {
        var entity = InputEntity(input);
        entity["Status"] = TurnStatuses.Running;
        return await guard.RunAsync(Store, async () =>
        {
            try
            {
                await Table.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                return false;
            }
        }, cancellationToken);
    }

    public async Task<TurnRecord?> GetAsync(string turnId, CancellationToken cancellationToken)
    {
        var callSid = TurnIds.CallSidOf(turnId);
        if (callSid is null)
        {
            return null;
        }

        var response = await guard.RunAsync(Store, () => Table.GetEntityIfExistsAsync<TableEntity>(callSid, turnId, cancellationToken: cancellationToken), cancellationToken);
        return response.HasValue && response.Value is not null ? FromEntity(response.Value) : null;
    }

    /// <summary>What the webhooks need of a turn: state and outcome, not stages or transcript (keeps the per-call scan small).</summary>
    static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "Language", "Status", "AcceptedAt", "Deadline", "CompletedAt", "OutcomeKind", "SpokenText",
         "AudioContainer", "AudioBlob", "ErrorCategory", "ErrorStage", "TimedOut"];

    /// <summary>The call's most recently accepted turn: its state and outcome only (<see cref="TurnRecord.Stages"/> is empty).</summary>
    public Task<TurnRecord?> GetLatestAsync(string callSid, CancellationToken cancellationToken) =>
        guard.RunAsync(Store, async () =>
        {
            TableEntity? latest = null;
            await foreach (var entity in Table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {callSid}"), select: SummaryColumns, cancellationToken: cancellationToken))
            {
                if (latest is null || entity.GetDateTimeOffset("AcceptedAt") > latest.GetDateTimeOffset("AcceptedAt"))
                {
                    latest = entity;
                }
            }

            return latest is null ? null : FromEntity(latest);
        }, cancellationToken);

    public Task<int> CountAsync(string callSid, CancellationToken cancellationToken) =>
        guard.RunAsync(Store, async () =>
        {
            var count = 0;
            await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {callSid}"), select: ["RowKey"], cancellationToken: cancellationToken))
            {
                count++;
            }

            return count;
        }, cancellationToken);

    /// <summary>Merges one stage's record (its own columns only).</summary>
    public Task RecordStageAsync(TurnInput turn, StageRecord stage, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(turn.CallSid, turn.TurnId);
        AddStage(entity, stage);
        return MergeAsync(entity, cancellationToken);
    }

    /// <summary>
    /// Stores the outcome with everything the turn learned (completed stages, transcript, answer, audio) in one write. The
    /// turn's input goes with it, so the record is whole even where the row written at acceptance was lost.
    /// </summary>
    public Task CompleteAsync(TurnInput turn, TurnOutcome outcome, TurnFacts facts, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var entity = InputEntity(turn);
        entity["Status"] = TurnStatuses.Completed;
        entity["CompletedAt"] = completedAt;
        entity["OutcomeKind"] = outcome.Kind.ToString();
        entity["SpokenText"] = outcome.SpokenText;
        entity["AudioContainer"] = outcome.AudioContainer;
        entity["AudioBlob"] = outcome.AudioBlob;
        entity["ErrorCategory"] = outcome.Error?.ToString();
        entity["ErrorStage"] = outcome.ErrorStage;
        entity["TimedOut"] = outcome.TimedOut;
        foreach (var stage in facts.Stages)
        {
            AddStage(entity, stage);
        }

        SetIfKnown(entity, "Transcript", facts.Transcript);
        SetIfKnown(entity, "TranscriptConfidence", facts.TranscriptConfidence);
        SetIfKnown(entity, "AnswerText", facts.AnswerText);
        SetIfKnown(entity, "AnswerFound", facts.AnswerFound);
        SetIfKnown(entity, "AudioDurationSeconds", facts.AudioDurationSeconds);
        SetIfKnown(entity, "AudioFromCache", facts.AudioFromCache);
        return MergeAsync(entity, cancellationToken);
    }

    static TableEntity InputEntity(TurnInput input) => new(input.CallSid, input.TurnId)
    {
        ["RecordingUrl"] = input.RecordingUrl,
        ["Language"] = input.Language,
        ["AcceptedAt"] = input.AcceptedAt,
        ["Deadline"] = input.Deadline,
    };

    static void SetIfKnown(TableEntity entity, string key, object? value)
    {
        if (value is not null)
        {
            entity[key] = value;
        }
    }

    static void AddStage(TableEntity entity, StageRecord stage)
    {
        var prefix = Prefix(stage.Name);
        entity[prefix + "StartedAt"] = stage.StartedAt;
        entity[prefix + "Ms"] = stage.DurationMs;
        entity[prefix + "Attempts"] = stage.Attempts;
        entity[prefix + "Ok"] = stage.Succeeded;
        entity[prefix + "Error"] = stage.Error?.ToString();
        entity[prefix + "Provider"] = stage.Provider;
        entity[prefix + "Model"] = stage.Model;
    }

    Task MergeAsync(TableEntity entity, CancellationToken cancellationToken) =>
        guard.RunAsync(Store, () => Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken), cancellationToken);

    static string Prefix(string stage) => char.ToUpperInvariant(stage[0]) + stage[1..];

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
