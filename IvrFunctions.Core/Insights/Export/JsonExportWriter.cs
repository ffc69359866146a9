using System.Text.Json;
using System.Text.Json.Serialization;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>Writes records as one JSON array, object by object, flushing as it goes; null fields are left out.</summary>
public static class JsonExportWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    const int FlushEvery = 1000;

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        long count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, record, Options);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
        return count;
    }
}
