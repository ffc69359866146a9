using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers.OpenAI;

/// <summary>Embeddings through OpenAI or Azure OpenAI; one usage record per request with its input tokens.</summary>
public sealed class OpenAIEmbeddingGenerator(OpenAIConnection connection, ITelemetry telemetry, TimeProvider time) : IEmbeddingGenerator
{
    public string Model => connection.EmbeddingModel;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        try
        {
            var result = await connection.Embeddings.GenerateEmbeddingsAsync(texts, cancellationToken: cancellationToken);
            var collection = result.Value;
            telemetry.RecordApiUsage(new ApiUsage(connection.EmbeddingService, context, true, time.GetElapsedTime(started),
                new UsageUnits(InputTokens: collection.Usage?.InputTokenCount), connection.EmbeddingModel, StatusCode: result.GetRawResponse().Status));
            return [.. collection.OrderBy(e => e.Index).Select(e => e.ToFloats().ToArray())];
        }
        catch (Exception ex) when (connection.Classify(ex, cancellationToken, out var status) is { } classified)
        {
            telemetry.RecordApiUsage(new ApiUsage(connection.EmbeddingService, context, false, time.GetElapsedTime(started), new UsageUnits(),
                connection.EmbeddingModel, classified.Category, status));
            throw classified;
        }
    }
}
