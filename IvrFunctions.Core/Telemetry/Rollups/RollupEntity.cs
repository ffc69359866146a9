using Azure.Data.Tables;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Core.Telemetry.Rollups;

/// <summary>Maps rollup rows (one writer's shard of one bucket, dimension and key) to and from table entities.</summary>
public static class RollupEntity
{
    public static TableEntity ToEntity(string partitionKey, string rowKey, RollupGranularity granularity, DateTimeOffset bucketStart,
        string dimension, string key, string writer, RollupValues values)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ["Granularity"] = granularity == RollupGranularity.Minute ? "minute" : "hour",
            ["Bucket"] = bucketStart,
            ["Dimension"] = dimension,
            ["Key"] = key,
            ["Writer"] = writer,
            ["Count"] = values.Count,
            ["Successes"] = values.Successes,
        };
        if (values.Latency is { Count: > 0 } latency)
        {
            entity["Latency"] = latency.ToBytes();
            entity["LatencyCount"] = latency.Count;
            entity["LatencySumMs"] = latency.Sum;
        }

        SetNonZero(entity, "AudioSeconds", values.AudioSeconds);
        SetNonZero(entity, "Characters", values.Characters);
        SetNonZero(entity, "InputTokens", values.InputTokens);
        SetNonZero(entity, "CachedInputTokens", values.CachedInputTokens);
        SetNonZero(entity, "OutputTokens", values.OutputTokens);
        SetNonZero(entity, "CostUsd", values.CostUsd);
        SetNonZero(entity, "Unpriced", values.Unpriced);
        SetNonZero(entity, "Hits", values.Hits);
        SetNonZero(entity, "SavedCostUsd", values.SavedCostUsd);
        SetNonZero(entity, "Started", values.Started);
        SetNonZero(entity, "Turns", values.Turns);
        SetNonZero(entity, "ActiveSeconds", values.ActiveSeconds);
        if (values.OpenCalls is { IsEmpty: false } open)
        {
            entity["OpenCallsMax"] = open.Max;
            entity["OpenCallsFirstSequence"] = open.FirstSequence;
            entity["OpenCallsBeforeFirst"] = open.BeforeFirst;
            entity["OpenCallsLastSequence"] = open.LastSequence;
            entity["OpenCallsAfterLast"] = open.AfterLast;
        }

        return entity;
    }

    public static RollupValues ValuesFrom(TableEntity entity)
    {
        var latency = entity.GetBinary("Latency");
        return new RollupValues
        {
            Count = entity.GetInt64("Count") ?? 0,
            Successes = entity.GetInt64("Successes") ?? 0,
            Latency = latency is null ? null : LatencyHistogram.FromBytes(latency),
            AudioSeconds = entity.GetDouble("AudioSeconds") ?? 0,
            Characters = entity.GetInt64("Characters") ?? 0,
            InputTokens = entity.GetInt64("InputTokens") ?? 0,
            CachedInputTokens = entity.GetInt64("CachedInputTokens") ?? 0,
            OutputTokens = entity.GetInt64("OutputTokens") ?? 0,
            CostUsd = entity.GetDouble("CostUsd") ?? 0,
            Unpriced = entity.GetInt64("Unpriced") ?? 0,
            Hits = entity.GetInt64("Hits") ?? 0,
            SavedCostUsd = entity.GetDouble("SavedCostUsd") ?? 0,
            Started = entity.GetInt64("Started") ?? 0,
            Turns = entity.GetInt64("Turns") ?? 0,
            ActiveSeconds = entity.GetDouble("ActiveSeconds") ?? 0,
            OpenCalls = entity.GetInt64("OpenCallsFirstSequence") is { } first && first > 0
                ? new OpenCallsExtent(entity.GetInt64("OpenCallsMax") ?? 0, first, entity.GetInt64("OpenCallsBeforeFirst") ?? 0,
                    entity.GetInt64("OpenCallsLastSequence") ?? first, entity.GetInt64("OpenCallsAfterLast") ?? 0)
                : null,
        };
    }

    /// <summary>Splits a rollup row key into bucket, dimension and key.</summary>
    public static (string Bucket, string Dimension, string Key, string Writer) ParseRowKey(string rowKey)
    {
        var parts = rowKey.Split(TelemetrySchema.RollupSeparator);
        if (parts.Length != 4)
        {
            throw new FormatException($"Not a rollup row key: '{rowKey}'.");
        }

        return (parts[0], parts[1], parts[2], parts[3]);
    }

    static void SetNonZero(TableEntity entity, string name, double value)
    {
        if (value != 0)
        {
            entity[name] = value;
        }
    }

    static void SetNonZero(TableEntity entity, string name, long value)
    {
        if (value != 0)
        {
            entity[name] = value;
        }
    }
}
