using BenchmarkDotNet.Attributes;
using IvrFunctions.Core.Answers.Retrieval;

namespace IvrFunctions.Benchmarks.Providers;

/// <summary>One retrieval over the sample knowledge base (tokenising the question included), cycling through ten questions
/// in English and Hindi; and loading the index blob's bytes into a searchable index. Targets: ≤ 5 ms a query, ≤ 200 ms a load.</summary>
[Config(typeof(ProviderBenchmarkConfig))]
public class RetrievalBenchmarks
{
    SearchIndex _bm25 = null!;
    SearchIndex _hybrid = null!;
    float[][] _questionVectors = null!;
    byte[] _bm25Blob = null!;
    byte[] _hybridBlob = null!;
    int _next;

    [GlobalSetup]
    public void Setup()
    {
        var bm25 = SampleKnowledgeBase.Build(0);
        var hybrid = SampleKnowledgeBase.Build(1536);
        _bm25 = new SearchIndex(bm25, "etag");
        _hybrid = new SearchIndex(hybrid, "etag");
        _bm25Blob = SampleKnowledgeBase.Serialize(bm25);
        _hybridBlob = SampleKnowledgeBase.Serialize(hybrid);
        var random = new Random(7);
        _questionVectors = [.. SampleKnowledgeBase.Questions.Select(_ => Enumerable.Range(0, 1536).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray())];
    }

    [Benchmark(Description = "BM25 query (offline)")]
    public int Bm25Query()
    {
        var (question, language) = SampleKnowledgeBase.Questions[_next++ % SampleKnowledgeBase.Questions.Length];
        return _bm25.Search(TextTokenizer.Tokenize(question), null, language, 3, 0.6).Count;
    }

    [Benchmark(Description = "Hybrid query (BM25 + cosine, 1536 dims)")]
    public int HybridQuery()
    {
        var i = _next++ % SampleKnowledgeBase.Questions.Length;
        var (question, language) = SampleKnowledgeBase.Questions[i];
        return _hybrid.Search(TextTokenizer.Tokenize(question), _questionVectors[i], language, 3, 0.6).Count;
    }

    [Benchmark(Description = "Index load (BM25 only)")]
    public int LoadBm25Index() => new SearchIndex(KnowledgeIndexProvider.Deserialize(_bm25Blob), "etag").ChunkCount;

    [Benchmark(Description = "Index load (1536-dim vectors)")]
    public int LoadHybridIndex() => new SearchIndex(KnowledgeIndexProvider.Deserialize(_hybridBlob), "etag").ChunkCount;
}
