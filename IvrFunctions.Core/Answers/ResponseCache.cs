using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IvrFunctions.Core.Configuration;
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
    readonly StorageAccount _storage;
    readonly IOptions<CacheOptions> _options;
    readonly TimeProvider _time;
    readonly ILogger<ResponseCache> _logger;
    readonly MemoryCache _memory;
    readonly SemaphoreSlim _createGate = new(1, 1);
    bool _tableReady;

    public ResponseCache(StorageAccount storage, IOptions<CacheOptions> options, TimeProvider time, ILogger<ResponseCache> logger)
    {
        _storage = storage;
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
            var table = await TableAsync(cancellationToken);
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(Partition(language), key, cancellationToken: cancellationToken);
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
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            _logger.LogWarning("Response cache read failed ({Error}); treating as a miss", Describe(ex));
            return null;
        }
    }

    public async Task SetAsync(string key, string language, CachedAnswer answer, CancellationToken cancellationToken)
    {
        _memory.Set(key, answer, new MemoryCacheEntryOptions { Size = 1 });
        try
        {
            var table = await TableAsync(cancellationToken);
            await table.UpsertEntityAsync(ToEntity(Partition(language), key, answer), TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            _logger.LogWarning("Response cache write failed ({Error}); the answer is cached in this process only", Describe(ex));
        }
    }

    // Azure.Core reports exhausted transport retries as an AggregateException.
    static bool IsStorageFailure(Exception ex) => ex is RequestFailedException or AggregateException or HttpRequestException;

    static string Describe(Exception ex) => ex is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : ex.GetBaseException().Message;

    /// <summary>Drops the in-process front (tests use it to prove a hit comes from Table Storage).</summary>
    public void ClearMemory() => _memory.Compact(1.0);

    bool Expired(CachedAnswer answer) => _time.GetUtcNow() - answer.CreatedAt > TimeSpan.FromHours(_options.Value.ResponseTtlHours);

    static string Partition(string language) => language.ToLowerInvariant();

    async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        var table = _storage.Table(_options.Value.ResponseTable);
        if (_tableReady)
        {
            return table;
        }

        await _createGate.WaitAsync(cancellationToken);
        try
        {
            if (!_tableReady)
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
                _tableReady = true;
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
