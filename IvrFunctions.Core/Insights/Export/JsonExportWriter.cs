using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>
/// Writes records as one JSON array, object by object; null fields are left out. The JSON goes into a small in-memory
/// buffer that is handed to the stream asynchronously whenever it passes 64 KB (servers refuse synchronous writes).
/// </summary>
public static class JsonExportWriter
{
    public const string ContentType = "application/json; charset=utf-8";

    const int ChunkBytes = 64 * 1024;

    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes * 2);
        await using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartArray();
        long count = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, record, Options);
            count++;
            writer.Flush();
            if (buffer.WrittenCount >= ChunkBytes)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }
}
