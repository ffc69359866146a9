using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Answers;

/// <summary>
/// Answers by normalised question + language + knowledge-base version + answer provider: Table Storage is the shared
/// store, a bounded MemoryCache the in-process front. A storage failure is a miss (and a skipped write), never a failed turn.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    const string Store = "Response cache";

    readonly StorageAccount _storage;
    readonly StorageGuard _guard;
    readonly StorageProvisioner _provisioner;
    readonly IOptions<CacheOptions> _options;
    readonly TimeProvider _time;
    readonly ILogger<ResponseCache> _logger;
    readonly MemoryCache _memory;
    readonly SemaphoreSlim _createGate = new(1, 1);
    int _tableReadyAt = -1; // the storage generation the table was last created in (-1: not yet)

    public ResponseCache(
        StorageAccount storage, StorageGuard guard, StorageProvisioner provisioner, IOptions<CacheOptions> options, TimeProvider time, ILogger<ResponseCache> logger)
    {
        _storage = storage;
        _guard = guard;
        _provisioner = provisioner;
        _options = options;
        _time = time;
        _logger = logger;
        _memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.MemoryEntries), Clock = null });
    }

    public static string Key(string question, string language, string knowledgeBaseVersion, string provider, string? model)
    {
        var text = $"{QuestionNormalizer.Normalize(question)}\n{language.ToLowerInvariant()}\n{knowledgeBaseVersion}\n{provider}\n{model}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    public async Task<CachedAnswer?> GetAsync(string key, string language, CancellationToken cancellationToken)
    {
        if (_memory.TryGetValue(key, out CachedAnswer? cached) && cached is not null && !Expired(cached))
        {
            return cached;
        }

        try
        {
            var entity = await _guard.RunAsync(Store, async () =>
                await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(Partition(language), key, cancellationToken: cancellationToken),
                cancellationToken);
            if (!entity.HasValue || entity.Value is null)
            {
                return null;
            }

            cached = FromEntity(entity.Value);
            if (Expired(cached))
            {
                return null;
            }

            _memory.Set(key, cached, new MemoryCacheEntryOptions { Size = 1 });
            return cached;
        }
        catch (ClassifiedException ex)
        {
            _logger.LogWarning("Response cache read failed ({Error}); treating as a miss", ex.Message);
            return null;
        }
    }

    public async Task SetAsync(string key, string language, CachedAnswer answer, CancellationToken cancellationToken)
    {
        _memory.Set(key, answer, new MemoryCacheEntryOptions { Size = 1 });
        try
        {
            await _guard.RunAsync(Store, async () =>
                await (await TableAsync(cancellationToken)).UpsertEntityAsync(ToEntity(Partition(language), key, answer), TableUpdateMode.Replace, cancellationToken),
                cancellationToken);
        }
        catch (ClassifiedException ex)
        {
            _logger.LogWarning("Response cache write failed ({Error}); the answer is cached in this process only", ex.Message);
        }
    }

    /// <summary>Drops the in-process front (tests use it to prove a hit comes from Table Storage).</summary>
    public void ClearMemory() => _memory.Compact(1.0);

    bool Expired(CachedAnswer answer) => _time.GetUtcNow() - answer.CreatedAt > TimeSpan.FromHours(_options.Value.ResponseTtlHours);

    static string Partition(string language) => language.ToLowerInvariant();

    async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        var table = _storage.Table(_options.Value.ResponseTable);
        var generation = _provisioner.Generation;
        if (Volatile.Read(ref _tableReadyAt) == generation)
        {
            return table;
        }

        // First use, or storage came back without its tables: (re)create it (a renamed table is not provisioned).
        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (_tableReadyAt != generation)
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
                Volatile.Write(ref _tableReadyAt, generation);
            }
        }
        finally
        {
            _createGate.Release();
        }

        return table;
    }

    static TableEntity ToEntity(string partition, string key, CachedAnswer answer) => new(partition, key)
    {
        ["Text"] = answer.Text,
        ["Found"] = answer.Found,
        ["Passages"] = JsonSerializer.Serialize(answer.Passages.Select(p => new[] { p.DocumentId, p.ChunkId, p.Title, p.Score.ToString("R", System.Globalization.CultureInfo.InvariantCulture) })),
        ["Provider"] = answer.Provider,
        ["Model"] = answer.Model,
        ["InputTokens"] = answer.Usage?.InputTokens,
        ["CachedInputTokens"] = answer.Usage?.CachedInputTokens,
        ["OutputTokens"] = answer.Usage?.OutputTokens,
        ["CreatedAt"] = answer.CreatedAt,
    };

    static CachedAnswer FromEntity(TableEntity entity)
    {
        var passages = JsonSerializer.Deserialize<string[][]>(entity.GetString("Passages") ?? "[]") ?? [];
        var input = entity.GetInt64("InputTokens");
        var output = entity.GetInt64("OutputTokens");
        return new CachedAnswer(
            entity.GetString("Text") ?? "",
            entity.GetBoolean("Found") ?? false,
            [.. passages.Where(p => p.Length == 4).Select(p => new RetrievedPassage(p[0], p[1], p[2], double.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture)))],
            entity.GetString("Provider") ?? "",
            entity.GetString("Model"),
            input is null && output is null ? null : new UsageUnits(InputTokens: input, CachedInputTokens: entity.GetInt64("CachedInputTokens"), OutputTokens: output),
            entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
    }

    public void Dispose()
    {
        _memory.Dispose();
        _createGate.Dispose();
    }
}
