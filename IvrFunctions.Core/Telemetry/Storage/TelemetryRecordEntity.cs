using Azure.Data.Tables;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>Maps a <see cref="TelemetryRecord"/> to and from its table row (only set properties are stored).</summary>
public static class TelemetryRecordEntity
{
    public static TableEntity ToEntity(TelemetryRecord record)
    {
        var entity = new TableEntity(
            TelemetrySchema.RecordPartition(record.Kind, record.Timestamp),
            TelemetrySchema.RecordRow(record.Timestamp, record.Id))
        {
            // Kind, time and id are in the keys; the row carries only what the keys do not say.
            ["Component"] = record.Component,
            ["Success"] = record.Success,
        };
        Set(entity, "CallSid", record.CallSid);
        Set(entity, "TurnId", record.TurnId);
        Set(entity, "Language", record.Language);
        Set(entity, "Host", record.Host);
        Set(entity, "DurationMs", record.DurationMs);
        Set(entity, "Attempt", record.Attempt);
        Set(entity, "Provider", record.Provider);
        Set(entity, "Model", record.Model);
        if (record.ErrorCategory is { } category)
        {
            entity["ErrorCategory"] = ErrorCatalog.Describe(category).Code;
        }

        Set(entity, "Retryable", record.Retryable);
        Set(entity, "Fault", record.Fault?.ToString());
        Set(entity, "Detail", record.Detail);
        Set(entity, "StatusCode", record.StatusCode);
        Set(entity, "AudioSeconds", record.AudioSeconds);
        Set(entity, "Characters", record.Characters);
        Set(entity, "VoiceClass", record.VoiceClass);
        Set(entity, "InputTokens", record.InputTokens);
        Set(entity, "CachedInputTokens", record.CachedInputTokens);
        Set(entity, "OutputTokens", record.OutputTokens);
        Set(entity, "PriceSku", record.PriceSku);
        Set(entity, "CostUsd", record.CostUsd);
        Set(entity, "Hit", record.Hit);
        Set(entity, "SavedService", record.SavedService);
        Set(entity, "SavedCostUsd", record.SavedCostUsd);
        Set(entity, "SessionKind", record.SessionKind?.ToString());
        Set(entity, "CallerHash", record.CallerHash);
        Set(entity, "Status", record.Status);
        Set(entity, "BilledPulses", record.BilledPulses);
        Set(entity, "Turns", record.Turns);
        Set(entity, "OpenCalls", record.OpenCalls);
        Set(entity, "OpenCallsSequence", record.OpenCallsSequence);
        return entity;
    }

    public static TelemetryRecord FromEntity(TableEntity entity) => new()
    {
        Kind = TelemetrySchema.ParseKind(entity.PartitionKey[..entity.PartitionKey.LastIndexOf('-')]),
        Timestamp = TelemetrySchema.ParseRecordTime(entity.RowKey),
        Id = entity.RowKey[(TimeBuckets.InstantFormat.Length + 1)..],
        Component = entity.GetString("Component"),
        Success = entity.GetBoolean("Success") ?? false,
        CallSid = entity.GetString("CallSid"),
        TurnId = entity.GetString("TurnId"),
        Language = entity.GetString("Language"),
        Host = entity.GetString("Host"),
        DurationMs = entity.GetDouble("DurationMs"),
        Attempt = entity.GetInt32("Attempt"),
        Provider = entity.GetString("Provider"),
        Model = entity.GetString("Model"),
        ErrorCategory = entity.GetString("ErrorCategory") is { } code ? ErrorCatalog.All.FirstOrDefault(d => d.Code == code)?.Category : null,
        Retryable = entity.GetBoolean("Retryable"),
        Fault = Enum.TryParse<ErrorFault>(entity.GetString("Fault"), out var fault) ? fault : null,
        Detail = entity.GetString("Detail"),
        StatusCode = entity.GetInt32("StatusCode"),
        AudioSeconds = entity.GetDouble("AudioSeconds"),
        Characters = entity.GetInt64("Characters"),
        VoiceClass = entity.GetString("VoiceClass"),
        InputTokens = entity.GetInt64("InputTokens"),
        CachedInputTokens = entity.GetInt64("CachedInputTokens"),
        OutputTokens = entity.GetInt64("OutputTokens"),
        PriceSku = entity.GetString("PriceSku"),
        CostUsd = entity.GetDouble("CostUsd"),
        Hit = entity.GetBoolean("Hit"),
        SavedService = entity.GetString("SavedService"),
        SavedCostUsd = entity.GetDouble("SavedCostUsd"),
        SessionKind = Enum.TryParse<SessionEventKind>(entity.GetString("SessionKind"), out var session) ? session : null,
        CallerHash = entity.GetString("CallerHash"),
        Status = entity.GetString("Status"),
        BilledPulses = entity.GetInt32("BilledPulses"),
        Turns = entity.GetInt32("Turns"),
        OpenCalls = entity.GetInt64("OpenCalls"),
        OpenCallsSequence = entity.GetInt64("OpenCallsSequence"),
    };

    static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
