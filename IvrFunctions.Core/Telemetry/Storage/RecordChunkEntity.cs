using System.Buffers;
using System.Text.Json;
using Azure.Data.Tables;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// Stores the records of one partition (a kind's 10 seconds) a chunk at a time: one row holds up to <see cref="MaxRecords"/>
/// records (at most <see cref="MaxBytes"/> of JSON) in time order, keyed by its first record's row key.
/// <para>
/// Why chunks: reading and writing cost per row, not per byte (on Azurite every query page filters every row of the table, and
/// every upsert looks its row up), so busy traffic that wrote a row per record made an hour's export slower the busier the
/// hour was. A flush writes each partition's new records as a few rows instead of up to hundreds; quiet traffic simply gives
/// chunks of one record. Each record keeps the properties <see cref="TelemetryRecordEntity"/> gives it, as a JSON object whose
/// <c>k</c> is the row key it would have alone (its time and id).
/// </para>
/// </summary>
public static class RecordChunkEntity
{
    /// <summary>Most records in one chunk row.</summary>
    public const int MaxRecords = 50;

    /// <summary>Most bytes of record JSON in one chunk row (a binary property holds 64 KiB; a page of 1,000 chunks then stays within 16 MB).</summary>
    public const int MaxBytes = 16 * 1024;

    /// <summary>The binary property holding the chunk's records (a JSON array).</summary>
    public const string RecordsProperty = "Records";

    /// <summary>How many records the chunk holds.</summary>
    public const string CountProperty = "Count";

    const string KeyProperty = "k";

    /// <summary>
    /// The integer properties and their types, read off <see cref="TelemetryRecord"/> (an entity property carries its record
    /// property's name): JSON does not say whether 3 is an int, a long or a double; any other number is a double.
    /// </summary>
    static readonly Dictionary<string, Type> IntegerTypes = typeof(TelemetryRecord).GetProperties()
        .Select(p => (p.Name, Type: Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType))
        .Where(p => p.Type == typeof(int) || p.Type == typeof(long))
        .ToDictionary(p => p.Name, p => p.Type, StringComparer.Ordinal);

    /// <summary>Orders records as their own row keys would: time, then id.</summary>
    public static int CompareRecords(TelemetryRecord a, TelemetryRecord b)
    {
        var byTime = a.Timestamp.UtcTicks.CompareTo(b.Timestamp.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// The chunk rows for <paramref name="records"/> (any partitions, any order): per partition, in time order, cut at
    /// <see cref="MaxRecords"/> records or <see cref="MaxBytes"/>. The same records always give the same rows, so a retried
    /// write replaces what an interrupted one wrote.
    /// </summary>
    public static IEnumerable<TableEntity> ToEntities(IEnumerable<TelemetryRecord> records)
    {
        foreach (var partition in records.GroupBy(r => TelemetrySchema.RecordPartition(r.Kind, r.Timestamp), StringComparer.Ordinal))
        {
            var ordered = partition.ToList();
            ordered.Sort(CompareRecords);
            var chunk = new List<(TelemetryRecord Record, byte[] Json)>(MaxRecords);
            var bytes = 1; // the opening bracket
            foreach (var record in ordered)
            {
                var json = Serialize(record);
                if (chunk.Count == MaxRecords || (chunk.Count > 0 && bytes + json.Length + 1 > MaxBytes))
                {
                    yield return Build(partition.Key, chunk);
                    chunk.Clear();
                    bytes = 1;
                }

                chunk.Add((record, json));
                bytes += json.Length + 1;
            }

            if (chunk.Count > 0)
            {
                yield return Build(partition.Key, chunk);
            }
        }
    }

    /// <summary>The records of a chunk row with <c>from ≤ Timestamp &lt; to</c>, in the chunk's (time) order.</summary>
    public static IEnumerable<TelemetryRecord> FromEntity(TableEntity chunk, DateTimeOffset from, DateTimeOffset to)
    {
        var json = chunk.GetBinary(RecordsProperty) ?? throw new FormatException($"Record chunk {chunk.PartitionKey}/{chunk.RowKey} has no {RecordsProperty}.");
        using var document = JsonDocument.Parse(json);
        var records = new List<TelemetryRecord>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var entity = new TableEntity(chunk.PartitionKey, element.GetProperty(KeyProperty).GetString());
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(KeyProperty))
                {
                    continue;
                }

                entity[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    // Each arm boxed as itself: a switch over int, long and double would otherwise make them all double.
                    JsonValueKind.Number => IntegerTypes.GetValueOrDefault(property.Name) switch
                    {
                        var t when t == typeof(int) => (object)property.Value.GetInt32(),
                        var t when t == typeof(long) => (object)property.Value.GetInt64(),
                        _ => (object)property.Value.GetDouble(),
                    },
                    _ => property.Value.GetString(),
                };
            }

            var record = TelemetryRecordEntity.FromEntity(entity);
            if (record.Timestamp >= from && record.Timestamp < to)
            {
                records.Add(record);
            }
        }

        return records;
    }

    static byte[] Serialize(TelemetryRecord record)
    {
        var entity = TelemetryRecordEntity.ToEntity(record);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(KeyProperty, entity.RowKey);
            foreach (var (name, value) in entity)
            {
                switch (value)
                {
                    case string text when name is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"):
                        writer.WriteString(name, text);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    case double number:
                        writer.WriteNumber(name, number);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    static TableEntity Build(string partitionKey, List<(TelemetryRecord Record, byte[] Json)> chunk)
    {
        var bytes = new byte[chunk.Sum(c => c.Json.Length + 1) + 1];
        bytes[0] = (byte)'[';
        var at = 1;
        foreach (var (_, json) in chunk)
        {
            json.CopyTo(bytes, at);
            at += json.Length;
            bytes[at++] = (byte)',';
        }

        bytes[at - 1] = (byte)']';
        var first = chunk[0].Record;
        return new TableEntity(partitionKey, TelemetrySchema.RecordRow(first.Timestamp, first.Id))
        {
            [CountProperty] = chunk.Count,
            [RecordsProperty] = bytes,
        };
    }
}
