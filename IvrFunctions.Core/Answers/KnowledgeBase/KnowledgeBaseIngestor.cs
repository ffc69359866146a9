using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>
/// Reads a folder of markdown articles into Blob storage: documents under <c>documents/</c>, and one index blob with every
/// passage's term counts and (with a cloud answer provider) its embedding. A document whose content hash (text, chunker
/// version, embedding model) is unchanged keeps its passages and vectors from the previous index: re-ingesting an unchanged
/// folder makes no embedding request and does not rewrite the index.
/// </summary>
public sealed class KnowledgeBaseIngestor(
    StorageAccount storage,
    IOptions<KnowledgeBaseOptions> options,
    TimeProvider time,
    IEmbeddingGenerator? embeddings = null)
{
    const int EmbeddingBatch = 64;

    public async Task<IngestReport> IngestAsync(string folder, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Knowledge-base folder not found: {Path.GetFullPath(folder)}");
        }

        var sources = Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => new Source(Path.ChangeExtension(Path.GetRelativePath(folder, f), null).Replace('\\', '/'), ct => File.ReadAllTextAsync(f, ct)))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
        return await IngestSourcesAsync(sources, Path.GetFullPath(folder), uploadDocuments: true, progress, cancellationToken);
    }

    /// <summary>
    /// Ingests the markdown articles stored in the knowledge-base container itself (what azd's postprovision hook uploads:
    /// <c>en/….md</c>, <c>hi/….md</c>), everything except <c>documents/</c>, <c>index/</c> and README files. Returns null when
    /// the container holds no such article.
    /// </summary>
    public async Task<IngestReport?> IngestFromContainerAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var container = storage.Container(options.Value.Container);
        if (!(await container.ExistsAsync(cancellationToken)).Value)
        {
            return null;
        }

        var sources = new List<Source>();
        await foreach (var item in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var name = item.Name;
            if (!name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || name.StartsWith("documents/", StringComparison.Ordinal)
                || name.StartsWith("index/", StringComparison.Ordinal) || Path.GetFileName(name).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            sources.Add(new Source(name[..^3], async ct => (await container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content.ToString()));
        }

        return sources.Count == 0
            ? null
            : await IngestSourcesAsync([.. sources.OrderBy(s => s.Id, StringComparer.Ordinal)], $"container {options.Value.Container}", uploadDocuments: false, progress, cancellationToken);
    }

    sealed record Source(string Id, Func<CancellationToken, Task<string>> ReadAsync);

    async Task<IngestReport> IngestSourcesAsync(IReadOnlyList<Source> files, string from, bool uploadDocuments, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var settings = options.Value;
        var container = storage.Container(settings.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var previous = await ReadIndexAsync(container.GetBlobClient(settings.IndexBlob), cancellationToken);
        var previousDocs = previous?.Documents.ToDictionary(d => d.Id, StringComparer.Ordinal) ?? [];
        var previousChunks = previous?.Chunks.ToLookup(c => c.DocumentId, StringComparer.Ordinal);

        progress?.Report($"Ingesting {files.Count} documents from {from} into {settings.Container}/{settings.IndexBlob}"
            + (embeddings is null ? " (term statistics only)" : $" (embeddings: {embeddings.Model})"));

        var documents = new List<IndexedDocument>();
        var chunks = new List<IndexedChunk>();
        var toEmbed = new List<IndexedChunk>();
        int unchanged = 0, added = 0, updated = 0;
        for (var n = 0; n < files.Count; n++)
        {
            var id = files[n].Id;
            var markdown = await files[n].ReadAsync(cancellationToken);
            var document = KnowledgeChunker.Read(id, markdown);
            var hash = ContentHash(markdown, embeddings?.Model);
            var entry = new IndexedDocument { Id = id, Title = document.Title, Language = document.Language, ContentHash = hash };
            documents.Add(entry);

            if (previousDocs.TryGetValue(id, out var old) && old.ContentHash == hash && previousChunks is not null)
            {
                chunks.AddRange(previousChunks[id]);
                unchanged++;
                progress?.Report($"[{n + 1}/{files.Count}] {id}: unchanged");
                continue;
            }

            var isNew = old is null;
            if (isNew)
            {
                added++;
            }
            else
            {
                updated++;
            }

            var pieces = ChunkDocument(document, settings.ChunkMaxCharacters);
            chunks.AddRange(pieces);
            toEmbed.AddRange(pieces);

            if (uploadDocuments)
            {
                await container.GetBlobClient($"documents/{id}.md").UploadAsync(
                    BinaryData.FromString(markdown),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/markdown; charset=utf-8" } },
                    cancellationToken);
            }

            progress?.Report($"[{n + 1}/{files.Count}] {id}: {pieces.Length} passage(s), {(isNew ? "new" : "changed")}, {document.Language}");
        }

        var requests = 0;
        if (embeddings is not null && toEmbed.Count > 0)
        {
            foreach (var batch in toEmbed.Chunk(EmbeddingBatch))
            {
                var vectors = await embeddings.EmbedAsync([.. batch.Select(c => c.Title + "\n" + c.Text)], TelemetryContext.None, cancellationToken);
                for (var i = 0; i < batch.Length; i++)
                {
                    batch[i].Vector = Convert.ToBase64String(MemoryMarshal.AsBytes(vectors[i].AsSpan()));
                }

                requests++;
                progress?.Report($"Embedded {Math.Min(requests * EmbeddingBatch, toEmbed.Count)}/{toEmbed.Count} passages");
            }
        }

        var removed = previousDocs.Keys.Count(k => documents.All(d => d.Id != k));
        var version = IndexVersion(documents, embeddings?.Model);
        var written = previous is null || previous.Version != version;
        if (written)
        {
            var index = new KnowledgeIndex
            {
                Version = version,
                EmbeddingModel = embeddings?.Model,
                CreatedAt = time.GetUtcNow(),
                Documents = documents,
                Chunks = chunks,
            };
            await container.GetBlobClient(settings.IndexBlob).UploadAsync(
                new BinaryData(JsonSerializer.SerializeToUtf8Bytes(index, KnowledgeJsonContext.Default.KnowledgeIndex)),
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
                cancellationToken);
        }

        var report = new IngestReport(documents.Count, unchanged, added, updated, removed, chunks.Count, embeddings is null ? 0 : toEmbed.Count,
            requests, version, written, time.GetElapsedTime(started));
        progress?.Report(written
            ? $"Index {version} written: {report.Documents} documents ({added} new, {updated} changed, {unchanged} unchanged, {removed} removed), {report.Chunks} passages, {report.EmbeddedChunks} embedded"
            : $"Index {version} unchanged: {report.Documents} documents, nothing to embed");
        return report;
    }

    /// <summary>True when the index blob exists.</summary>
    public async Task<bool> IndexExistsAsync(CancellationToken cancellationToken = default)
    {
        var container = storage.Container(options.Value.Container);
        try
        {
            return (await container.GetBlobClient(options.Value.IndexBlob).ExistsAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    static async Task<KnowledgeIndex?> ReadIndexAsync(Azure.Storage.Blobs.BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var index = KnowledgeIndexProvider.Deserialize(content.Value.Content.ToMemory());
            return index.Format == KnowledgeIndex.CurrentFormat ? index : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A document's passages with their term counts (no vectors yet).</summary>
    internal static IndexedChunk[] ChunkDocument(KnowledgeDocument document, int maxCharacters) =>
        [.. KnowledgeChunker.Chunk(document.Body, maxCharacters).Select((text, i) => new IndexedChunk
        {
            Id = $"{document.Id}#{i}",
            DocumentId = document.Id,
            Title = document.Title,
            Language = document.Language,
            Text = text,
            Terms = CountTerms(document.Title + "\n" + text),
        })];

    static Dictionary<string, int> CountTerms(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextTokenizer.Tokenize(text))
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        return counts;
    }

    static string ContentHash(string markdown, string? embeddingModel) =>
        Hash($"{KnowledgeChunker.Version}\n{embeddingModel}\n{markdown.Replace("\r\n", "\n", StringComparison.Ordinal)}");

    static string IndexVersion(IEnumerable<IndexedDocument> documents, string? embeddingModel) =>
        Hash(string.Join('\n', documents.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => $"{d.Id}={d.ContentHash}")) + "\n" + embeddingModel)[..16];

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
