namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>A retrieved passage with its combined score and the parts it came from (BM25 and, when present, cosine similarity).</summary>
public sealed record RetrievedChunk(
    string DocumentId,
    string ChunkId,
    string Title,
    string Text,
    string Language,
    double Score,
    double Bm25,
    double? Cosine)
{
    public RetrievedPassage ToPassage() => new(DocumentId, ChunkId, Title, Math.Round(Score, 4));
}
