namespace IvrFunctions.Core.Configuration;

/// <summary>Where the knowledge base lives in Blob storage and how it is chunked (section <c>KnowledgeBase</c>).</summary>
public sealed class KnowledgeBaseOptions
{
    public const string SectionName = "KnowledgeBase";

    /// <summary>The default value is <c>knowledge-base</c> (the container azd's postprovision hook uploads knowledge-base/ to).</summary>
    public string Container { get; set; } = Storage.StorageNames.KnowledgeContainer;

    /// <summary>The default value is <c>index/kb-index.json</c>.</summary>
    public string IndexBlob { get; set; } = "index/kb-index.json";

    /// <summary>Folder ingested on first start when no index exists; a relative path is taken from the app's folder. The default
    /// value is <c>knowledge-base</c>: the sample the SelfHost build copies beside itself.</summary>
    public string SeedFolder { get; set; } = "knowledge-base";

    /// <summary>The default value is <c>true</c>.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>How often the index blob's ETag is checked for a newer index. The default value is <c>30</c>.</summary>
    public int RefreshSeconds { get; set; } = 30;

    /// <summary>Longest passage in characters. The default value is <c>700</c>.</summary>
    public int ChunkMaxCharacters { get; set; } = 700;
}
