namespace IvrFunctions.Core.Answers;

/// <summary>One knowledge-base passage the answer was grounded in, with its retrieval score.</summary>
public sealed record RetrievedPassage(string DocumentId, string ChunkId, string Title, double Score);
