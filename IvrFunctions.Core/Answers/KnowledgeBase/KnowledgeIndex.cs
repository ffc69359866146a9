namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>The index blob: every passage with its term counts (for BM25) and, when a cloud provider ingested it, its embedding.</summary>
public sealed class KnowledgeIndex
{
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;

    /// <summary>A hash of every document's content hash and the embedding model: changes whenever the answers could.</summary>
    public string Version { get; set; } = "";

    /// <summary>Model (or deployment) the embeddings were made with; null for a term-statistics-only (offline) index.</summary>
    public string? EmbeddingModel { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<IndexedDocument> Documents { get; set; } = [];

    public List<IndexedChunk> Chunks { get; set; } = [];
}
