using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers;

/// <summary>Writes the spoken answer from retrieved passages (a chat model, or extractively offline). Records its own API usage.</summary>
public interface IAnswerGenerator
{
    string Provider { get; }

    string? Model { get; }

    Task<GeneratedAnswer> GenerateAsync(string question, string language, IReadOnlyList<RetrievedChunk> passages, TelemetryContext context, CancellationToken cancellationToken = default);
}
