using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>Text to vectors (OpenAI or Azure OpenAI embeddings); records its own API usage. Absent with offline answers.</summary>
public interface IEmbeddingGenerator
{
    /// <summary>The model or deployment name; stored in the index so vectors from different models are never mixed.</summary>
    string Model { get; }

    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, TelemetryContext context, CancellationToken cancellationToken = default);
}
