using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>Finds the passages that can answer a question. The in-process hybrid index implements it today; a large knowledge
/// base could put Azure AI Search behind the same interface.</summary>
public interface IRetriever
{
    /// <summary>Names the retrieval backend in stage records (<c>hybrid</c>, <c>bm25</c>, ...).</summary>
    string Name { get; }

    /// <summary>Changes whenever the content that answers could come from changes (response cache keys include it).</summary>
    ValueTask<string> GetKnowledgeBaseVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>The best <paramref name="topK"/> passages, best first, with their scores (0..1, higher is better).</summary>
    Task<IReadOnlyList<RetrievedChunk>> RetrieveAsync(string question, string language, int topK, TelemetryContext context, CancellationToken cancellationToken = default);
}
