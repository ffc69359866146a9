using System.Runtime.InteropServices;
using System.Text.Json;
using IvrFunctions.Core.Answers.KnowledgeBase;

namespace IvrFunctions.Benchmarks.Providers;

/// <summary>The shipped sample knowledge base as an index, built in memory the way ingest builds it (optionally with
/// 1536-dimension vectors, the size text-embedding-3-small returns, to price the cloud index).</summary>
static class SampleKnowledgeBase
{
    public static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "knowledge-base");
            if (Directory.Exists(Path.Combine(candidate, "en")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("knowledge-base/ not found above " + AppContext.BaseDirectory);
    }

    public static KnowledgeIndex Build(int dimensions)
    {
        var folder = Folder();
        var random = new Random(42);
        var chunks = new List<IndexedChunk>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories).Where(f => !f.EndsWith("README.md", StringComparison.Ordinal)))
        {
            var id = Path.ChangeExtension(Path.GetRelativePath(folder, file), null).Replace('\\', '/');
            foreach (var chunk in KnowledgeBaseIngestor.ChunkDocument(KnowledgeChunker.Read(id, File.ReadAllText(file)), 700))
            {
                if (dimensions > 0)
                {
                    var vector = Enumerable.Range(0, dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
                    chunk.Vector = Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan()));
                }

                chunks.Add(chunk);
            }
        }

        return new KnowledgeIndex { Version = "bench", EmbeddingModel = dimensions > 0 ? "bench-embedding" : null, Chunks = chunks };
    }

    public static byte[] Serialize(KnowledgeIndex index) => JsonSerializer.SerializeToUtf8Bytes(index, KnowledgeJsonContext.Default.KnowledgeIndex);

    public static readonly (string Question, string Language)[] Questions =
    [
        ("How do I reset my UPI PIN? I forgot it.", "en-IN"),
        ("Money was debited from my account but the payment failed", "en-IN"),
        ("I sent money to the wrong UPI ID by mistake", "en-IN"),
        ("what is the maximum amount I can send in a day", "en-IN"),
        ("my phone was stolen what should I do", "en-IN"),
        ("मेरा यूपीआई पिन भूल गया, रीसेट कैसे करें", "hi-IN"),
        ("खाते से पैसा कट गया लेकिन भुगतान फेल हो गया", "hi-IN"),
        ("मेरे साथ धोखाधड़ी हुई है, शिकायत कहां करूं", "hi-IN"),
        ("बिना इंटरनेट के यूपीआई कैसे चलाएं", "hi-IN"),
        ("who won the cricket match yesterday", "en-IN"),
    ];
}
