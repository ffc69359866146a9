using System.Text.Json.Serialization;

namespace IvrFunctions.Core.Answers.KnowledgeBase;

/// <summary>Source-generated JSON for the index blob: loading it stays fast and reflection-free.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KnowledgeIndex))]
internal sealed partial class KnowledgeJsonContext : JsonSerializerContext;
