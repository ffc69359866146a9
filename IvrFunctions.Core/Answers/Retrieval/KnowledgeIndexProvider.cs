using System.Text.Json;
using Azure;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>
/// Holds the index in memory: loaded once per process, and reloaded when the index blob's ETag changes (checked at most
/// every <see cref="KnowledgeBaseOptions.RefreshSeconds"/>). A missing blob is an empty index, so answers say "I don't know"
/// rather than fail; a storage failure keeps serving the index already loaded.
/// </summary>
public sealed class KnowledgeIndexProvider(
    StorageAccount storage,
    IOptions<KnowledgeBaseOptions> options,
    TimeProvider time,
    ILogger<KnowledgeIndexProvider> logger)
{
    readonly SemaphoreSlim _gate = new(1, 1);
    SearchIndex? _current;
    long _checkedAt;

    public async ValueTask<SearchIndex> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = _current;
        if (current is not null && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < TimeSpan.FromSeconds(options.Value.RefreshSeconds))
            {
                return current;
            }

            _current = await LoadIfChangedAsync(current, cancellationToken);
            Volatile.Write(ref _checkedAt, time.GetTimestamp());
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forces the next <see cref="GetAsync"/> to check the blob (after an ingest in this process).</summary>
    public void Invalidate() => Volatile.Write(ref _checkedAt, 0);

    async Task<SearchIndex> LoadIfChangedAsync(SearchIndex? current, CancellationToken cancellationToken)
    {
        var blob = storage.Container(options.Value.Container).GetBlobClient(options.Value.IndexBlob);
        try
        {
            if (current?.ETag is { } etag)
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
                if (properties.Value.ETag.ToString() == etag)
                {
                    return current;
                }
            }

            var started = time.GetTimestamp();
            var download = await blob.DownloadContentAsync(cancellationToken);
            var index = Deserialize(download.Value.Content.ToMemory());
            var loaded = new SearchIndex(index, download.Value.Details.ETag.ToString());
            logger.LogInformation("Knowledge index {Version} loaded: {Chunks} passages, vectors {HasVectors}, in {ElapsedMs:0} ms",
                loaded.Version, loaded.ChunkCount, loaded.HasVectors, time.GetElapsedTime(started).TotalMilliseconds);
            return loaded;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            if (current is null || current.ChunkCount > 0)
            {
                logger.LogWarning("No knowledge index at {Container}/{Blob}: answers will say they do not know until a knowledge base is ingested",
                    options.Value.Container, options.Value.IndexBlob);
            }

            return SearchIndex.Empty;
        }
        catch (Exception ex) when (StorageFailures.IsStorageFailure(ex))
        {
            if (current is null)
            {
                throw new Errors.ClassifiedException(Errors.ErrorCategory.Storage, $"The knowledge index could not be read: {ex.GetBaseException().Message}", ex);
            }

            logger.LogWarning("Knowledge index check failed ({Error}); keeping version {Version}", ex.GetBaseException().Message, current.Version);
            return current;
        }
    }

    public static KnowledgeIndex Deserialize(ReadOnlyMemory<byte> json) =>
        JsonSerializer.Deserialize(json.Span, KnowledgeJsonContext.Default.KnowledgeIndex)
        ?? throw new InvalidDataException("The knowledge index blob is empty.");
}
