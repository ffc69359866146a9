namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>What an ingest did. <paramref name="EmbeddedChunks"/> is 0 when nothing changed.</summary>
public sealed record IngestReport(
    int Documents,
    int Unchanged,
    int Added,
    int Updated,
    int Removed,
    int Chunks,
    int EmbeddedChunks,
    int EmbeddingRequests,
    string Version,
    bool IndexWritten,
    TimeSpan Elapsed);
