using System.Runtime.InteropServices;
using IvrFunctions.Core.Answers.KnowledgeBase;

namespace IvrFunctions.Core.Answers.Retrieval;

/// <summary>
/// The in-memory form of a <see cref="KnowledgeIndex"/>: postings per term for BM25 (k1 = 1.2, b = 0.75) and unit-length
/// vectors for cosine similarity. Built once per index version; searching allocates little and takes no locks.
/// </summary>
public sealed class SearchIndex
{
    const double K1 = 1.2;
    const double B = 0.75;

    readonly IndexedChunk[] _chunks;
    readonly int[] _lengths;
    readonly double _averageLength;
    readonly Dictionary<string, (int Chunk, int Count)[]> _postings;
    readonly float[]?[] _vectors;

    public static readonly SearchIndex Empty = new(new KnowledgeIndex { Version = "empty" }, null);

    public SearchIndex(KnowledgeIndex index, string? etag)
    {
        Version = index.Version;
        ETag = etag;
        EmbeddingModel = index.EmbeddingModel;
        _chunks = [.. index.Chunks];
        _lengths = new int[_chunks.Length];
        _vectors = new float[]?[_chunks.Length];
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        for (var i = 0; i < _chunks.Length; i++)
        {
            foreach (var (term, count) in _chunks[i].Terms)
            {
                _lengths[i] += count;
                if (!postings.TryGetValue(term, out var list))
                {
                    postings[term] = list = [];
                }

                list.Add((i, count));
            }

            _vectors[i] = DecodeUnitVector(_chunks[i].Vector);
        }

        _averageLength = _chunks.Length == 0 ? 1 : Math.Max(1, _lengths.Average());
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        HasVectors = _vectors.Any(v => v is not null);
        Languages = [.. _chunks.Select(c => c.Language).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    public string Version { get; }

    public string? ETag { get; }

    public string? EmbeddingModel { get; }

    public bool HasVectors { get; }

    public int ChunkCount => _chunks.Length;

    public IReadOnlyList<string> Languages { get; }

    /// <summary>Titles and passages in one language (the offline recogniser builds its vocabulary from them).</summary>
    public IEnumerable<string> TextsIn(string language) => _chunks
        .Where(c => c.Language.StartsWith(language, StringComparison.OrdinalIgnoreCase))
        .SelectMany(c => new[] { c.Title, c.Text })
        .Distinct(StringComparer.Ordinal);

    /// <summary>Scores every passage in <paramref name="language"/> (or in all languages, if the index has none in it).</summary>
    /// <param name="vectorWeight">Share of the cosine similarity in the combined score when <paramref name="queryVector"/> is given.</param>
    public IReadOnlyList<RetrievedChunk> Search(IReadOnlyList<string> queryTerms, float[]? queryVector, string language, int topK, double vectorWeight)
    {
        var restrict = Languages.Contains(language, StringComparer.OrdinalIgnoreCase);
        var bm25 = new double[_chunks.Length];
        var matchedWeight = new double[_chunks.Length];
        var candidates = restrict ? _chunks.Count(c => string.Equals(c.Language, language, StringComparison.OrdinalIgnoreCase)) : _chunks.Length;
        var queryWeight = 0.0;
        foreach (var term in queryTerms.Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(term, out var postings))
            {
                // A term the knowledge base never uses still counts against coverage, at the rarest term's weight.
                queryWeight += Math.Log(1 + ((_chunks.Length + 0.5) / 0.5));
                continue;
            }

            var idf = Math.Log(1 + ((_chunks.Length - postings.Length + 0.5) / (postings.Length + 0.5)));
            queryWeight += idf;
            foreach (var (chunk, count) in postings)
            {
                var norm = K1 * (1 - B + (B * _lengths[chunk] / _averageLength));
                bm25[chunk] += idf * (count * (K1 + 1)) / (count + norm);
                matchedWeight[chunk] += idf;
            }
        }

        var unitQuery = queryVector is null ? null : Normalize(queryVector);
        var results = new List<RetrievedChunk>(Math.Min(candidates, 64));
        for (var i = 0; i < _chunks.Length; i++)
        {
            var chunk = _chunks[i];
            if (restrict && !string.Equals(chunk.Language, language, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // BM25 is unbounded: squash it into 0..1 so it can be mixed with cosine and compared with one threshold, and scale it
            // by how much of the question (IDF-weighted) the passage covers, so one shared word does not look like an answer.
            var coverage = queryWeight > 0 ? matchedWeight[i] / queryWeight : 0;
            var lexical = bm25[i] / (bm25[i] + 4.0) * Math.Sqrt(coverage);
            double? cosine = unitQuery is not null && _vectors[i] is { } v && v.Length == unitQuery.Length ? Dot(unitQuery, v) : null;
            var score = cosine is { } c ? (vectorWeight * Math.Max(0, c)) + ((1 - vectorWeight) * lexical) : lexical;
            if (score <= 0)
            {
                continue;
            }

            results.Add(new RetrievedChunk(chunk.DocumentId, chunk.Id, chunk.Title, chunk.Text, chunk.Language, score, Math.Round(bm25[i], 4), cosine));
        }

        results.Sort((a, b) => b.Score.CompareTo(a.Score));
        return results.Count > topK ? results.GetRange(0, topK) : results;
    }

    static float[]? DecodeUnitVector(string? base64)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var bytes = Convert.FromBase64String(base64);
        return Normalize(MemoryMarshal.Cast<byte, float>(bytes).ToArray());
    }

    static float[] Normalize(float[] vector)
    {
        var norm = Math.Sqrt(Dot(vector, vector));
        if (norm == 0)
        {
            return vector;
        }

        var unit = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            unit[i] = (float)(vector[i] / norm);
        }

        return unit;
    }

    static double Dot(float[] a, float[] b)
    {
        var width = System.Numerics.Vector<float>.Count;
        var sum = System.Numerics.Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            sum += new System.Numerics.Vector<float>(a, i) * new System.Numerics.Vector<float>(b, i);
        }

        var total = (double)System.Numerics.Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }
}
