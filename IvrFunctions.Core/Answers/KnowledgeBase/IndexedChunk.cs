namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>One passage of an article, as stored in the index blob.</summary>
public sealed class IndexedChunk
{
    public string Id { get; set; } = "";

    public string DocumentId { get; set; } = "";

    public string Title { get; set; } = "";

    public string Language { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>Term → count over title and text, as <see cref="Retrieval.TextTokenizer"/> produces them.</summary>
    public Dictionary<string, int> Terms { get; set; } = [];

    /// <summary>Embedding as little-endian float32, base64.</summary>
    public string? Vector { get; set; }
}
