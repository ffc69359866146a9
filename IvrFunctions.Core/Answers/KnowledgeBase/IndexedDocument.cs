namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>One ingested article: its id (path without extension), title, language and content hash.</summary>
public sealed class IndexedDocument
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Language { get; set; } = "";

    public string ContentHash { get; set; } = "";
}
