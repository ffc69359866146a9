namespace IvrFunctions.Core.Configuration;

/// <summary>Retrieval and answer generation (section <c>Rag</c>).</summary>
public sealed class RagOptions
{
    public const string SectionName = "Rag";

    /// <summary>Passages retrieved per question. The default value is <c>3</c>.</summary>
    public int TopK { get; set; } = 3;

    /// <summary>Lowest combined relevance (0..1) for a passage to count; below it the answer is "I don't know". The default value is <c>0.3</c>.</summary>
    public double MinRelevance { get; set; } = 0.3;

    /// <summary>Weight of vector similarity against BM25 when embeddings exist (0..1). The default value is <c>0.6</c>.</summary>
    public double VectorWeight { get; set; } = 0.6;

    /// <summary>The default value is <c>160</c>.</summary>
    public int MaxAnswerTokens { get; set; } = 160;

    /// <summary>The default value is <c>0.2</c>.</summary>
    public double Temperature { get; set; } = 0.2;

    /// <summary>Longest offline (extractive) answer in characters. The default value is <c>320</c>.</summary>
    public int MaxExtractiveCharacters { get; set; } = 320;
}
