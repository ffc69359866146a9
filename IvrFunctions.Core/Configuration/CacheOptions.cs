namespace IvrFunctions.Core.Configuration;

/// <summary>Response and audio caches (section <c>Caches</c>).</summary>
public sealed class CacheOptions
{
    public const string SectionName = "Caches";

    /// <summary>The default value is <c>IvrResponseCache</c>.</summary>
    public string ResponseTable { get; set; } = Storage.StorageNames.ResponseCacheTable;

    /// <summary>The default value is <c>audio-cache</c>.</summary>
    public string AudioContainer { get; set; } = Storage.StorageNames.AudioCacheContainer;

    /// <summary>How long a cached answer is served. The default value is <c>168</c> (a week; a new knowledge-base version misses anyway).</summary>
    public double ResponseTtlHours { get; set; } = 168;

    /// <summary>Entries kept in the in-process front of each cache. The default value is <c>2000</c>.</summary>
    public int MemoryEntries { get; set; } = 2000;
}
