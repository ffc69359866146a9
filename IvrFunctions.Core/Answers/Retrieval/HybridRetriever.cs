using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>
/// BM25 over the in-process index, blended with cosine similarity when the index carries embeddings from the same model
/// as the configured embedding generator (BM25 alone offline). A failed question embedding degrades to BM25 rather than
/// failing the turn.
/// </summary>
public sealed class HybridRetriever(
    KnowledgeIndexProvider indexes,
    IOptions<RagOptions> options,
    ILogger<HybridRetriever> logger,
    IEmbeddingGenerator? embeddings = null) : IRetriever
{
    public string Name => embeddings is null ? "bm25" : "hybrid";

    public async ValueTask<string> GetKnowledgeBaseVersionAsync(CancellationToken cancellationToken = default) =>
        (await indexes.GetAsync(cancellationToken)).Version;

    public async Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string question, string language, int topK, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var index = await indexes.GetAsync(cancellationToken);
        var terms = TextTokenizer.Tokenize(question);
        float[]? vector = null;
        if (embeddings is not null && index.HasVectors && string.Equals(index.EmbeddingModel, embeddings.Model, StringComparison.Ordinal))
        {
            try
            {
                vector = (await embeddings.EmbedAsync([question], context, cancellationToken))[0];
            }
            catch (ClassifiedException ex)
            {
                logger.LogWarning("Question embedding failed ({Category}); retrieving with BM25 only", ex.Category);
            }
        }

        return index.Search(terms, vector, language, topK, options.Value.VectorWeight);
    }
}
